// Fire-hazard ranking from what the data supports. The formula is shown to users verbatim
// (HAZARD_FORMULA) and every factor is returned per building so a click can show it.
//
//   score = 100 × (0.25·H + 0.15·F + 0.20·U + 0.25·D + 0.15·N)
//   H  height       = min(height / 60 m, 1)           taller: harder to reach and evacuate
//   F  floors       = min(floors / 20, 1)             (height / 3.3 m when floors are unknown)
//   U  use          = USE_RISK (0.3–1.0)              sleeping / many occupants / fire load
//   D  hydrant gap  = min(distance / limit, 2) / 2    0.5 at the legal limit, 1 at twice it
//   N  density      = min(neighbours within 50 m / 20, 1)   spread to and from neighbours
import { nationalUseCode, type NationalUseCode } from '../../common/buildingUses.js';
import { EngineRun, type EngineControl } from '../engineControl.js';
import { footprintCentres, type FootprintArrays } from './footprints.js';
import { metresPerDegree } from './localMetric.js';
import { PointGrid } from './pointGrid.js';

export const HAZARD_WEIGHTS = { height: 0.25, floors: 0.15, use: 0.2, hydrant: 0.25, density: 0.15 } as const;
export const HAZARD_NEIGHBOUR_RADIUS_M = 50;

export const HAZARD_FORMULA =
  'score = 100 × (0.25·H + 0.15·F + 0.20·U + 0.25·D + 0.15·N); H = min(height/60 m, 1); F = min(floors/20, 1) (height/3.3 m if floors unknown); ' +
  'U = use risk 0.3–1.0 (homes, hotels, hospitals 1.0; industry/storage 0.9; shops 0.8; offices, schools 0.6; unknown 0.5; roofs, sheds 0.3); ' +
  'D = min(hydrant distance / limit, 2)/2; N = min(buildings within 50 m / 20, 1)';

/**
 * Use risk of each national main use (건축법 시행령 별표 1, common/buildingUses.ts), in the
 * formula's groups: people sleeping or slow to leave (homes, lodging, hospitals, care homes, youth
 * hostels, prisons) 1.0; industry, storage, hazardous materials, vehicles, recycling, power 0.9;
 * shops, neighbourhood facilities, amusement 0.8; offices, schools, assembly, religion, transport,
 * sports, broadcasting, tourism, funerals 0.6; farms, campsites 0.5; cemeteries 0.3.
 */
const RISK_BY_NATIONAL_USE: Record<NationalUseCode, number> = {
  '01000': 1.0,
  '02000': 1.0,
  '03000': 0.8,
  '04000': 0.8,
  '05000': 0.6,
  '06000': 0.6,
  '07000': 0.8,
  '08000': 0.6,
  '09000': 1.0,
  '10000': 0.6,
  '11000': 1.0,
  '12000': 1.0,
  '13000': 0.6,
  '14000': 0.6,
  '15000': 1.0,
  '16000': 0.8,
  '17000': 0.9,
  '18000': 0.9,
  '19000': 0.9,
  '20000': 0.9,
  '21000': 0.5,
  '22000': 0.9,
  '23000': 1.0,
  '24000': 0.6,
  '25000': 0.9,
  '26000': 0.3,
  '27000': 0.6,
  '28000': 0.6,
  '29000': 0.5,
};

/** Use risk by national use code, OSM building=* value or Korean use name. */
export function useRisk(use: string): number {
  const code = nationalUseCode(use);
  if (code) return RISK_BY_NATIONAL_USE[code];
  const u = use.trim().toLowerCase();
  if (/^(residential|apartments?|house|detached|dormitory|hotel|hospital|terrace|semidetached_house|nursing_home)$|주택|아파트|기숙사|숙박|의료|노유자/.test(u))
    return 1.0;
  if (/^(industrial|warehouse|factory|manufacture|storage_tank)$|공장|창고|위험물/.test(u)) return 0.9;
  if (/^(retail|commercial|supermarket|mall|kiosk|shop|department_store)$|판매|근린생활|시장|위락/.test(u)) return 0.8;
  if (/^(office|school|university|college|public|civic|government|church|temple|train_station|transportation)$|업무|교육|종교|문화|공공/.test(u)) return 0.6;
  if (/^(roof|shed|garage|garages|carport|hut|service|construction)$/.test(u)) return 0.3;
  return 0.5;
}

