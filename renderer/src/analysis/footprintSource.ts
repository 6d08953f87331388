// Building footprints of the city build (manifest.footprints) for the analysis panels: the ring of
// a building by id, and the building under a point.
import type { CityManifest, FootprintsFile } from '../../../tiles/buildFormat.js';
import { toXY, type XY } from '../../../workers/planning/proposalGeometry.js';
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

export interface Footprint {
  id: string;
  height: number;
  floors: number;
  ring: XY[];
}

export function footprintOf(f: FootprintsFile, i: number): Footprint {
  const ring: XY[] = [];
  for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) ring.push(toXY([f.lonLat[2 * k], f.lonLat[2 * k + 1]]));
  return { id: f.ids[i], height: f.heights[i], floors: f.floors[i], ring };
}

export function footprintById(f: FootprintsFile, id: string): Footprint | null {
  const i = f.ids.indexOf(id);
  return i < 0 ? null : footprintOf(f, i);
}

function inside(x: number, y: number, ring: XY[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) c = !c;
  }
  return c;
}

/** The building whose footprint holds the EPSG:5186 point. */
export function footprintAt(f: FootprintsFile, x: number, y: number): Footprint | null {
  for (let i = 0; i < f.ids.length; i++) {
    const k = f.offsets[i];
    const [fx, fy] = toXY([f.lonLat[2 * k], f.lonLat[2 * k + 1]]);
    if (Math.abs(fx - x) > 400 || Math.abs(fy - y) > 400) continue;
    const b = footprintOf(f, i);
    if (inside(x, y, b.ring)) return b;
  }
  return null;
}
