// The one door through which engines load their inputs from a city build: the manifest, the
// surface-model window of any area (made from the tiled surface model, across tile seams), the
// building footprints, ground layers (water...), point layers (hydrants) and, for engines that walk
// the tileset themselves, the reader the GLBs come through. The page sends a build's base URL and
// parameters, never rasters: each worker reads what it needs here, once — every file is decoded
// once per worker and kept (openCityData caches per base URL; surface tiles up to MAX_TILES).
import type { CityManifest, FootprintsFile, PointLayerInfo } from '../../common/buildFormat.js';
import { citySource, readBytes, type CitySource, type ReadBytes } from './cityFiles.js';
import { loadSurfaceTile, tileName, type SurfaceTile } from './surfaceTile.js';
import { readSurfaceWindow, surfaceModelOf, type Bounds5186, type SurfaceWindow } from './surfaceWindow.js';

export type { SurfaceWindow } from './surfaceWindow.js';

export interface GeoJsonFeature {
  geometry: { type: string; coordinates: unknown } | null;
  properties?: Record<string, unknown> | null;
}

export interface PointLayer {
  info: PointLayerInfo;
  /** lon/lat pairs in degrees (the file's Float32 offsets plus the layer's origin). */
  lonLat: Float64Array;
  /** Columns of the attribute file, row i = point i (read on first use). */
  attributes(): Promise<Record<string, string[]>>;
}

export interface CityData {
  readonly baseUrl: string;
  manifest(): Promise<CityManifest>;
  surfaceWindow(area: Bounds5186, marginM: number): Promise<SurfaceWindow>;
  /** analysis/footprints.json, or null when the build has none. */
  footprints(): Promise<FootprintsFile | null>;
  /** A ground layer's features by id ('water', 'waterways', ...), or null when the build has none. */
  groundLayer(id: string): Promise<GeoJsonFeature[] | null>;
  /** A point layer by id ('fire-hydrants', ...), or null when the build has none. */
  pointLayer(id: string): Promise<PointLayer | null>;
  /** Reads any file of the build by URL (versioned over HTTP), for engines that follow the tileset's links. */
  readUrl: ReadBytes;
  /** Drops everything cached. */
  destroy(): void;
}

/**
 * Surface tiles kept decoded per build (terrain lattice and prisms, ~0.3-2 MB each): a 2 km x 2 km
 * area with its 400 m margin reaches up to 16 tiles, read once however many runs ask.
 */
const MAX_TILES = 24;

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>, max = Infinity): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    while (cache.size > max) cache.delete(cache.keys().next().value as string);
  }
  return p;
}

export function createCityData(baseUrl: string, read: ReadBytes = readBytes): CityData {
  const plain = citySource(baseUrl, { read });
  let manifest: Promise<CityManifest> | null = null;
  // Every file but the manifest carries the build's time (?v=) over HTTP, as the page's URLs do.
  let versioned: Promise<CitySource> | null = null;
  const tiles = new Map<string, Promise<SurfaceTile>>();
  const files = new Map<string, Promise<unknown>>();

  const loadManifest = () => {
    manifest ??= plain.readJson<CityManifest>('manifest.json').catch((err: unknown) => {
      manifest = null;
      throw new Error(`no city build at ${plain.baseUrl} (manifest.json: ${err instanceof Error ? err.message : String(err)})`, { cause: err });
    });
    return manifest;
  };
  const source = () => (versioned ??= loadManifest().then((m) => citySource(plain.baseUrl, { read, version: m.builtAt })));
  const json = <T>(path: string) => memo(files, path, async () => (await source()).readJson<T>(path)) as Promise<T>;

  return {
    baseUrl: plain.baseUrl,
    manifest: loadManifest,
    async surfaceWindow(area, marginM) {
      const manifest = await loadManifest();
      const model = surfaceModelOf(manifest);
      const files = await source();
      return readSurfaceWindow(manifest, area, marginM, (key) =>
        memo(tiles, tileName(key), () => loadSurfaceTile(model, key, (path) => files.read(path)), MAX_TILES),
      );
    },
    async footprints() {
      const info = (await loadManifest()).footprints;
      return info ? json<FootprintsFile>(info.path) : null;
    },
    async groundLayer(id) {
      const info = (await loadManifest()).layers.find((l) => l.id === id);
      if (!info) return null;
      return (await json<{ features: GeoJsonFeature[] }>(info.path)).features;
    },
    async pointLayer(id) {
      const info = (await loadManifest()).pointLayers?.find((l) => l.id === id);
      if (!info) return null;
      const lonLat = await memo(files, info.positionsPath, async () => {
        const bytes = await (await source()).read(info.positionsPath);
        const offsets = new Float32Array(bytes.slice().buffer);
        if (offsets.length !== info.count * 2) throw new Error(`${info.positionsPath}: ${offsets.length / 2} points, the manifest says ${info.count}`);
        return Float64Array.from(offsets, (v, i) => v + info.origin[i % 2]);
      });
      return { info, lonLat: lonLat as Float64Array, attributes: async () => (await json<{ columns: Record<string, string[]> }>(info.attributesPath)).columns };
    },
    readUrl: (url) => source().then((s) => s.readUrl(url)),
    destroy() {
      tiles.clear();
      files.clear();
      manifest = null;
      versioned = null;
    },
  };
}

const opened = new Map<string, CityData>();

/** The CityData of a build, shared by every run in this worker (or Node thread). */
export function openCityData(baseUrl: string): CityData {
  const key = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let city = opened.get(key);
  if (!city) {
    city = createCityData(key);
    opened.set(key, city);
  }
  return city;
}

/** Forgets a build (e.g. after it was rebuilt in place): the next openCityData reads it afresh. */
export function closeCityData(baseUrl: string): void {
  const key = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  opened.get(key)?.destroy();
  opened.delete(key);
}
