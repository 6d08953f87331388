// Per-area surface-model rasters (dsm/<area>.tif GeoTIFF + dsm/<area>.f32 raw Float32, manifest
// dsm[]), made from the tiled surface model through workers/data, so they hold exactly the cells
// every analysis reads. The page's older panels still load them; whole-city builds would need GBs,
// so only builds of at most AREA_RASTERS_MAX_CELLS cells in all get them (the default build: 3.4 M).
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_PATHS, type DsmRasterInfo, type SurfaceModelInfo } from '../../common/buildFormat.js';
import { loadSurfaceTile } from '../../workers/data/surfaceTile.js';
import { readSurfaceWindow } from '../../workers/data/surfaceWindow.js';
import { gridToGeoTiff } from '../../workers/grid/rasterGeoTiff.js';
import type { BuildLog } from '../model/cityModel.js';

export const AREA_RASTERS_MAX_CELLS = 20_000_000;

/** Writes dsm/<area>.tif and .f32 for every area of the surface model written into `outDir`, when small enough. */
export async function writeAreaRasters(surface: SurfaceModelInfo, outDir: string, log: BuildLog): Promise<DsmRasterInfo[]> {
  const cells = surface.areas.reduce((sum, a) => sum + ((a.maxX - a.minX) * (a.maxY - a.minY)) / surface.cellSize ** 2, 0);
  if (cells > AREA_RASTERS_MAX_CELLS) {
    log.info(
      `surface model: no per-area rasters (dsm/) for ${surface.areas.length} areas of ${(cells / 1e6).toFixed(0)} M cells in all; analyses read the tiles (surface/)`,
    );
    return [];
  }
  await mkdir(join(outDir, BUILD_PATHS.dsmDir), { recursive: true });
  const read = (path: string) => readFile(join(outDir, path));
  const infos: DsmRasterInfo[] = [];
  for (const a of surface.areas) {
    const { grid } = await readSurfaceWindow({ surface }, a, 0, (key) => loadSurfaceTile(surface, key, read));
    const path = `${BUILD_PATHS.dsmDir}/${a.area}.tif`;
    const rawPath = `${BUILD_PATHS.dsmDir}/${a.area}.f32`;
    await writeFile(join(outDir, path), new Uint8Array(gridToGeoTiff(grid)));
    // Float32Array bytes are little-endian on every platform Node runs on (x64, arm64).
    await writeFile(join(outDir, rawPath), new Uint8Array(grid.values.buffer, grid.values.byteOffset, grid.values.byteLength));
    const { width, height, cellSize, originX, originY, noData } = grid;
    infos.push({ area: a.area, path, rawPath, epsg: 5186, width, height, cellSize, originX, originY, noData });
    log.info(`surface model ${a.area}: ${width} x ${height} cells of ${cellSize} m, ${a.buildings} buildings (dsm/${a.area}.f32)`);
  }
  return infos;
}
