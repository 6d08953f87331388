// One CityMesh (+ its ShadowCaster) per worker for repeated runs on the same build and proposals:
// decoding the tiles and building the BVH costs far more than a typical facade run.
import { loadCityMesh, loadTerrainMesh, featureBounds, type CityMesh, type CityMeshOptions } from './cityMesh.js';
import { ShadowCaster } from './shadowRays.js';

export interface CachedCity {
  mesh: CityMesh;
  caster: ShadowCaster;
  /** featureBounds(mesh), computed once. */
  bounds: Float64Array;
  /** The terrain's caster, when a terrain layer was given and has a usable level. */
  terrain: ShadowCaster | null;
}

const MAX_ENTRIES = 2;
const cache = new Map<string, Promise<CachedCity>>();

export function cachedCityMesh(opts: CityMeshOptions & { terrainUrl?: string }): Promise<CachedCity> {
  const key = JSON.stringify([opts.tilesetUrl ?? '', opts.terrainUrl ?? '', opts.proposals ?? [], opts.remove ?? [], opts.origin ?? null, opts.region ?? null]);
  let entry = cache.get(key);
  if (!entry) {
    entry = (async () => {
      const mesh = await loadCityMesh(opts);
      const terrain = opts.terrainUrl ? await loadTerrainMesh(opts.terrainUrl, [mesh.originX, mesh.originY], opts) : null;
      return { mesh, caster: new ShadowCaster(mesh), bounds: featureBounds(mesh), terrain: terrain ? new ShadowCaster(terrain) : null };
    })();
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return entry;
}
