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
 * Real buildings of whole gu from the OSM citywide extract (outer rings, file order), for the
 * engines' fast paths against brute force: `files` are the suffixes of
 * buildings/osm_citywide_2026-07/seoul_osm_buildings_<suffix>.geojson.
 */
export function realCitywideBuildings(files: string[]): { rings: number[][][]; footprints: FootprintArrays; heights: Float32Array; floors: Float32Array } {
  const rings: number[][][] = [];
  const heights: number[] = [];
  const floors: number[] = [];
  for (const suffix of files) {
    const fc = JSON.parse(readFileSync(path.join(DATA_DIR, `buildings/osm_citywide_2026-07/seoul_osm_buildings_${suffix}.geojson`), 'utf8')) as {
      features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }>;
    };
    for (const f of fc.features) {
      rings.push(f.geometry.coordinates[0]);
      heights.push(Number(f.properties['height']) || 0);
      floors.push(Number(f.properties['building:levels']) || 0);
    }
  }
  return { rings, footprints: packFootprints(rings as [number, number][][]), heights: Float32Array.from(heights), floors: Float32Array.from(floors) };
}
