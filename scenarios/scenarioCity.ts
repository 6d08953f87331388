// The parts of a city build a scenario run reads, from disk (Node): the manifest, the surface-model
// rasters, the building footprints and the ground layers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CityManifest, DsmRasterInfo, FootprintsFile } from '../common/buildFormat.js';
import { BUILD_PATHS } from '../common/buildFormat.js';
import { gridFromRawBytes } from '../workers/grid/rasterGeoTiff.js';
import type { RasterGrid } from '../common/rasterGrid.js';

export interface ScenarioCity {
  dir: string;
  manifest: CityManifest;
  dsm(info: DsmRasterInfo): Promise<RasterGrid>;
  footprints(): Promise<FootprintsFile | null>;
  /** A ground layer's GeoJSON by id ('water', ...), or null when the build has none. */
  layer(id: string): Promise<unknown>;
}

export async function openScenarioCity(dir: string): Promise<ScenarioCity> {
  const manifestPath = path.join(dir, BUILD_PATHS.manifest);
  let manifest: CityManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as CityManifest;
  } catch (err) {
    throw new Error(
      `no city build at ${dir} (${manifestPath}: ${err instanceof Error ? err.message : String(err)}); build one with \`npm run build:city\` or pass --city DIR`,
      { cause: err },
    );
  }
  if (!manifest.dsm?.length) throw new Error(`${manifestPath}: the build has no surface model (dsm[] is empty); rebuild the city`);
  const grids = new Map<string, Promise<RasterGrid>>();
  return {
    dir,
    manifest,
    dsm(info) {
      let g = grids.get(info.area);
      if (!g) {
        g = readFile(path.join(dir, info.rawPath)).then((bytes) => gridFromRawBytes(info, bytes, `${info.rawPath}`));
        grids.set(info.area, g);
      }
      return g;
    },
    async footprints() {
      if (!manifest.footprints) return null;
      return JSON.parse(await readFile(path.join(dir, manifest.footprints.path), 'utf8')) as FootprintsFile;
    },
    async layer(id) {
      const info = manifest.layers.find((l) => l.id === id);
      if (!info) return null;
      return JSON.parse(await readFile(path.join(dir, info.path), 'utf8')) as unknown;
    },
  };
}
