// The real city build for analysis tests and benchmarks: built once into a temp dir with the
// pipeline (as test/integration/cityBuild.test.ts does), then read the way the workers read it:
// surface-model windows through workers/data (the tiled model, manifest `surface`), each area's
// cells with a GeoTIFF of them written by the module's export (for GDAL/GRASS peers), footprints
// and water layers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCity } from '../../tiles/buildCity.js';
import { BUILD_PATHS, type CityManifest, type FootprintsFile, type SurfaceAreaInfo } from '../../common/buildFormat.js';
import type { BuildLog } from '../../tiles/model/cityModel.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { createCityData, type CityData } from '../../workers/data/cityData.js';
import { surfaceWindowGeoTiff } from '../../workers/data/surfaceExport.js';
import type { WaterGeometry } from '../../workers/flood/connectedFill.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(here, '../../../shared/data');

export interface TestCity {
  root: string;
  /** The build's file: URL (ends in '/'). */
  url: string;
  manifest: CityManifest;
  /** The build read through workers/data. */
  data: CityData;
  /** An area of the surface model (its buildings' box + 100 m). */
  areaInfo(area: string): SurfaceAreaInfo;
  /** The surface model over an area's cells, with the path of its GeoTIFF export (for GDAL/GRASS peers). */
  dsm(area: string): RasterGrid & { tifPath: string };
  footprints(): FootprintsFile;
  /** Water polygons and waterway lines of the build's ground layers. */
  water(): WaterGeometry[];
  remove(): void;
}

/** `label` names the temp folder (vseoul-<label>-...). */
export async function buildTestCity(label: string): Promise<TestCity> {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), `vseoul-${label}-`)), 'city-build');
  const log: BuildLog = { issue: () => {}, progress: () => {}, info: () => {} };
  await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: root }, log);
  const manifest = JSON.parse(readFileSync(path.join(root, BUILD_PATHS.manifest), 'utf8')) as CityManifest;
  const url = pathToFileURL(`${root}/`).href;
  const data = createCityData(url);
  const areaInfo = (area: string) => {
    const a = manifest.surface?.areas.find((x) => x.area === area);
    if (!a) throw new Error(`no surface-model area ${area} (have ${manifest.surface?.areas.map((x) => x.area).join(', ') ?? 'no surface model'})`);
    return a;
  };
  const areas = new Map<string, RasterGrid & { tifPath: string }>();
  for (const a of manifest.surface?.areas ?? []) {
    const { window, tiff } = await surfaceWindowGeoTiff(data, a);
    const tifPath = path.join(path.dirname(root), `${a.area}.tif`);
    writeFileSync(tifPath, tiff);
    areas.set(a.area, { ...window.grid, tifPath });
  }
  return {
    root,
    url,
    manifest,
    data,
    areaInfo,
    dsm(area) {
      areaInfo(area);
      const g = areas.get(area)!;
      return { ...g, values: g.values.slice() };
    },
    footprints() {
      if (!manifest.footprints) throw new Error('the build has no footprints file');
      return JSON.parse(readFileSync(path.join(root, manifest.footprints.path), 'utf8')) as FootprintsFile;
    },
    water() {
      return manifest.layers
        .filter((l) => l.id === 'water' || l.id === 'waterways')
        .flatMap((l) => (JSON.parse(readFileSync(path.join(root, l.path), 'utf8')).features as { geometry: WaterGeometry }[]).map((f) => f.geometry));
    },
    remove() {
      rmSync(path.dirname(root), { recursive: true, force: true });
    },
  };
}

/** A window of a grid by rows and columns (copied), georeferenced. */
export function cropCells(g: RasterGrid, row0: number, col0: number, height: number, width: number): RasterGrid {
  if (row0 < 0 || col0 < 0 || row0 + height > g.height || col0 + width > g.width) {
    throw new Error(`window ${width} x ${height} at row ${row0}, col ${col0} does not fit in ${g.width} x ${g.height}`);
  }
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++) values.set(g.values.subarray((row0 + r) * g.width + col0, (row0 + r) * g.width + col0 + width), r * width);
  return { values, width, height, cellSize: g.cellSize, originX: g.originX + col0 * g.cellSize, originY: g.originY - row0 * g.cellSize, noData: g.noData };
}

/** An area's surface model (its buildings' box + 100 m) from any city build folder, read through workers/data; the first area when `area` is not in the build. */
export async function areaSurface(root: string, area: string): Promise<RasterGrid & { area: string }> {
  const data = createCityData(pathToFileURL(`${root}/`).href);
  const areas = (await data.manifest()).surface?.areas ?? [];
  const info = areas.find((a) => a.area === area) ?? areas[0];
  if (!info) throw new Error(`${root} has no surface model; rebuild the city`);
  return { ...(await data.surfaceWindow(info, 0)).grid, area: info.area };
}

/** A city build to measure on: $VSEOUL_CITY_DIR when set (kept), else the default build made in a temp dir (removed by `remove`). */
export async function benchCityDir(label: string): Promise<{ root: string; remove(): void }> {
  const given = process.env.VSEOUL_CITY_DIR;
  if (given) return { root: given, remove: () => {} };
  const tmp = mkdtempSync(path.join(os.tmpdir(), `vseoul-${label}-`));
  const root = path.join(tmp, 'city-build');
  try {
    await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: root }, { issue: () => {}, progress: () => {}, info: () => {} });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return { root, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}