export interface HazardInput {
  buildings: FootprintArrays;
  height: Float32Array;
  /** 0 = unknown. */
  floors: Float32Array;
  /** useRisk() per building (computed on the page, where the use strings are). */
  useRisk: Float32Array;
  /** Coverage result: footprint distance and applied limit per building. */
  hydrantDistance: Float32Array;
  limit: Float32Array;
}

export interface HazardResult {
  score: Float32Array;
  /** Factor values 0..1 per building, in HAZARD_WEIGHTS order. */
  height: Float32Array;
  floors: Float32Array;
  use: Float32Array;
  hydrant: Float32Array;
  density: Float32Array;
  neighbours: Uint16Array;
  /** Building indices, highest score first. */
  order: Uint32Array;
}

export function rankHazard(input: HazardInput, control?: EngineControl): HazardResult {
  const run = new EngineRun('hazard', control);
  const centres = footprintCentres(input.buildings);
  const n = centres.length / 2;
  const score = new Float32Array(n);
  const fh = new Float32Array(n);
  const ff = new Float32Array(n);
  const fu = new Float32Array(n);
  const fd = new Float32Array(n);
  const fn = new Float32Array(n);
  const neighbours = new Uint16Array(n);
  let lat0 = 0;
  for (let i = 0; i < n; i++) lat0 += centres[2 * i + 1];
  lat0 = n ? lat0 / n : 0;
  const { x: mx, y: my } = metresPerDegree(lat0);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = centres[2 * i] * mx;
    ys[i] = centres[2 * i + 1] * my;
  }
  // Neighbours counted in the grid's cell order: consecutive queries read the same few cells.
  const grid = new PointGrid(xs, ys, HAZARD_NEIGHBOUR_RADIUS_M);
  for (let k = 0; k < grid.size; k++) {
    run.tick(k, 2 * n, 'hazard neighbours');
    const near = grid.countWithin(grid.xs[k], grid.ys[k], HAZARD_NEIGHBOUR_RADIUS_M) - 1; // not itself
    neighbours[grid.ids[k]] = Math.min(65535, Math.max(0, near));
  }
  const w = HAZARD_WEIGHTS;
  for (let i = 0; i < n; i++) {
    run.tick(n + i, 2 * n, 'hazard factors');
    const h = input.height[i] || 0;
    const floors = input.floors[i] > 0 ? input.floors[i] : h / 3.3;
    const d = input.hydrantDistance[i];
    const lim = input.limit[i] || 140;
    fh[i] = Math.min(h / 60, 1);
    ff[i] = Math.min(floors / 20, 1);
    fu[i] = input.useRisk[i];
    fd[i] = Number.isFinite(d) ? Math.min(d / lim, 2) / 2 : 1;
    fn[i] = Math.min(neighbours[i] / 20, 1);
    score[i] = 100 * (w.height * fh[i] + w.floors * ff[i] + w.use * fu[i] + w.hydrant * fd[i] + w.density * fn[i]);
  }
  const order = rankOrder(score);
  run.report(1, 'done');
  return { score, height: fh, floors: ff, use: fu, hydrant: fd, density: fn, neighbours, order };
}

/**
 * Building indices by score, highest first, ties by index: the order of
 * `sort((a, b) => score[b] - score[a] || a - b)`, by a stable radix sort (two 16-bit passes) of the
 * scores' float32 bits made order-preserving and inverted for descending: O(n), about ten times
 * faster than the comparator at 600,000 buildings. Non-finite scores take the comparator.
 */
export function rankOrder(score: Float32Array): Uint32Array {
  const n = score.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!score.every(Number.isFinite)) return order.sort((a, b) => score[b] - score[a] || a - b);
  const bits = new Uint32Array(score.buffer, score.byteOffset, n);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const b = bits[i];
    // IEEE order: flip every bit of negatives, only the sign bit of positives; -0 and +0 tie as in
    // the comparator. Then invert: descending.
    const ascending = score[i] === 0 ? 0x80000000 : b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    keys[i] = 0xffffffff - ascending;
  }
  let other = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[order[i]] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const id = order[i];
      other[counts[(keys[id] >>> shift) & 0xffff]++] = id;
    }
    [order, other] = [other, order];
  }
  return order;
}
