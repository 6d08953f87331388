// Sunlight hours on every cell of a surface model (the city build's DSM, with proposals burnt in).
//
// INPUT  (GroundSunHoursInput, all optional except dsm):
//   dsm          RasterGrid, EPSG:5186, heights in metres (noData cells cast no shadow, get noData)
//   date         KST calendar date 'YYYY-MM-DD'; default: the winter solstice (KST) of the current year
//   startMinute  window start, minutes after 00:00 KST (default 0)
//   endMinute    window end (default 1440); the window is cut into steps of stepMinutes (default 10),
//                and (end - start) must be a whole number of steps
//   rows         [start, end): compute only these rows (for the pool; the whole DSM is still read,
//                because shadows come from outside the band)
//   keepSteps    also return the per-step sunlit bitset (needed for right-to-light on the ground)
//   site         { lon, lat } the sun is computed for; default the DSM's centre (one sun for the
//                whole grid: over 5 km the sun direction changes by < 0.05°, below one step's motion)
// OUTPUT (GroundSunHoursResult):
//   hours        RasterGrid of the band rows only (Float32 hours, noData where the DSM has none)
//   rows         the band [start, end)
//   steps        per step: startMinute (KST), utcMs of the sample, true and grid azimuth, elevation
//   sunlit       (keepSteps) Uint32Array, cell-major: bit k of word (cell * wordsPerCell + k>>5) is
//                step k; cell = (row - rows[0]) * width + col
//   rightToLight (keepSteps) Uint8Array per band cell: 1 passes the Korean rule (rightToLight.ts)
// Split across workers with workers/pool (row bands; results concatenate).
//
// Model. A step sample stands for [t, t + step) and is evaluated at its midpoint t + step/2. A
// cell is sunlit when the sun's apparent elevation is > 0 and the ray from its surface (cell centre,
// cell height) toward the sun passes above every DSM cell it crosses, cells being flat-topped
// columns (a building wall stands on the cell boundary). One sun direction for the whole grid.
// Beyond the grid edge nothing obstructs: terrain and buildings outside the raster are ignored, so
// give the DSM a margin of (relief / tan(elevation)) around the area of interest when that matters.
// Heights are compared in grid metres (EPSG:5186 scale factor ~1.0000 here).
//
// Method: one O(cells) sweep per time step along the sun's direction (sweep()): each cell's own
// ray is followed exactly through the first NEAR_STEPS cells (the same relative cells for every
// cell: one list per step), and beyond that the highest shadow is carried along parallel digital
// lines. Checked against a brute-force ray-marching oracle on the real DSM and exact prism geometry
// (test/integration/groundSunHours.test.ts, test/unit/sun/groundSunHours.test.ts).
import { EngineRun, type EngineControl } from '../engineControl.js';
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';
import { rightToLightFromBits } from './rightToLight.js';
import { gridToLonLat5186, kstInstant, sunDirectionGrid, winterSolsticeKst, KST_OFFSET_MS } from './sunPosition.js';

export interface GroundSunHoursInput {
  dsm: RasterGrid;
  date?: string;
  startMinute?: number;
  endMinute?: number;
  stepMinutes?: number;
  rows?: [number, number];
  keepSteps?: boolean;
  site?: { lon: number; lat: number };
  /** TT - UT seconds (default sunPosition's). */
  deltaT?: number;
}

export interface SunStep {
  /** Interval start, minutes after 00:00 KST. */
  startMinute: number;
  /** The instant the sun is evaluated at (interval midpoint), ms UTC. */
  utcMs: number;
  azimuth: number;
  gridAzimuth: number;
  /** Apparent elevation, degrees; the step counts only when > 0. */
  elevation: number;
}

export interface GroundSunHoursResult {
  hours: RasterGrid;
  rows: [number, number];
  date: string;
  stepMinutes: number;
  steps: SunStep[];
  wordsPerCell: number;
  sunlit?: Uint32Array;
  rightToLight?: Uint8Array;
}

export interface SunWindow {
  date: string;
  startMinute: number;
  endMinute: number;
  stepMinutes: number;
}

