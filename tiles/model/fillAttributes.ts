// The attribute rule of merging: the winning source gives geometry and height; whatever it lacks
// is filled from the other sources that describe the same building, best first. A default never
// replaces a recorded value: a winner without height or floors takes a recorded height or floor
// count from another source rather than getting a default by use.
import type { SourceAttributes } from '../readers/types.js';
import { plausibleFloors, plausibleHeight } from './heights.js';

export type FilledField = 'height' | 'floors' | 'name' | 'use' | 'basement floors';

export interface FillResult {
  attributes: SourceAttributes;
  /** What each other source filled, by its position in `others` (absent: nothing). */
  filled: Map<number, FilledField[]>;
  /** Position in `others` of the source the height came from; null: the winner's own. */
  heightFrom: number | null;
}

const positive = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0;
/** A recorded height: measured, or floors to derive it from (implausible values are no record). */
const hasHeight = (a: SourceAttributes) => plausibleHeight(a.height) || plausibleFloors(a.floors);
/** OSM's building=yes says only "a building": not a use to keep over a real one. */
const hasUse = (a: SourceAttributes) => a.use !== '' && a.use !== 'yes';

/** `others` in order of preference (higher-priority source first, then larger overlap). */
export function fillAttributes(winner: SourceAttributes, others: readonly SourceAttributes[]): FillResult {
  const a: SourceAttributes = { ...winner };
  const filled = new Map<number, FilledField[]>();
  const note = (k: number, field: FilledField) => filled.set(k, [...(filled.get(k) ?? []), field]);
  let heightFrom: number | null = null;

  if (!hasHeight(a)) {
    const k = others.findIndex(hasHeight);
    if (k >= 0) {
      const o = others[k];
      Object.assign(a, { height: o.height, floors: o.floors, minHeight: o.minHeight, heightBasis: o.heightBasis });
      heightFrom = k;
      note(k, 'height');
      if (plausibleFloors(o.floors)) note(k, 'floors');
    }
  }
  others.forEach((o, k) => {
    if (!plausibleFloors(a.floors) && plausibleFloors(o.floors)) {
      a.floors = o.floors;
      note(k, 'floors');
    }
    if (!a.name && o.name) {
      a.name = o.name;
      note(k, 'name');
    }
    if (!hasUse(a) && hasUse(o)) {
      a.use = o.use;
      note(k, 'use');
    }
    // Registers write 0 where nothing is recorded, so only a positive count is information.
    if (!positive(a.basementFloors) && positive(o.basementFloors)) {
      a.basementFloors = o.basementFloors;
      note(k, 'basement floors');
    }
  });
  return { attributes: a, filled, heightFrom };
}
