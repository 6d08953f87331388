// The edits the map makes to a proposal: moves and rotations, in EPSG:5186 metres
// (proposalGeometry.ts), so a polygon keeps its shape. DOM- and Cesium-free.
import type { Proposal } from '../../../common/scenario/scenarioFormat.js';
import { ringCentre, rotateOffset, toLonLat, toXY } from '../../../workers/planning/proposalGeometry.js';

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