/** Normalises and checks a date/time window (defaults: winter solstice, whole day, 10 minutes). */
export function sunWindow(input: Partial<SunWindow>): SunWindow {
  const date = input.date ?? winterSolsticeKst(new Date(Date.now() + KST_OFFSET_MS).getUTCFullYear());
  const startMinute = input.startMinute ?? 0;
  const endMinute = input.endMinute ?? 1440;
  const stepMinutes = input.stepMinutes ?? 10;
  kstInstant(date, 0); // throws a clear error for a bad date
  if (!(stepMinutes > 0) || !Number.isFinite(stepMinutes)) throw new Error(`stepMinutes ${stepMinutes} must be a positive number`);
  if (!(startMinute >= 0 && endMinute <= 1440 && startMinute < endMinute)) {
    throw new Error(`time window ${startMinute}-${endMinute} min must satisfy 0 <= start < end <= 1440 (minutes after 00:00 KST)`);
  }
  const n = (endMinute - startMinute) / stepMinutes;
  if (Math.abs(n - Math.round(n)) > 1e-9) throw new Error(`time window ${startMinute}-${endMinute} min is not a whole number of ${stepMinutes}-minute steps`);
  return { date, startMinute, endMinute, stepMinutes };
}

/** Sun for every step of a window at a site (sample at each interval's midpoint). */
export function sunSteps(window: SunWindow, site: { lon: number; lat: number }, deltaT?: number): SunStep[] {
  const n = Math.round((window.endMinute - window.startMinute) / window.stepMinutes);
  const steps: SunStep[] = [];
  for (let k = 0; k < n; k++) {
    const startMinute = window.startMinute + k * window.stepMinutes;
    const utcMs = kstInstant(window.date, startMinute + window.stepMinutes / 2);
    const sun = sunDirectionGrid(utcMs, { lon: site.lon, lat: site.lat, deltaT });
    steps.push({ startMinute, utcMs, azimuth: sun.position.azimuth, gridAzimuth: sun.gridAzimuth, elevation: sun.elevation });
  }
  return steps;
}

/** Longitude/latitude of a grid's centre (the default site for its sun). */
export function gridCentreLonLat(grid: RasterGrid): { lon: number; lat: number } {
  const [lon, lat] = gridToLonLat5186(grid.originX + (grid.width * grid.cellSize) / 2, grid.originY - (grid.height * grid.cellSize) / 2);
  return { lon, lat };
}

/** Sweep steps (cells along the sun's major axis) that each cell's own ray is followed exactly. */
// 16: 99.5 % of cells within one step of the ray-marching oracle on the busiest real window (6 gave
// 96 %, 40 gave 99.8 % at twice the time); see test/integration/groundSunHours.test.ts.
const NEAR_STEPS = 16;

/**
 * The cells a ray from a cell centre crosses within NEAR_STEPS sweep steps toward the sun, with the
 * sweep distance at which it enters each. The grid is regular, so every cell's ray crosses the same
 * relative cells: one list per sun direction serves all cells. Offsets: `da` steps upstream, `dm`
 * along the minor axis (the ray's minor position upstream is -slope per step).
 */
function nearCells(slope: number): { da: number[]; dm: number[]; entry: number[] } {
  const da: number[] = [];
  const dm: number[] = [];
  const entry: number[] = [];
  // Crossings of major boundaries (s = 0.5, 1.5, ...) and minor boundaries (|slope| s = 0.5, 1.5, ...).
  const events: { s: number; major: boolean }[] = [];
  for (let q = 0; q < NEAR_STEPS; q++) events.push({ s: q + 0.5, major: true });
  const ms = Math.abs(slope);
  if (ms > 1e-12) for (let q = 0; (q + 0.5) / ms < NEAR_STEPS + 0.5; q++) events.push({ s: (q + 0.5) / ms, major: false });
  events.sort((x, y) => x.s - y.s || (x.major ? -1 : 1));
  let a = 0;
  let m = 0;
  const dir = slope > 0 ? -1 : 1; // minor step when moving upstream
  for (const e of events) {
    if (e.major) a++;
    else m += dir;
    da.push(a);
    dm.push(m);
    entry.push(e.s);
  }
  return { da, dm, entry };
}

