// Wind over the city: the surface model voxelized into a D3Q19 lattice (voxelize.ts), a power-law
// inflow from the chosen direction, run to steady state (or a step limit), then the pedestrian-level
// wind speed ratio, a vector field for particles, and the corridors.
//
// Units: the lattice speed at the domain top is fixed (default 0.1, Mach 0.17) whatever the real
// wind speed; the real speed only sets the time step (dt = u_lattice / U * dx). Speed RATIOS are
// what the run produces: bluff-body flow around sharp-edged buildings is nearly independent of the
// Reynolds number, and a lattice of metre-size cells cannot carry air's viscosity anyway (it would
// need tau - 1/2 ~ 1e-7): the molecular tau0 is a stability floor and the Smagorinsky eddy viscosity
// models the unresolved turbulence (a coarse LES).
//
// Not splittable by row bands (every step couples neighbouring cells); runs on one core. Async only
// to yield between batches of steps, so that a cancel message reaches the worker mid-run.
import { EngineRun, type EngineControl } from '../engineControl.js';
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';
import { findCorridors, type Corridor } from './corridors.js';
import { D3Q19, type SideKind } from './d3q19.js';
import { MAX_LATTICE_SPEED, UnstableParametersError } from './latticeLimits.js';
import { voxelizeDsm, type AreaBounds } from './voxelize.js';

/** The ranges the UI offers; anything outside is refused with a message (tested for stability at the extremes). */
export const WIND_LIMITS = {
  speed: [0.5, 40],
  cellSize: [2, 20],
  height: [40, 400],
  referenceHeight: [2, 200],
  profileExponent: [0.05, 0.5],
  latticeSpeed: [0.02, 0.12],
  tau0: [0.505, 1],
  smagorinsky: [0.1, 0.3],
  maxCells: 4_000_000,
  maxSteps: 100_000,
} as const;

export interface WindInput {
  /** Surface model (terrain + roofs) covering the area. */
  dsm: RasterGrid;
  /** EPSG:5186 bounds of the simulated area (default: the whole surface model). */
  area?: AreaBounds;
  /** Direction the wind comes FROM, degrees clockwise from north. */
  directionDeg: number;
  /** Wind speed at the reference height, m/s. */
  speed: number;
  /** Reference height above the ground plane, m (default 10, the meteorological standard). */
  referenceHeight?: number;
  /** Lattice cell edge, m (default 4). */
  cellSize?: number;
  /** Domain height above the ground plane, m (default 120). */
  height?: number;
  /** Power-law exponent of the inflow profile u(z) = U (z / zref)^alpha (default 0.25, suburban/urban). */
  profileExponent?: number;
  /** Lattice speed at the domain top (default 0.1). */
  latticeSpeed?: number;
  /** Molecular relaxation time (default 0.51). */
  tau0?: number;
  /** Smagorinsky constant (default 0.16). */
  smagorinsky?: number;
  /** Step limit (default: four flow-throughs of the longer side). */
  maxSteps?: number;
  /** Steady when the relative change of the speed field per step drops below this (default 2e-5). */
  tolerance?: number;
  /** Statistically steady when consecutive quarter-flow-through means of the pedestrian wind differ by less (default 0.02). */
  blockTolerance?: number;
  /** Steps between residual checks (default 50). */
  checkEvery?: number;
  /** Speed ratio at or above which a pedestrian cell may belong to a corridor (default 0.4: well ventilated for
   *  a dense district, where the median pedestrian ratio is ~0.2-0.3). */
  corridorThreshold?: number;
}

