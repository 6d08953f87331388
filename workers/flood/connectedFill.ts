// Engine: river flooding as a connected fill. The water is raised to a level at seed cells (the
// river and its tributaries) and spreads to every cell reachable from a seed through cells whose
// surface lies below the level — not a flat plane over everything below it. Same rule as GRASS
// r.lake (3x3 window, i.e. 8-connected; strictly below the level; no-data cells never fill;
// level and surface compared in float32 as r.lake's FCELL maps do). Checked cell by cell against
// r.lake in test/integration/floodConnectedFill.test.ts.
import { EngineRun, type EngineControl } from '../engineControl.js';
import { assertGrid, type GridFrame, type RasterGrid } from '../../common/rasterGrid.js';
import { toGrid5186 } from './projection.js';
import { forEachCellInRings, forEachCellOnLine, type XY } from '../grid/rasterizeRings.js';

export const FILL_NODATA = -9999;

/** GeoJSON geometries in lon/lat (the build's layers/water.geojson and waterways.geojson). */
export interface WaterGeometry {
  type: string;
  coordinates: unknown;
}

export interface ConnectedFillInput {
  surface: RasterGrid;
  /** Water level, metres in the surface model's datum (orthometric). */
  level: number;
  /** 1 for seed cells; or give `water` to rasterize seeds from the water layers. */
  seeds?: Uint8Array;
  water?: WaterGeometry[];
  /** 8 (default, as r.lake) or 4. */
  connectivity?: 4 | 8;
}

export interface ConnectedFillResult extends GridFrame {
  /** level - surface on filled cells (m); no-data elsewhere. */
  depth: Float32Array;
  filledCells: number;
  /** m² and m³. */
  area: number;
  volume: number;
  seedCells: number;
  /** Seed cells whose surface is at or above the level: they do not start a fill. */
  seedsAboveLevel: number;
}

/** Seed mask from water polygons (cell centres inside) and lines (cells crossed). */
export function waterSeedMask(grid: RasterGrid, water: WaterGeometry[]): Uint8Array {
  const mask = new Uint8Array(grid.width * grid.height);
  const set = (k: number) => {
    mask[k] = 1;
  };
  const ring = (r: unknown): XY[] => (r as number[][]).map((p) => toGrid5186(p[0], p[1]));
  for (const g of water) {
    if (!g || typeof g !== 'object') continue;
    const c = g.coordinates as unknown[];
    if (g.type === 'Polygon') forEachCellInRings(grid, (c as unknown[]).map(ring), set);
    else if (g.type === 'MultiPolygon') for (const p of c as unknown[][]) forEachCellInRings(grid, p.map(ring), set);
    else if (g.type === 'LineString') forEachCellOnLine(grid, ring(c), set);
    else if (g.type === 'MultiLineString') for (const l of c) forEachCellOnLine(grid, ring(l), set);
  }
  return mask;
}

export function fillConnected(input: ConnectedFillInput, control?: EngineControl): ConnectedFillResult {
  const run = new EngineRun('fillConnected', control);
  const { surface } = input;
  assertGrid(surface, 'connected fill surface');
  const { width: W, height: H } = surface;
  const n = W * H;
  if (!Number.isFinite(input.level)) throw new Error(`connected fill: water level ${input.level} is not a number`);
  const conn = input.connectivity ?? 8;
  if (conn !== 4 && conn !== 8) throw new Error(`connected fill: connectivity ${String(conn)} must be 4 or 8`);
  let seeds = input.seeds;
  if (!seeds) {
    if (!input.water) throw new Error('connected fill: give seed cells or water geometries');
    seeds = waterSeedMask(surface, input.water);
  }
  if (seeds.length !== n) throw new Error(`connected fill: seed mask has ${seeds.length} values for ${n} cells`);
  const level = Math.fround(input.level);
  const v = surface.values;
  const nd = surface.noData;
  const below = (k: number) => v[k] < level && v[k] !== nd; // NaN compares false: never fills

  const depth = new Float32Array(n).fill(FILL_NODATA);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let seedCells = 0;
  let seedsAboveLevel = 0;
  for (let k = 0; k < n; k++) {
    if (!seeds[k]) continue;
    seedCells++;
    if (!below(k)) {
      seedsAboveLevel++;
      continue;
    }
    depth[k] = level - v[k];
    queue[tail++] = k;
  }
  run.report(0, 'filling');
  const dr = conn === 8 ? [-1, -1, -1, 0, 0, 1, 1, 1] : [-1, 0, 0, 1];
  const dc = conn === 8 ? [-1, 0, 1, -1, 1, -1, 0, 1] : [0, -1, 1, 0];
  while (head < tail) {
    const k = queue[head++];
    const r = (k / W) | 0;
    const c = k - r * W;
    for (let i = 0; i < dr.length; i++) {
      const rr = r + dr[i];
      const cc = c + dc[i];
      if (rr < 0 || rr >= H || cc < 0 || cc >= W) continue;
      const m = rr * W + cc;
      if (depth[m] !== FILL_NODATA || !below(m)) continue;
      depth[m] = level - v[m];
      queue[tail++] = m;
    }
    run.tick(head, n, 'filling');
  }
  let volume = 0;
  for (let i = 0; i < tail; i++) volume += depth[queue[i]];
  const a = surface.cellSize * surface.cellSize;
  run.report(1, 'done');
  return {
    width: W,
    height: H,
    cellSize: surface.cellSize,
    originX: surface.originX,
    originY: surface.originY,
    noData: FILL_NODATA,
    depth,
    filledCells: tail,
    area: tail * a,
    volume: volume * a,
    seedCells,
    seedsAboveLevel,
  };
}