/**
 * One sun direction over a region, in sweep coordinates: step i (0 = the sun's side) reads
 * arr[offsetOf(i) + m] for minor index m in [mLo, mHi). A cell is lit when
 *  - near field: no cell its own ray crosses within NEAR_STEPS steps rises above the ray (exact,
 *    cells as flat-topped columns entered at their near edge), and
 *  - far field: no cell further upstream on the digital line through it does. Two families of
 *    parallel lines half a cell apart; each step uses the family passing nearer the cell centres
 *    (within a quarter cell). Per line, G holds max(h + dz/2 + p*dz) over cells injected so far
 *    (p = their step), each injected NEAR_STEPS + 1 steps late, so G - i*dz is the highest shadow
 *    from cells beyond the near field: O(1) per cell and step. `phase` (the fractional part of
 *    the slope times the world step index of step 0) anchors the lines to the national grid, so
 *    windows at any origin (row bands, a batch run's tiles) draw the same lines through a cell.
 * `lit(i, m)` is called for each sunlit cell of the steps where `writes(i)` is true.
 */
function sweep(
  arr: Float32Array,
  offsetOf: (i: number) => number,
  steps: number,
  absStep: (i: number) => number,
  maxAbs: number,
  mLo: number,
  mHi: number,
  slope: number,
  phase: number,
  dz: number,
  G: Float64Array[],
  writes: (i: number) => boolean,
  lit: (i: number, m: number) => void,
): void {
  const half = dz / 2;
  const near = nearCells(slope);
  const nn = near.da.length;
  const nearOff = new Int32Array(nn);
  const nearDm = new Int32Array(nn);
  const nearDrop = new Float64Array(nn);
  const lines = G[0].length;
  // Line slot of minor index m for a family whose rounding offset is o: m - mLo - o + base.
  const base = Math.ceil(Math.abs(slope) * (maxAbs + 1)) + 2;
  if (2 * base + (mHi - mLo) + 4 > lines) throw new Error('groundSunHours: line buffer too small');
  G[0].fill(-Infinity);
  G[1].fill(-Infinity);
  const late = NEAR_STEPS + 1;
  for (let i = 0; i < steps; i++) {
    const off = offsetOf(i);
    const a = absStep(i);
    // Inject the cells NEAR_STEPS + 1 steps upstream into both families.
    if (i >= late) {
      const offOld = offsetOf(i - late);
      const aOld = a - late;
      for (let f = 0; f < 2; f++) {
        const g = G[f];
        const o = Math.floor(aOld * slope + phase + 0.5 + f / 2);
        const shift = base - o - mLo;
        const add = half + (i - late) * dz;
        for (let m = mLo; m < mHi; m++) {
          const v = arr[offOld + m] + add;
          const j = m + shift;
          if (v > g[j]) g[j] = v;
        }
      }
    }
    if (!writes(i)) continue;
    const pos = a * slope + phase;
    const f = Math.abs(pos - Math.floor(pos + 0.5)) <= 0.25 ? 0 : 1;
    const g = G[f];
    const shift = base - Math.floor(pos + 0.5 + f / 2) - mLo;
    const decay = i * dz;
    let nq = 0;
    for (let q = 0; q < nn; q++) {
      if (i - near.da[q] < 0) continue;
      nearOff[nq] = offsetOf(i - near.da[q]) + near.dm[q];
      nearDm[nq] = near.dm[q];
      nearDrop[nq] = near.entry[q] * dz;
      nq++;
    }
    for (let m = mLo; m < mHi; m++) {
      const hc = arr[off + m];
      if (g[m + shift] - decay > hc) continue;
      let blocked = false;
      for (let q = 0; q < nq; q++) {
        const mm = m + nearDm[q];
        // Off the region's minor range nothing obstructs (its rows/columns are not loaded).
        if (mm < mLo || mm >= mHi) continue;
        if (arr[nearOff[q] + m] - nearDrop[q] > hc) {
          blocked = true;
          break;
        }
      }
      if (!blocked) lit(i, m);
    }
  }
}

