// The surface-model window of an area: the area plus a margin, made from the tiles of the build's
// tiled surface model (manifest `surface`, SURFACE_TILE_GRID) that it reaches, on one grid; cells in
// no tile carry no data. A cell's value depends on its tile alone, never on the window, so windows
// read across tile seams equal one raster of the same cells, and any two windows agree where they
// overlap.
//
// The window is the part of area + margin that the tiles' cells reach; `bounds` is the area itself
// clipped to the tiles it touches (results are cropped to it).
import type { CityManifest, SurfaceModelInfo } from '../../common/buildFormat.js';
import type { GridFrame, RasterGrid } from '../../common/rasterGrid.js';
import { cropRange } from '../grid/cropGrid.js';
import { raiseCellsInRings } from '../grid/rasterizeRings.js';
import { latticeSize, tileFrame, tileName, type SurfaceTile, type TileKey } from './surfaceTile.js';

export interface Bounds5186 {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface WindowPlan {
  frame: GridFrame;
  /** The tiles whose cells the window holds. */
  tiles: TileKey[];
  /** The area clipped to the tiles it touches (EPSG:5186). */
  bounds: Bounds5186;
  /** The building areas (SurfaceAreaInfo) the area overlaps: names for people. */
  areas: string[];
  /** One line when the area reaches beyond the surface model. */
  problems: string[];
}

/** Rows and columns of a window's grid that lie in `bounds` (the area grid results are cropped to). */
export function areaCells(frame: GridFrame, bounds: Bounds5186): { col: number; row: number; width: number; height: number } {
  const r = cropRange(frame, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY);
  return { col: r.c0, row: r.r0, width: Math.max(0, r.c1 - r.c0), height: Math.max(0, r.r1 - r.r0) };
}

function extentOf(f: GridFrame): Bounds5186 {
  return { minX: f.originX, maxX: f.originX + f.width * f.cellSize, minY: f.originY - f.height * f.cellSize, maxY: f.originY };
}

function overlaps(a: Bounds5186, b: Bounds5186): boolean {
  return a.minX < b.maxX && a.maxX > b.minX && a.minY < b.maxY && a.maxY > b.minY;
}

/** The build's surface model, or a clear error for builds without one. */
export function surfaceModelOf(manifest: Pick<CityManifest, 'surface'>): SurfaceModelInfo {
  if (!manifest.surface?.tiles.length) throw new Error('the city build has no surface model (manifest surface is missing or has no tiles); rebuild the city');
  return manifest.surface;
}

/** The present tiles among those whose cells meet `b`. */
function tilesIn(model: SurfaceModelInfo, present: ReadonlySet<string>, b: Bounds5186): TileKey[] {
  const t = model.tileSize;
  const keys: TileKey[] = [];
  for (let n = Math.ceil(b.maxY / t) - 1; n >= Math.floor(b.minY / t); n--)
    for (let e = Math.floor(b.minX / t); e < Math.ceil(b.maxX / t); e++) if (present.has(tileName([e, n]))) keys.push([e, n]);
  return keys.filter((k) => overlaps(extentOf(tileFrame(model, k)), b));
}

const presentSets = new WeakMap<SurfaceModelInfo, Set<string>>();

function presentTiles(model: SurfaceModelInfo): Set<string> {
  let set = presentSets.get(model);
  if (!set) presentSets.set(model, (set = new Set(model.tiles.map(tileName))));
  return set;
}

/** Which tiles make the window of `area` + `marginM` and where its cells lie; throws when no tile meets the area. Reads nothing. */
export function planSurfaceWindow(manifest: Pick<CityManifest, 'surface'>, area: Bounds5186, marginM: number): WindowPlan {
  const model = surfaceModelOf(manifest);
  const present = presentTiles(model);
  const touched = tilesIn(model, present, area);
  if (!touched.length)
    throw new Error(
      `the area (x ${area.minX.toFixed(0)}-${area.maxX.toFixed(0)}, y ${area.minY.toFixed(0)}-${area.maxY.toFixed(0)} EPSG:5186) lies outside every tile of the build's surface model`,
    );
  const want = { minX: area.minX - marginM, minY: area.minY - marginM, maxX: area.maxX + marginM, maxY: area.maxY + marginM };
  const cs = model.cellSize;
  const parts = tilesIn(model, present, want).map((key) => {
    const f = tileFrame(model, key);
    const r = cropRange(f, want.minX, want.minY, want.maxX, want.maxY);
    return { key, minX: f.originX + r.c0 * cs, maxX: f.originX + r.c1 * cs, minY: f.originY - r.r1 * cs, maxY: f.originY - r.r0 * cs };
  });
  const originX = Math.min(...parts.map((p) => p.minX));
  const originY = Math.max(...parts.map((p) => p.maxY));
  const frame: GridFrame = {
    width: Math.round((Math.max(...parts.map((p) => p.maxX)) - originX) / cs),
    height: Math.round((originY - Math.min(...parts.map((p) => p.minY))) / cs),
    cellSize: cs,
    originX,
    originY,
    noData: model.noData,
  };
  const extents = touched.map((k) => extentOf(tileFrame(model, k)));
  const bounds = {
    minX: Math.max(area.minX, Math.min(...extents.map((e) => e.minX))),
    minY: Math.max(area.minY, Math.min(...extents.map((e) => e.minY))),
    maxX: Math.min(area.maxX, Math.max(...extents.map((e) => e.maxX))),
    maxY: Math.min(area.maxY, Math.max(...extents.map((e) => e.maxY))),
  };
  const missing = missingTiles(model, present, area);
  const problems = missing.length
    ? [
        `the scenario area reaches beyond the surface model (no tile ${missing.slice(0, 4).map(tileName).join(', ')}${missing.length > 4 ? ', …' : ''}): results cover only the part inside it`,
      ]
    : [];
  const areas = model.areas.filter((a) => overlaps(a, area)).map((a) => a.area);
  return { frame, tiles: parts.map((p) => p.key), bounds, areas, problems };
}

/** Tiles the area's cells reach that the model does not have. */
function missingTiles(model: SurfaceModelInfo, present: ReadonlySet<string>, area: Bounds5186): TileKey[] {
  const t = model.tileSize;
  const out: TileKey[] = [];
  for (let n = Math.ceil(area.maxY / t) - 1; n >= Math.floor(area.minY / t); n--)
    for (let e = Math.floor(area.minX / t); e < Math.ceil(area.maxX / t); e++) if (!present.has(tileName([e, n]))) out.push([e, n]);
  return out;
}

/** The window's cells from the planned tiles (`tiles[i]` is plan.tiles[i] decoded). */
export function deriveSurfaceWindow(plan: WindowPlan, tiles: SurfaceTile[]): RasterGrid {
  const grid: RasterGrid = { ...plan.frame, values: new Float32Array(plan.frame.width * plan.frame.height).fill(plan.frame.noData) };
  for (const tile of tiles) fillFromTile(grid, tile);
  return grid;
}

/**
 * Writes the cells of `grid` that lie in `tile`: the terrain bilinear between the lattice nodes
 * around the cell, then raised to the top of every prism whose rings (even-odd) hold the cell's
 * centre. Each cell's value depends only on its place in the tile, whatever the grid.
 */
export function fillFromTile(grid: RasterGrid, tile: SurfaceTile): void {
  const { cells, step } = tile;
  const cs = grid.cellSize;
  // The tile's first column and row in the grid's numbering (tile origins are whole cells).
  const tileCol = Math.round((tile.e * cells * cs - grid.originX) / cs);
  const tileRow = Math.round((grid.originY - (tile.n + 1) * cells * cs) / cs);
  const c0 = Math.max(0, tileCol),
    c1 = Math.min(grid.width, tileCol + cells);
  const r0 = Math.max(0, tileRow),
    r1 = Math.min(grid.height, tileRow + cells);
  if (c1 <= c0 || r1 <= r0) return;
  const side = latticeSize(cells, step);
  const { values } = grid;
  const t = tile.terrain;
  for (let r = r0; r < r1; r++) {
    const lr = r - tileRow;
    const j = Math.floor(lr / step),
      ty = (lr - j * step) / step;
    const north = j * side,
      south = north + side;
    for (let c = c0; c < c1; c++) {
      const lc = c - tileCol;
      const i = Math.floor(lc / step),
        tx = (lc - i * step) / step;
      values[r * grid.width + c] = (t[north + i] * (1 - tx) + t[north + i + 1] * tx) * (1 - ty) + (t[south + i] * (1 - tx) + t[south + i + 1] * tx) * ty;
    }
  }
  // Prisms over the tile's part of the grid only: a prism touching several tiles is in each of them.
  const block = { col: c0, row: r0, width: c1 - c0, height: r1 - r0 };
  for (const p of tile.prisms) raiseCellsInRings(grid, p.rings, p.top, block);
}

export interface SurfaceWindow {
  /** Area + margin from the tiles it reaches (noData where no tile is). */
  grid: RasterGrid;
  /** The area clipped to the tiles it touches: results are cropped to it. */
  bounds: Bounds5186;
  /** The building areas the area overlaps. */
  areas: string[];
  /** The tiles read ("e_n"). */
  tiles: string[];
  problems: string[];
}

/** The window of `area` + `marginM`, its tiles given by `loadTile` (decoded, typically cached). */
export async function readSurfaceWindow(
  manifest: Pick<CityManifest, 'surface'>,
  area: Bounds5186,
  marginM: number,
  loadTile: (key: TileKey) => Promise<SurfaceTile>,
): Promise<SurfaceWindow> {
  const plan = planSurfaceWindow(manifest, area, marginM);
  const tiles = await Promise.all(plan.tiles.map(loadTile));
  return { grid: deriveSurfaceWindow(plan, tiles), bounds: plan.bounds, areas: plan.areas, tiles: plan.tiles.map(tileName), problems: plan.problems };
}
