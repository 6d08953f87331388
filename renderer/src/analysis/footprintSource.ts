// Building footprints of the city build (manifest.footprints) for the analysis panels, fetched once;
// the lookups (ring by id, building under a point) are workers/planning/footprintLookup.ts.
import type { CityManifest, FootprintsFile } from '../../../common/buildFormat.js';
import { cityFileUrl } from '../cityUrl.js';

let cache: Promise<FootprintsFile | null> | null = null;

export function loadFootprints(manifest: CityManifest, cityBaseUrl: string): Promise<FootprintsFile | null> {
  if (!manifest.footprints) return Promise.resolve(null);
  cache ??= fetch(cityFileUrl(cityBaseUrl, manifest, manifest.footprints.path)).then(async (r) => {
    if (!r.ok) throw new Error(`footprints: HTTP ${r.status}`);
    return (await r.json()) as FootprintsFile;
  });
  cache.catch(() => (cache = null));
  return cache;
}

export { footprintAt, footprintById, type Footprint } from '../../../workers/planning/footprintLookup.js';