export interface WindResult {
  /** Pedestrian-level (first fluid layer) speed / inflow speed at the reference height; noData on roofs. */
  ratio: RasterGrid;
  /** East and north components of the pedestrian-level wind, as ratios (same cells as `ratio`, 0 on roofs). */
  east: Float32Array;
  north: Float32Array;
  /** Corridor id per cell (0 = none), same cells as `ratio`. */
  corridorLabel: Int32Array;
  corridors: Corridor[];
  /** Residual (relative change of the speed field per step) at residualSteps. */
  residuals: Float32Array;
  residualSteps: Int32Array;
  steps: number;
  converged: boolean;
  /** 'steady': residual below tolerance; 'statistical': block means settled (unsteady LES); 'step-limit': neither. */
  steadiness: 'steady' | 'statistical' | 'step-limit';
  /** Relative change between consecutive block means of the pedestrian wind. */
  blockChanges: Float32Array;
  /** Coarse 3D field for streamlines: every `stride`-th cell horizontally, every layer; ratios (east, north, up). */
  sample: { stride: number; nx: number; ny: number; nz: number; u: Float32Array; v: Float32Array; w: Float32Array };
  lattice: {
    nx: number;
    ny: number;
    nz: number;
    cellSize: number;
    base: number;
    tau0: number;
    smagorinsky: number;
    latticeSpeedTop: number;
    latticeSpeedRef: number;
    mach: number;
    dtSeconds: number;
    fluidCells: number;
  };
  /** Wall time of the stepping and lattice updates per second (millions). */
  seconds: number;
  mlups: number;
  warnings: string[];
}