/** Fractional part of the slope times the world step index of a window's step 0 (see sweep). */
function linePhase(worldStepOfFirst: number, slope: number): number {
  const p = worldStepOfFirst * slope;
  return p - Math.floor(p);
}

export function groundSunHours(input: GroundSunHoursInput, control?: EngineControl): GroundSunHoursResult {
  const run = new EngineRun('groundSunHours', control);
  const dsm = input.dsm;
  assertGrid(dsm, 'groundSunHours dsm');
  const window = sunWindow(input);
  const W = dsm.width;
  const H = dsm.height;
  const [r0, r1] = input.rows ?? [0, H];
  if (!(Number.isInteger(r0) && Number.isInteger(r1) && 0 <= r0 && r0 < r1 && r1 <= H)) {
    throw new Error(`groundSunHours: rows [${r0}, ${r1}) are not a band of the DSM's ${H} rows`);
  }
  const steps = sunSteps(window, input.site ?? gridCentreLonLat(dsm), input.deltaT);
  const nSteps = steps.length;
  const words = Math.max(1, Math.ceil(nSteps / 32));
  const bandH = r1 - r0;
  const bandCells = bandH * W;

  // Heights with noData as -Infinity (casts nothing); relief bounds how far shadows reach.
  const h = new Float32Array(W * H);
  let maxH = -Infinity;
  let bandMinH = Infinity;
  for (let i = 0; i < W * H; i++) {
    const v = dsm.values[i];
    const ok = v !== dsm.noData && Number.isFinite(v);
    h[i] = ok ? v : -Infinity;
    if (ok && v > maxH) maxH = v;
    if (ok && i >= r0 * W && i < r1 * W && v < bandMinH) bandMinH = v;
  }
  const relief = Number.isFinite(maxH) && Number.isFinite(bandMinH) ? Math.max(0, maxH - bandMinH) : 0;

  const up = steps.filter((s) => s.elevation > 0);
  // Rows the sweeps may need: the band plus the farthest a shadow reaches toward the sun.
  let regionLo = r0;
  let regionHi = r1;
  const reachRows = (s: SunStep) => {
    const tanE = Math.tan((s.elevation * Math.PI) / 180);
    const dr = -Math.cos((s.gridAzimuth * Math.PI) / 180); // row change toward the sun per unit path
    const reach = Math.ceil((relief / tanE / dsm.cellSize) * Math.abs(dr)) + 2;
    return dr > 0 ? [r0, Math.min(H, r1 + reach)] : [Math.max(0, r0 - reach), r1];
  };
  for (const s of up) {
    const [lo, hi] = reachRows(s);
    regionLo = Math.min(regionLo, lo);
    regionHi = Math.max(regionHi, hi);
  }
  const RH = regionHi - regionLo;
  // Transposed region (column-major) for the column-dominant sweeps: hT[c * RH + (r - regionLo)].
  let hT: Float32Array | null = null;
  const needsT = up.some((s) => Math.abs(Math.sin((s.gridAzimuth * Math.PI) / 180)) > Math.abs(Math.cos((s.gridAzimuth * Math.PI) / 180)));
  if (needsT) {
    hT = new Float32Array(W * RH);
    for (let r = regionLo; r < regionHi; r++) {
      const rr = r - regionLo;
      for (let c = 0; c < W; c++) hT[c * RH + rr] = h[r * W + c];
    }
  }

  const count = new Uint16Array(bandCells);
  const countT = needsT ? new Uint16Array(bandCells) : null; // transposed: c * bandH + (r - r0)
  const bits = input.keepSteps ? new Uint32Array(bandCells * words) : null;
  const bitsT = input.keepSteps && needsT ? new Uint32Array(bandCells * words) : null;
  const G = [new Float64Array(4 * (H + W) + 64), new Float64Array(4 * (H + W) + 64)];

  // World row and column of the window's first cell (the grid is aligned to whole cells).
  const rowBase = Math.round(-dsm.originY / dsm.cellSize);
  const colBase = Math.round(dsm.originX / dsm.cellSize);
  run.report(0, 'sun steps');
  for (let k = 0; k < nSteps; k++) {
    const s = steps[k];
    if (!(s.elevation > 0)) continue;
    const az = (s.gridAzimuth * Math.PI) / 180;
    const tanE = Math.tan((s.elevation * Math.PI) / 180);
    const dc = Math.sin(az); // toward the sun: columns grow east
    const dr = -Math.cos(az); // rows grow south
    const [lo, hi] = reachRows(s);
    const word = k >> 5;
    const bit = (1 << (k & 31)) >>> 0;
    if (Math.abs(dr) >= Math.abs(dc)) {
      // Row-dominant: sweep rows starting on the sun's side; the minor axis is the columns.
      const first = dr > 0 ? hi - 1 : lo;
      const stepR = dr > 0 ? -1 : 1;
      const rowOf = (i: number) => first + i * stepR;
      sweep(
        h,
        (i) => rowOf(i) * W,
        hi - lo,
        // Line phase from the world row, so every band and every window draws the same lines.
        (i) => (dr > 0 ? H - 1 - rowOf(i) : rowOf(i)),
        H,
        0,
        W,
        -dc / Math.abs(dr),
        linePhase(dr > 0 ? -(H - 1 + rowBase) : rowBase, -dc / Math.abs(dr)),
        (tanE * dsm.cellSize) / Math.abs(dr),
        G,
        (i) => rowOf(i) >= r0 && rowOf(i) < r1,
        (i, m) => {
          const o = (rowOf(i) - r0) * W + m;
          count[o]++;
          if (bits) bits[o * words + word] |= bit;
        },
      );
    } else {
      // Column-dominant: sweep columns starting on the sun's side over the transposed copy.
      const first = dc > 0 ? W - 1 : 0;
      const stepC = dc > 0 ? -1 : 1;
      const colOf = (i: number) => first + i * stepC;
      const br0 = r0 - regionLo;
      const br1 = r1 - regionLo;
      sweep(
        hT!,
        (i) => colOf(i) * RH,
        W,
        (i) => i,
        W,
        lo - regionLo,
        hi - regionLo,
        -dr / Math.abs(dc),
        linePhase(dc > 0 ? -(W - 1 + colBase) : colBase, -dr / Math.abs(dc)),
        (tanE * dsm.cellSize) / Math.abs(dc),
        G,
        () => true,
        (i, rr) => {
          if (rr < br0 || rr >= br1) return;
          const o = colOf(i) * bandH + (rr - br0);
          countT![o]++;
          if (bitsT) bitsT[o * words + word] |= bit;
        },
      );
    }
    run.report((k + 1) / nSteps, 'sun steps');
  }

  const hours = new Float32Array(bandCells);
  const perStep = window.stepMinutes / 60;
  for (let r = r0; r < r1; r++) {
    for (let c = 0; c < W; c++) {
      const o = (r - r0) * W + c;
      if (h[r * W + c] === -Infinity) {
        hours[o] = dsm.noData;
        continue;
      }
      const n = count[o] + (countT ? countT[c * bandH + (r - r0)] : 0);
      hours[o] = n * perStep;
      if (bits && bitsT) {
        const t = (c * bandH + (r - r0)) * words;
        for (let w = 0; w < words; w++) bits[o * words + w] |= bitsT[t + w];
      }
    }
  }
  const result: GroundSunHoursResult = {
    hours: {
      values: hours,
      width: W,
      height: bandH,
      cellSize: dsm.cellSize,
      originX: dsm.originX,
      originY: dsm.originY - r0 * dsm.cellSize,
      noData: dsm.noData,
    },
    rows: [r0, r1],
    date: window.date,
    stepMinutes: window.stepMinutes,
    steps,
    wordsPerCell: words,
  };
  if (bits) {
    result.sunlit = bits;
    const pass = new Uint8Array(bandCells);
    const firstMinute = window.startMinute;
    for (let o = 0; o < bandCells; o++) pass[o] = rightToLightFromBits(bits, o * words, nSteps, firstMinute, window.stepMinutes).pass ? 1 : 0;
    result.rightToLight = pass;
  }
  run.report(1, 'done');
  return result;
}
