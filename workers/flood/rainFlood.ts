// Engine: rainfall (pluvial) flooding of one surface-model area. Rain falls on the open ground,
// the drains take up to their capacity, the rest flows over the surface (local-inertial shallow
// water, localInertial.ts) around buildings, which are walls. Results: depth snapshots for an
// animation, maximum depth, arrival time, flooded buildings, and the water budget.
//
// Rain on roofs is not routed: it is assumed to leave by downpipes, outside the surface budget.
import { EngineRun, type EngineControl } from '../engineControl.js';
import { assertGrid, type GridFrame, type RasterGrid } from '../../common/rasterGrid.js';
import { rasterizeBuildings, type FloodBuildings } from './buildingMask.js';
import { depthAroundBuildings, SEMI_BASEMENT_BASIS, semiBasementOf, type FloodedBuilding } from './floodedBuildings.js';
import { rainRateAt, MAX_RAIN_MM_PER_HOUR, type Rainfall } from './hyetograph.js';
import { coarsenGround } from './coarsen.js';
import { forEachCellInRings } from '../grid/rasterizeRings.js';
import { DEFAULT_SOLVER, LocalInertialSolver, type MassBudget, type SolverOptions } from './localInertial.js';
import { LocalTimeStepper, type LocalSteppingOptions } from './localTimeStepping.js';

export const FLOOD_NODATA = -9999;
/** Largest grid the engine accepts (memory: ~60 bytes per cell plus snapshots). */
export const MAX_FLOOD_CELLS = 16_000_000;

export interface RainFloodInput {
  /** Surface model (terrain + roofs) of the area, EPSG:5186. */
  surface: RasterGrid;
  /** Footprints (analysis/footprints.json of the build): their cells become walls. */
  buildings?: FloodBuildings;
  rain: Rainfall;
  /** Drain capacity in mm/h, removed from the water on each open cell (never more than is there). */
  drainageMmPerHour: number;
  /** Simulated time in seconds (may run past the rain to watch water settle). */
  durationSeconds: number;
  /** Seconds between depth snapshots (default 600). */
  snapshotIntervalSeconds?: number;
  /** Depth (m) that counts as arrived / flooded (default 0.1). */
  floodThresholdM?: number;
  /** Longest step (s) even when the grid is dry (default 10). */
  maxStepSeconds?: number;
  /** More walls (EPSG:5186 rings), e.g. proposed buildings of a scenario (their prisms' rings). */
  wallRings?: Array<Array<[number, number]>>;
  /** Simulate on cells `coarsen` times larger (1 = the surface model's own; 2 = 4x fewer cells). */
  coarsen?: number;
  /** Water already there (m), one value per cell of the simulated grid (tests: lakes, dam breaks). */
  initialDepth?: Float32Array;
  solver?: Partial<SolverOptions>;
  /** 'local' (default): each face on its own power-of-two fraction of the outer step
   *  (localTimeStepping.ts); 'global': every face on the step of the deepest water. */
  timeStepping?: 'local' | 'global';
  localStepping?: Partial<LocalSteppingOptions>;
}

export interface RainFloodResult extends GridFrame {
  /** Deepest water per cell (m); no-data on walls and no-data cells. */
  maxDepth: Float32Array;
  /** Seconds until depth first exceeded the threshold; no-data where it never did. */
  arrivalSeconds: Float32Array;
  /** snapshotTimes.length depth grids back to back (m). */
  snapshots: Float32Array;
  snapshotTimes: number[];
  /** 1 for building cells, 2 for no-data cells, 0 open. */
  walls: Uint8Array;
  buildings: FloodedBuilding[];
  budget: MassBudget & { relativeError: number };
  /** Outer steps (global stepping: the steps). */
  steps: number;
  /** Shortest step any face took (s). */
  minStep: number;
  /** Longest outer step (s). */
  maxStep: number;
  /** Cell (continuity) updates done. */
  cellUpdates: number;
  /** Sub-steps of the finest level summed over the outer steps (global stepping: = steps). */
  subSteps: number;
  timeStepping: 'local' | 'global';
  floodThresholdM: number;
  assumptions: string[];
}