export async function simulateWind(input: WindInput, control?: EngineControl): Promise<WindResult> {
  const run = new EngineRun('simulateWind', control);
  assertGrid(input.dsm, 'wind surface model');
  const cellSize = input.cellSize ?? 4;
  const height = input.height ?? 120;
  const zRef = input.referenceHeight ?? 10;
  const alpha = input.profileExponent ?? 0.25;
  const uTop = input.latticeSpeed ?? 0.1;
  const tau0 = input.tau0 ?? 0.51;
  const cs = input.smagorinsky ?? 0.16;
  const tolerance = input.tolerance ?? 2e-5;
  const checkEvery = Math.max(1, Math.round(input.checkEvery ?? 50));
  const threshold = input.corridorThreshold ?? 0.4;
  inRange('speed (m/s)', input.speed, WIND_LIMITS.speed);
  inRange('cell size (m)', cellSize, WIND_LIMITS.cellSize);
  inRange('domain height (m)', height, WIND_LIMITS.height);
  inRange('reference height (m)', zRef, WIND_LIMITS.referenceHeight);
  inRange('profile exponent', alpha, WIND_LIMITS.profileExponent);
  inRange('lattice speed', uTop, WIND_LIMITS.latticeSpeed);
  inRange('tau0', tau0, WIND_LIMITS.tau0);
  inRange('Smagorinsky constant', cs, WIND_LIMITS.smagorinsky);
  if (!Number.isFinite(input.directionDeg)) throw new UnstableParametersError(`wind: direction ${input.directionDeg} is not a number of degrees`);
  if (zRef >= height) throw new UnstableParametersError(`wind: reference height ${zRef} m must be below the domain height ${height} m`);

  const dsm = input.dsm;
  const area = input.area ?? {
    minX: dsm.originX,
    maxX: dsm.originX + dsm.width * dsm.cellSize,
    maxY: dsm.originY,
    minY: dsm.originY - dsm.height * dsm.cellSize,
  };
  const nz = Math.round(height / cellSize);
  const nx = Math.floor((area.maxX - area.minX) / cellSize + 1e-9);
  const ny = Math.floor((area.maxY - area.minY) / cellSize + 1e-9);
  if (nx < 8 || ny < 8 || nz < 8)
    throw new UnstableParametersError(`wind: the area gives ${nx} x ${ny} x ${nz} cells; at least 8 per axis are needed (larger area or smaller cells)`);
  if (nx * ny * nz > WIND_LIMITS.maxCells) {
    throw new UnstableParametersError(
      `wind: ${nx} x ${ny} x ${nz} = ${(nx * ny * nz).toLocaleString('en-US')} cells is more than ${WIND_LIMITS.maxCells.toLocaleString('en-US')} (memory); choose a smaller area or larger cells`,
    );
  }
  const maxSteps = Math.round(input.maxSteps ?? Math.min(WIND_LIMITS.maxSteps, Math.ceil((4 * Math.max(nx, ny)) / (0.7 * uTop))));
  inRange('step limit', maxSteps, [1, WIND_LIMITS.maxSteps]);

  run.report(0, 'wind: voxelizing');
  const city = voxelizeDsm(dsm, area, cellSize, nz);
  const warnings: string[] = [];
  if (city.noDataCells) warnings.push(`${city.noDataCells} surface-model cells without data inside the area were treated as ground`);
  if (city.clippedColumns)
    warnings.push(`${city.clippedColumns} columns reach above ${((nz - 2) * cellSize).toFixed(0)} m and were cut there (raise the domain height)`);

  // Power law above the lattice floor; lattice speed uTop at the top layer's centre.
  const zTop = (nz - 0.5) * cellSize;
  const uRef = uTop * Math.pow(zRef / zTop, alpha);
  const theta = (input.directionDeg * Math.PI) / 180;
  const dirX = -Math.sin(theta); // flow goes TO east when the wind comes from the west
  const dirY = Math.cos(theta); // lattice y points south (row order); wind from the north goes +y
  const profile = (z: number) => uTop * Math.pow(((z + 0.5) * cellSize) / zTop, alpha);
  const inflow = (z: number): [number, number, number] => [dirX * profile(z), dirY * profile(z), 0];
  const side = (nxIn: number, nyIn: number): SideKind => (dirX * nxIn + dirY * nyIn > -1e-9 ? 'inlet' : 'outflow');
  const solver = new D3Q19({
    nx,
    ny,
    nz,
    tau0,
    smagorinsky: cs,
    solid: city.solid,
    sides: { xMin: side(1, 0), xMax: side(-1, 0), yMin: side(0, 1), yMax: side(0, -1) },
    inflow,
    // Start from the inflow profile measured above each column's own surface: no impulsive start.
    initial: (x, y, z) => {
      const p = Math.max(0, z - city.top[y * nx + x]);
      const u = profile(p);
      return [dirX * u, dirY * u, 0];
    },
  });

  const cells = nx * ny * nz;
  const ux = new Float32Array(cells);
  const uy = new Float32Array(cells);
  const uz = new Float32Array(cells);
  const prev = new Float32Array(cells);
  const residuals: number[] = [];
  const residualSteps: number[] = [];
  const pedE = new Float32Array(nx * ny);
  const pedN = new Float32Array(nx * ny);
  // An LES over a city may never become steady (wakes keep shedding): the pedestrian wind is also
  // averaged in blocks of a quarter flow-through, and the run is STATISTICALLY steady when two
  // consecutive block means differ by less than blockTolerance (relative, summed over the area).
  // The output is the last block mean then, else a running mean over about one block.
  const blockSteps = Math.max(checkEvery, Math.round((0.25 * Math.max(nx, ny)) / (0.7 * uTop)));
  const flowThrough = Math.max(nx, ny) / (0.7 * uTop);
  const blockTolerance = input.blockTolerance ?? 0.02;
  inRange('block tolerance', blockTolerance, [0, 1]);
  const blockE = new Float32Array(nx * ny);
  const blockN = new Float32Array(nx * ny);
  let blockPrev: Float32Array | null = null;
  let blockChecks = 0;
  let blockStart = 0;
  const blockChanges: number[] = [];
  let steadiness: WindResult['steadiness'] = 'step-limit';
  let converged = false;
  const t0 = performance.now();
  let stepped = 0;
  while (stepped < maxSteps) {
    const n = Math.min(checkEvery, maxSteps - stepped);
    solver.step(n, run);
    stepped += n;
    solver.velocity(ux, uy, uz);
    let num = 0;
    let den = 0;
    for (let i = 0; i < cells; i++) {
      const s = Math.sqrt(ux[i] * ux[i] + uy[i] * uy[i] + uz[i] * uz[i]);
      num += Math.abs(s - prev[i]);
      den += s;
      prev[i] = s;
    }
    const residual = den > 0 ? num / den / n : 0;
    residuals.push(residual);
    residualSteps.push(stepped);
    const w = stepped <= n ? 1 : Math.min(1, n / blockSteps);
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const c = y * nx + x;
        const z = city.top[c];
        const i = (z * ny + y) * nx + x;
        // Lattice y runs south: north component is -uy.
        const e = ux[i] / uRef;
        const no = -uy[i] / uRef;
        pedE[c] += w * (e - pedE[c]);
        pedN[c] += w * (no - pedN[c]);
        blockE[c] += e;
        blockN[c] += no;
      }
    }
    blockChecks++;
    let blockNote = '';
    if (stepped - blockStart >= blockSteps) {
      const mean = new Float32Array(nx * ny);
      for (let c = 0; c < mean.length; c++) mean[c] = Math.hypot(blockE[c], blockN[c]) / blockChecks;
      if (blockPrev) {
        let d = 0;
        let sum = 0;
        for (let c = 0; c < mean.length; c++) {
          d += Math.abs(mean[c] - blockPrev[c]);
          sum += mean[c];
        }
        const change = sum > 0 ? d / sum : 0;
        blockChanges.push(change);
        blockNote = `, block mean change ${(change * 100).toFixed(1)}%`;
        if (change < blockTolerance && stepped >= flowThrough) {
          for (let c = 0; c < mean.length; c++) {
            pedE[c] = blockE[c] / blockChecks;
            pedN[c] = blockN[c] / blockChecks;
          }
          steadiness = 'statistical';
        }
      }
      blockPrev = mean;
      blockE.fill(0);
      blockN.fill(0);
      blockChecks = 0;
      blockStart = stepped;
    }
    run.report(stepped / maxSteps, `wind: step ${stepped} of ${maxSteps}, residual ${residual.toExponential(2)}${blockNote}`);
    // Let the worker read messages (a cancel from the page arrives as one) between batches of steps.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (residuals.length > 1 && residual < tolerance) steadiness = 'steady';
    if (steadiness !== 'step-limit') {
      converged = true;
      break;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const fluidCells = solver.fluidCells;

  const noData = -9999;
  const ratioValues = new Float32Array(nx * ny);
  for (let c = 0; c < nx * ny; c++) {
    if (city.building[c]) {
      ratioValues[c] = noData;
      pedE[c] = 0;
      pedN[c] = 0;
    } else ratioValues[c] = Math.hypot(pedE[c], pedN[c]);
  }
  const { label, corridors } = findCorridors(ratioValues, nx, ny, threshold, noData);

  const stride = Math.max(1, Math.round(Math.max(nx, ny) / 64));
  const sx = Math.ceil(nx / stride);
  const sy = Math.ceil(ny / stride);
  const su = new Float32Array(sx * sy * nz);
  const sv = new Float32Array(sx * sy * nz);
  const sw = new Float32Array(sx * sy * nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++) {
        const i = (z * ny + y * stride) * nx + x * stride;
        const o = (z * sy + y) * sx + x;
        su[o] = ux[i] / uRef;
        sv[o] = -uy[i] / uRef;
        sw[o] = uz[i] / uRef;
      }
    }
  }
  run.report(1, 'wind: done');
  return {
    ratio: { values: ratioValues, width: nx, height: ny, cellSize, originX: city.originX, originY: city.originY, noData },
    east: pedE,
    north: pedN,
    corridorLabel: label,
    corridors,
    residuals: Float32Array.from(residuals),
    residualSteps: Int32Array.from(residualSteps),
    steps: stepped,
    converged,
    steadiness,
    blockChanges: Float32Array.from(blockChanges),
    sample: { stride, nx: sx, ny: sy, nz, u: su, v: sv, w: sw },
    lattice: {
      nx,
      ny,
      nz,
      cellSize,
      base: city.base,
      tau0,
      smagorinsky: cs,
      latticeSpeedTop: uTop,
      latticeSpeedRef: uRef,
      mach: uTop * Math.sqrt(3),
      dtSeconds: (uRef / input.speed) * cellSize,
      fluidCells,
    },
    seconds,
    mlups: (fluidCells * stepped) / seconds / 1e6,
    warnings,
  };
}

function inRange(what: string, v: number, [lo, hi]: readonly [number, number]): void {
  if (!Number.isFinite(v) || v < lo || v > hi) {
    throw new UnstableParametersError(
      `wind: ${what} ${v} is outside the allowed range [${lo}, ${hi}]${what.startsWith('lattice') || what === 'tau0' ? ` (lattice stability: Mach <= ${(MAX_LATTICE_SPEED * Math.sqrt(3)).toFixed(2)}, tau > 0.5)` : ''}`,
    );
  }
}
