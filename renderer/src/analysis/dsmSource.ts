// The city build's surface-model rasters (manifest dsm[], raw Float32 files) as RasterGrids, for
// the analysis panels. Loaded once per area and kept: panels copy before burning proposals in.
import type { CityManifest, DsmRasterInfo } from '../../../common/buildFormat.js';
import { gridFromRawBytes } from '../../../workers/grid/rasterGeoTiff.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { cityFileUrl } from '../cityUrl.js';

const cache = new Map<string, Promise<RasterGrid>>();

export function dsmInfos(manifest: CityManifest): DsmRasterInfo[] {
  return manifest.dsm ?? [];
}

export function loadDsm(manifest: CityManifest, cityBaseUrl: string, info: DsmRasterInfo): Promise<RasterGrid> {
  const url = cityFileUrl(cityBaseUrl, manifest, info.rawPath);
  let p = cache.get(url);
  if (!p) {
    p = (async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`surface model ${info.area} (${info.rawPath}): HTTP ${res.status}`);
      return gridFromRawBytes(info, await res.arrayBuffer(), `surface model ${info.area}`);
    })();
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

/** The DSM area covering an EPSG:5186 point (the first one listing it), or null. */
export function dsmInfoAt(manifest: CityManifest, x: number, y: number): DsmRasterInfo | null {
  for (const d of dsmInfos(manifest)) {
    if (x >= d.originX && x < d.originX + d.width * d.cellSize && y <= d.originY && y > d.originY - d.height * d.cellSize) return d;
  }
  return null;
}
