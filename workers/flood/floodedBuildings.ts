// Which buildings the water reaches: the deepest water on the open cells touching each footprint
// (8 neighbours of its wall cells), and whether a semi-basement home may be exposed there.
//
// Semi-basement (반지하) homes: where a source records floors below ground (the building register's
// UGRND_FLR) on a residential building, exposure is 'recorded'. Elsewhere no floors below ground
// are known, so exposure is an ASSUMPTION: residential use (OSM apartments/residential/house/
// detached/terrace/semidetached_house/dormitory, national use codes 01000 단독주택 and 02000
// 공동주택) with at most 5 floors above ground or floors unknown — the low-rise multi-family
// housing where Seoul's ~200,000 semi-basement homes are (census 2020). Such buildings are marked
// 'assumed'; buildings of other or unknown use are not counted.
import { nationalUseCode } from '../../common/buildingUses.js';

export const RESIDENTIAL_USES = new Set(['apartments', 'residential', 'house', 'detached', 'terrace', 'semidetached_house', 'dormitory']);
/** National main-use codes of homes (건축법 시행령 별표 1 items 1 and 2). */
export const RESIDENTIAL_NATIONAL_USES = new Set(['01000', '02000']);
export const SEMI_BASEMENT_MAX_FLOORS = 5;
export const SEMI_BASEMENT_BASIS = `recorded where the source records floors below ground on a residential building; elsewhere assumed for residential use (${[...RESIDENTIAL_USES].join(', ')}, national codes ${[...RESIDENTIAL_NATIONAL_USES].join(', ')}) with 1-${SEMI_BASEMENT_MAX_FLOORS} floors or floors unknown`;

export type SemiBasement = 'recorded' | 'assumed' | 'none';

export interface FloodedBuilding {
  index: number;
  id: string;
  name: string;
  use: string;
  floors: number;
  /** Deepest water (m) on the open cells around the footprint during the event. */
  maxDepth: number;
  /** Seconds from the start until water around it first exceeded the arrival threshold; -1: never. */
  arrivalSeconds: number;
  /** 'recorded' or 'assumed' (see SEMI_BASEMENT_BASIS), or 'none' (use not residential low-rise, or unknown). */
  semiBasement: SemiBasement;
}

export function isResidentialUse(use: string): boolean {
  const code = nationalUseCode(use);
  return code ? RESIDENTIAL_NATIONAL_USES.has(code) : RESIDENTIAL_USES.has(use);
}

export function semiBasementLikely(use: string, floors: number): boolean {
  return isResidentialUse(use) && (floors === 0 || floors <= SEMI_BASEMENT_MAX_FLOORS);
}

/** 'recorded' when a source records floors below ground on a residential building, else the assumption. */
export function semiBasementOf(use: string, floors: number, basementFloors: number): SemiBasement {
  if (basementFloors > 0 && isResidentialUse(use)) return 'recorded';
  return semiBasementLikely(use, floors) ? 'assumed' : 'none';
}

/** Per building: the max of `depth` and min of `arrival` (-1 = never) over its surrounding open cells. */
export function depthAroundBuildings(
  width: number,
  height: number,
  owner: Int32Array,
  open: Uint8Array,
  depth: Float32Array,
  arrival: Float32Array,
  count: number,
): { depth: Float64Array; arrival: Float64Array } {
  const dOut = new Float64Array(count);
  const aOut = new Float64Array(count).fill(Infinity);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const k = r * width + c;
      if (!open[k]) continue;
      const d = depth[k];
      const a = arrival[k];
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          if ((dr === 0 && dc === 0) || cc < 0 || cc >= width) continue;
          const b = owner[rr * width + cc];
          if (b < 0) continue;
          if (d > dOut[b]) dOut[b] = d;
          if (a >= 0 && a < aOut[b]) aOut[b] = a;
        }
      }
    }
  }
  for (let b = 0; b < count; b++) if (aOut[b] === Infinity) aOut[b] = -1;
  return { depth: dOut, arrival: aOut };
}
