// The real city build for analysis tests and benchmarks: built once into a temp dir with the
// pipeline (as test/integration/cityBuild.test.ts does), then read the way the workers and the
// renderer read it: surface models (dsm/<area>.f32 + the manifest's DsmRasterInfo), footprints
// and water layers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCity } from '../../tiles/buildCity.js';
import { BUILD_PATHS, type CityManifest, type DsmRasterInfo, type FootprintsFile } from '../../common/buildFormat.js';
import type { BuildLog } from '../../tiles/model/cityModel.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import type { WaterGeometry } from '../../workers/flood/connectedFill.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(here, '../../../shared/data');

export interface TestCity {
  root: string;
  manifest: CityManifest;
  dsmInfo(area: string): DsmRasterInfo;
  /** The surface model of an area, with the path of its GeoTIFF (for GDAL/GRASS peers). */
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
  await buildCity({ sourceDir: SOURCE, outDir: root }, log);
  const manifest = JSON.parse(readFileSync(path.join(root, BUILD_PATHS.manifest), 'utf8')) as CityManifest;
  const dsmInfo = (area: string) => {
    const d = manifest.dsm.find((x) => x.area === area);
    if (!d) throw new Error(`no surface model for area ${area} (have ${manifest.dsm.map((x) => x.area).join(', ')})`);
    return d;
  };
  return {
    root,
    manifest,
    dsmInfo,
    dsm(area) {
      const d = dsmInfo(area);
      const buf = readFileSync(path.join(root, d.rawPath));
      const values = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      return {
        values,
        width: d.width,
        height: d.height,
        cellSize: d.cellSize,
        originX: d.originX,
        originY: d.originY,
        noData: d.noData,
        tifPath: path.join(root, d.path),
      };
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
