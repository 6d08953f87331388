// Fire-hazard ranking from what the data supports. The formula is shown to users verbatim
// (HAZARD_FORMULA) and every factor is returned per building so a click can show it.
//
//   score = 100 × (0.25·H + 0.15·F + 0.20·U + 0.25·D + 0.15·N)
//   H  height       = min(height / 60 m, 1)           taller: harder to reach and evacuate
//   F  floors       = min(floors / 20, 1)             (height / 3.3 m when floors are unknown)
//   U  use          = USE_RISK (0.3–1.0)              sleeping / many occupants / fire load
//   D  hydrant gap  = min(distance / limit, 2) / 2    0.5 at the legal limit, 1 at twice it
//   N  density      = min(neighbours within 50 m / 20, 1)   spread to and from neighbours
import KDBush from 'kdbush';
import { nationalUseCode, type NationalUseCode } from '../../common/buildingUses.js';
import { EngineRun, type EngineControl } from '../engineControl.js';
import { footprintCentres, type FootprintArrays } from './footprints.js';
import { metresPerDegree } from './localMetric.js';

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
  const index = new KDBush(Math.max(1, n));
  for (let i = 0; i < n; i++) index.add(centres[2 * i] * mx, centres[2 * i + 1] * my);
  if (n === 0) index.add(Infinity, Infinity);
  index.finish();
  const w = HAZARD_WEIGHTS;
  for (let i = 0; i < n; i++) {
    run.tick(i, n, 'hazard factors');
    const h = input.height[i] || 0;
    const floors = input.floors[i] > 0 ? input.floors[i] : h / 3.3;
    const near = index.within(centres[2 * i] * mx, centres[2 * i + 1] * my, HAZARD_NEIGHBOUR_RADIUS_M).length - 1;
    neighbours[i] = Math.min(65535, Math.max(0, near));
    const d = input.hydrantDistance[i];
    const lim = input.limit[i] || 140;
    fh[i] = Math.min(h / 60, 1);
    ff[i] = Math.min(floors / 20, 1);
    fu[i] = input.useRisk[i];
    fd[i] = Number.isFinite(d) ? Math.min(d / lim, 2) / 2 : 1;
    fn[i] = Math.min(neighbours[i] / 20, 1);
    score[i] = 100 * (w.height * fh[i] + w.floors * ff[i] + w.use * fu[i] + w.hydrant * fd[i] + w.density * fn[i]);
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
  run.report(1, 'done');
  return { score, height: fh, floors: ff, use: fu, hydrant: fd, density: fn, neighbours, order };
}
