// Real fire and building data for the fire tests and benchmark, read from the shared data folder
// (never copied into the repository).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvPoints, SEOUL_BOUNDS } from '../../tiles/readers/readCsvPoints.js';
import { packFootprints, type FootprintArrays } from '../../workers/fire/footprints.js';
import { zoneCode, zoneForUse } from '../../workers/fire/zoneRule.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = path.resolve(repoRoot, process.env.VSEOUL_DATA_DIR ?? '../shared/data');

export function realHydrants(): Float64Array {
  const file = 'fire/seoul_fire_water_facilities.csv';
  const read = readCsvPoints(readFileSync(path.join(DATA_DIR, file), 'utf8'), {
    file,
    latColumn: 'lat',
    lonColumn: 'lon',
    idColumn: 'facility_no',
    requiredColumns: ['facility_no', 'lat', 'lon'],
    bounds: SEOUL_BOUNDS,
  });
  const out = new Float64Array(read.points.length * 2);
  read.points.forEach((p, i) => {
    out[2 * i] = p.lon;
    out[2 * i + 1] = p.lat;
  });
  return out;
}

export interface RealBuildings {
  footprints: FootprintArrays;
  rings: number[][][];
  uses: string[];
  ids: string[];
  zones: Uint8Array;
  heights: Float32Array;
  floors: Float32Array;
}

/** The 1,358 real OSM buildings (outer rings of the first polygon). */
export function realBuildings(): RealBuildings {
  const fc = JSON.parse(readFileSync(path.join(DATA_DIR, 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson'), 'utf8')) as {
    features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
  };
  const rings: number[][][] = [];
  const uses: string[] = [];
  const ids: string[] = [];
  const heights: number[] = [];
  const floors: number[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    const ring = (g.type === 'Polygon' ? (g.coordinates as number[][][])[0] : (g.coordinates as number[][][][])[0][0]) ?? [];
    if (ring.length < 3) continue;
    rings.push(ring);
    uses.push(String(f.properties['building'] ?? ''));
    ids.push(`osm:way/${String(f.properties['osm_id'])}`);
    const levels = Number(f.properties['levels']) || 0;
    floors.push(levels);
    heights.push(Number(f.properties['height_m']) || (levels ? levels * 3.3 : 9.9));
  }
  return {
    footprints: packFootprints(rings as [number, number][][]),
    rings,
    uses,
    ids,
    zones: Uint8Array.from(uses.map((u) => zoneCode(zoneForUse(u)))),
    heights: Float32Array.from(heights),
    floors: Float32Array.from(floors),
  };
}

/**
 * A larger city made by TILING the real footprints across Seoul's hydrant area (copies shifted by
 * whole offsets): for scale tests only, never shown as Seoul.
 */
export function tiledBuildings(base: RealBuildings, target: number): { footprints: FootprintArrays; zones: Uint8Array } {
  const n = base.footprints.offsets.length - 1;
  const copies = Math.ceil(target / n);
  const cols = Math.ceil(Math.sqrt(copies));
  const verts = base.footprints.lonLat.length / 2;
  const offsets = new Uint32Array(copies * n + 1);
  const lonLat = new Float64Array(copies * verts * 2);
  const zones = new Uint8Array(copies * n);
  // Shift copies over ~25 km x 20 km starting at the south-west of the hydrant area.
  const [w0, s0] = [126.84, 37.45];
  const baseW = Math.min(...base.rings.flat().map((p) => p[0]));
  const baseS = Math.min(...base.rings.flat().map((p) => p[1]));
  const stepX = 0.3 / cols;
  const stepY = 0.2 / cols;
  for (let c = 0; c < copies; c++) {
    const dx = w0 + (c % cols) * stepX - baseW;
    const dy = s0 + Math.floor(c / cols) * stepY - baseS;
    for (let v = 0; v < verts; v++) {
      lonLat[2 * (c * verts + v)] = base.footprints.lonLat[2 * v] + dx;
      lonLat[2 * (c * verts + v) + 1] = base.footprints.lonLat[2 * v + 1] + dy;
    }
    for (let b = 0; b < n; b++) {
      offsets[c * n + b] = c * verts + base.footprints.offsets[b];
      zones[c * n + b] = base.zones[b];
    }
  }
  offsets[copies * n] = copies * verts;
  const keep = target;
  return { footprints: { offsets: offsets.slice(0, keep + 1), lonLat: lonLat.slice(0, offsets[keep] * 2) }, zones: zones.slice(0, keep) };
}
