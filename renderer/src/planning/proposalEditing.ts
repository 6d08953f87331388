// Editing proposals on the map: click to select, drag the selected one to move it, [ and ] to rotate
// it (Shift: 15° steps, else 5°), Delete or Backspace to remove it (the edits: proposalEdits.ts).
import { toXY } from '../../../workers/planning/proposalGeometry.js';
import { on } from '../dom.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import { proposalIdOf } from './proposalEntities.js';
import { moved, rotated } from './proposalEdits.js';
import type { PlanningStore } from './planningStore.js';

export function setUpProposalEditing(store: PlanningStore, input: PickDispatcher): Destroyable {
  const life = new Disposer();
  life.add(
    input.onClick((pick) => {
      if (!pick.point) return; // over the sky: the selection stays
      const id = proposalIdOf(pick.picked);
      if (id) store.select(id);
      else if (store.selectedId) store.select(null);
    }),
  );
  // Pressing on the selected proposal drags it (the camera stays still meanwhile).
  life.add(
    input.onPress((pick) => {
      const id = proposalIdOf(pick.picked);
      const start = pick.point;
      if (!id || id !== store.selectedId || !start) return null;
      let last = toXY([start.lon, start.lat]);
      return {
        move(p) {
          const here = toXY([p.lon, p.lat]);
          const proposal = store.proposals.find((q) => q.id === id);
          if (!proposal) return;
          store.update(proposal.id, moved(proposal, here[0] - last[0], here[1] - last[1]));
          last = here;
        },
        end() {},
      };
    }),
  );
  life.add(
    on(document, 'keydown', (e) => {
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
    }),
  );
  return life;
}
