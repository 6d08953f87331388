// Editing proposals on the map: click to select, drag the selected one to move it, [ and ] to rotate
// it (Shift: 15° steps, else 5°), Delete or Backspace to remove it. Moves and rotations happen in
// EPSG:5186 metres (proposalGeometry.ts), so a polygon keeps its shape.
import type { Proposal } from '../../../common/scenario/scenarioFormat.js';
import { ringCentre, rotateOffset, toLonLat, toXY } from '../../../workers/planning/proposalGeometry.js';
import type { MapInput, MapPoint } from '../analysis/mapInput.js';
import { proposalIdOf } from './proposalEntities.js';
import type { PlanningStore } from './planningStore.js';

/** The proposal moved by (dx, dy) metres. */
export function moved(p: Proposal, dx: number, dy: number): Partial<Proposal> {
  const shift = (ll: [number, number]): [number, number] => {
    const [x, y] = toXY(ll);
    return toLonLat([x + dx, y + dy]);
  };
  switch (p.kind) {
    case 'box':
      return { centre: shift(p.centre) };
    case 'gltf':
      return { position: shift(p.position) };
    case 'polygon':
      return { ring: p.ring.map(shift) };
  }
}

/** The proposal turned by `deg` clockwise about its centre. */
export function rotated(p: Proposal, deg: number): Partial<Proposal> {
  if (p.kind === 'polygon') {
    const ring = p.ring.map(toXY);
    const [cx, cy] = ringCentre(ring);
    return { ring: ring.map(([x, y]) => toLonLat(rotateOffset(cx, cy, x - cx, y - cy, deg))) };
  }
  const r = ((((p.rotation ?? 0) + deg) % 360) + 360) % 360;
  return { rotation: Math.round(r * 1000) / 1000 };
}

export function setUpProposalEditing(store: PlanningStore, input: MapInput): void {
  let drag: { id: string; last: [number, number] } | null = null;
  input.idle = {
    click(p: MapPoint) {
      const id = proposalIdOf(p.picked);
      if (id) store.select(id);
      else if (store.selectedId) store.select(null);
    },
    down(p: MapPoint) {
      const id = proposalIdOf(p.picked);
      if (!id || id !== store.selectedId) return false;
      drag = { id, last: toXY([p.lon, p.lat]) };
      return true; // the camera stays still while dragging
    },
    move(p: MapPoint) {
      if (!drag) return;
      const here = toXY([p.lon, p.lat]);
      const proposal = store.proposals.find((q) => q.id === drag!.id);
      if (!proposal) return;
      store.update(proposal.id, moved(proposal, here[0] - drag.last[0], here[1] - drag.last[1]));
      drag.last = here;
    },
    up() {
      drag = null;
    },
  };
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
    const p = store.selected;
    if (!p) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      store.remove(p.id);
    } else if (e.key === '[' || e.key === '{' || e.key === ']' || e.key === '}') {
      const step = e.shiftKey ? 15 : 5;
      store.update(p.id, rotated(p, e.key === '[' || e.key === '{' ? -step : step));
    } else return;
    e.preventDefault();
  });
}
