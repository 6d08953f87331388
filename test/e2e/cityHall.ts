// Seoul City Hall as the source data describes it: the oracle for the picking test. Read from the
// shared data (never copied into the repository), so the test follows the real footprint.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { PageGlobals } from './app.js';

export const CITY_HALL_NAME = '서울특별시청';
const BUILDINGS_FILE = 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson';

export interface Footprint {
  lon: number;
  lat: number;
  /** Height in the source data (metres), when it has one. */
  sourceHeight: number | null;
}

/** Area-weighted centroid of a ring of lon/lat pairs (planar is fine at building scale). */
export function ringCentroid(ring: number[][]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

export async function cityHallFootprint(): Promise<Footprint> {
  const dataDir = path.resolve(process.env.VSEOUL_DATA_DIR ?? '../shared/data');
  const json = JSON.parse(await readFile(path.join(dataDir, BUILDINGS_FILE), 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } }[];
  };
  const matches = json.features.filter((f) => f.properties.name === CITY_HALL_NAME && f.geometry.type === 'Polygon');
  if (matches.length !== 1) throw new Error(`expected one ${CITY_HALL_NAME} polygon in ${BUILDINGS_FILE}, found ${matches.length}`);
  const f = matches[0];
  const [lon, lat] = ringCentroid(f.geometry.coordinates[0]);
  const h = Number(f.properties.height_m);
  return { lon, lat, sourceHeight: Number.isFinite(h) && h > 0 ? h : null };
}

/** Window position of City Hall just below its roof (the roof faces the camera), or null when off screen. */
export async function cityHallRoofOnScreen(page: Page): Promise<{ x: number; y: number } | null> {
  const hall = await cityHallFootprint();
  return page.evaluate(([lon, lat, h]) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, h), [
    hall.lon,
    hall.lat,
    (hall.sourceHeight ?? 20) * 0.9,
  ] as const);
}