export function simulateRainFlood(input: RainFloodInput, control?: EngineControl): RainFloodResult {
  const run = new EngineRun('simulateRainFlood', control);
  const fine = input.surface;
  assertGrid(fine, 'flood surface');
  const cells = (fine.width * fine.height) / (input.coarsen ?? 1) ** 2;
  if (cells > MAX_FLOOD_CELLS)
    throw new Error(`flood: ${Math.round(cells)} cells is more than the ${MAX_FLOOD_CELLS} the engine takes; choose a smaller area or larger cells`);
  checkRain(input.rain);
  const drainMmH = input.drainageMmPerHour;
  if (!Number.isFinite(drainMmH) || drainMmH < 0) throw new Error(`flood: drainage capacity ${drainMmH} mm/h must be a number >= 0`);
  if (!(input.durationSeconds > 0) || input.durationSeconds > 7 * 86400)
    throw new Error(`flood: duration ${input.durationSeconds} s must be between 0 and 7 days`);
  const snapEvery = input.snapshotIntervalSeconds ?? 600;
  if (!(snapEvery > 0)) throw new Error(`flood: snapshot interval ${snapEvery} s must be positive`);
  const threshold = input.floodThresholdM ?? 0.1;
  const dtMax = input.maxStepSeconds ?? 10;

  run.report(0, 'preparing the grid');
  let owner = input.buildings ? rasterizeBuildings(fine, input.buildings) : new Int32Array(fine.width * fine.height).fill(-1);
  const surface = coarsenGround(fine, owner, input.coarsen ?? 1);
  if (surface !== fine && input.buildings) owner = rasterizeBuildings(surface, input.buildings);
  for (const ring of input.wallRings ?? [])
    forEachCellInRings(surface, [ring], (k) => {
      if (owner[k] < 0) owner[k] = -2; // a wall that is no listed building
    });
  const { width: W, height: H, cellSize: dx } = surface;
  const n = W * H;
  if (input.initialDepth && input.initialDepth.length !== n) throw new Error(`flood: initial depth has ${input.initialDepth.length} values for ${n} cells`);
  const walls = new Uint8Array(n);
  const open = new Uint8Array(n);
  const z = new Float64Array(n);
  const nd = surface.noData;
  for (let k = 0; k < n; k++) {
    const v = surface.values[k];
    if (v === nd || !Number.isFinite(v)) walls[k] = 2;
    else if (owner[k] !== -1) walls[k] = 1;
    else open[k] = 1;
    z[k] = v;
  }
  const solver = new LocalInertialSolver(W, H, dx, z, open, { ...DEFAULT_SOLVER, ...input.solver }, input.initialDepth);

  const maxDepth = new Float32Array(n);
  const arrival = new Float32Array(n).fill(FLOOD_NODATA);
  const snapshotTimes: number[] = [];
  const snapshotList: Float32Array[] = [];
  const h = solver.h;
  const drain = drainMmH / 1000 / 3600;
  const T = input.durationSeconds;
  const eps = 1e-9;
  let t = 0;
  let nextSnap = Math.min(snapEvery, T);
  let steps = 0;
  let minStep = Infinity;
  let maxStep = 0;
  let subSteps = 0;
  let cellUpdates = 0;
  const mode = input.timeStepping ?? 'local';
  if (mode !== 'local' && mode !== 'global') throw new Error(`flood: time stepping "${String(mode)}" must be "local" or "global"`);
  const stepper = mode === 'local' ? new LocalTimeStepper(solver, input.localStepping) : null;
  solver.track(maxDepth, arrival, threshold, FLOOD_NODATA);
  for (let k = 0; k < n; k++) {
    maxDepth[k] = h[k];
    if (h[k] > threshold) arrival[k] = 0;
  }
  while (t < T - eps) {
    const rainEnd = (Math.floor(t / input.rain.stepSeconds + eps) + 1) * input.rain.stepSeconds;
    let dt = Math.min(stepper ? dtMax : solver.stableDt(dtMax), T - t, nextSnap - t, rainEnd - t);
    const rain = rainRateAt(input.rain, t + dt / 2);
    let finest = dt;
    if (stepper) {
      const st = stepper.advance(dt, rain, drain, t);
      dt = st.dt;
      finest = st.finestDt;
      subSteps += st.subSteps;
      cellUpdates += st.cellUpdates;
    } else {
      solver.step(dt, rain, drain, t + dt);
      subSteps++;
      cellUpdates += solver.openCount;
    }
    t += dt;
    steps++;
    if (finest < minStep) minStep = finest;
    if (dt > maxStep) maxStep = dt;
    if (t >= nextSnap - eps) {
      snapshotList.push(new Float32Array(h));
      snapshotTimes.push(Math.round(t * 1000) / 1000);
      nextSnap = Math.min(nextSnap + snapEvery, T);
    }
    run.tick(t, T, 'simulating');
    if ((steps & 63) === 0) run.report(t / T, 'simulating');
  }

  for (let k = 0; k < n; k++) if (!open[k]) maxDepth[k] = FLOOD_NODATA;
  const snapshots = new Float32Array(snapshotList.length * n);
  snapshotList.forEach((s, i) => {
    for (let k = 0; k < n; k++) if (!open[k]) s[k] = FLOOD_NODATA;
    snapshots.set(s, i * n);
  });

  const flooded: FloodedBuilding[] = [];
  if (input.buildings) {
    const b = input.buildings;
    const count = b.offsets.length - 1;
    const around = depthAroundBuildings(W, H, owner, open, maxDepth, arrival, count);
    for (let i = 0; i < count; i++) {
      if (!(around.depth[i] >= threshold)) continue;
      flooded.push({
        index: i,
        id: b.ids[i],
        name: b.names[i],
        use: b.uses[i],
        floors: b.floors[i],
        maxDepth: Math.round(around.depth[i] * 1000) / 1000,
        arrivalSeconds: around.arrival[i] < 0 ? -1 : Math.round(around.arrival[i]),
        semiBasement: semiBasementOf(b.uses[i], b.floors[i], b.basementFloors?.[i] ?? 0),
      });
    }
    flooded.sort((x, y) => y.maxDepth - x.maxDepth);
  }

  const budget = solver.budget;
  budget.stored = solver.storedVolume();
  const scale = Math.max(budget.initial + budget.rainIn, 1e-30);
  const relativeError = Math.abs(budget.initial + budget.rainIn - budget.drained - budget.outflow - budget.stored) / scale;
  run.report(1, 'done');
  return {
    width: W,
    height: H,
    cellSize: dx,
    originX: surface.originX,
    originY: surface.originY,
    noData: FLOOD_NODATA,
    maxDepth,
    arrivalSeconds: arrival,
    snapshots,
    snapshotTimes,
    walls,
    buildings: flooded,
    budget: { ...budget, relativeError },
    steps,
    minStep: steps ? minStep : 0,
    maxStep,
    cellUpdates,
    subSteps,
    timeStepping: mode,
    floodThresholdM: threshold,
    assumptions: [
      'buildings (footprints of the build) are walls; rain on roofs leaves by downpipes and is not routed',
      'drainage removes up to the capacity from every open cell, wherever the water is (no pipe network)',
      'grid edges are open: water leaves where the surface falls outward',
      `semi-basement homes: ${SEMI_BASEMENT_BASIS}`,
    ],
  };
}

function checkRain(rain: Rainfall): void {
  if (!rain || !Array.isArray(rain.ratesMmPerHour) || rain.ratesMmPerHour.length === 0) throw new Error('flood: rain needs at least one intensity');
  if (!(rain.stepSeconds > 0)) throw new Error(`flood: rain interval ${rain.stepSeconds} s must be positive`);
  rain.ratesMmPerHour.forEach((r, i) => {
    if (!Number.isFinite(r) || r < 0 || r > MAX_RAIN_MM_PER_HOUR)
      throw new Error(`flood: rain interval ${i + 1} has ${r} mm/h, outside 0..${MAX_RAIN_MM_PER_HOUR}`);
  });
}
