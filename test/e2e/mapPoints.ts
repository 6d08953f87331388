// Ground points of a city build's layers and where they fall on the map, for the specs that check
// what the map shows against the layers' GeoJSON.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CityManifest } from '../../common/buildFormat.js';
import { GLOBE_CLIP, type PageGlobals } from './app.js';

export const M_PER_DEG = 111_320;

export type Ring = number[][];

/** The polygons (rings, outer first) of a ground layer's GeoJSON. */
export function layerPolygons(cityDir: string, manifest: CityManifest, id: string): Ring[][] {
  const info = manifest.layers.find((l) => l.id === id)!;
  const doc = JSON.parse(readFileSync(path.join(cityDir, info.path), 'utf8')) as {
    features: { geometry: { type: string; coordinates: unknown } }[];
  };
  return doc.features.flatMap(({ geometry: g }) =>
    g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [],
  );
}

function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export const inPolygon = (rings: Ring[], lon: number, lat: number) => inRing(rings[0], lon, lat) && !rings.slice(1).some((r) => inRing(r, lon, lat));

/**
 * Points of a lattice over `box` that lie well inside the layer: the square of `marginM` around
 * the point is inside its polygons (checked every marginM / 8, so a bridge across the river between
 * two pieces is seen; pieces sharing an edge count as one), and none of the `avoid` boxes is nearer
 * than `avoidM`.
 */
export function pointsInside(polygons: Ring[][], box: number[], step: number, marginM: number, avoid: number[][] = [], avoidM = 0): [number, number][] {
  const boxed = polygons.map((rings) => {
    const xs = rings[0].map((p) => p[0]),
      ys = rings[0].map((p) => p[1]);
    return { rings, w: Math.min(...xs), e: Math.max(...xs), s: Math.min(...ys), n: Math.max(...ys) };
  });
  const covered = (lon: number, lat: number) => boxed.some((p) => lon >= p.w && lon <= p.e && lat >= p.s && lat <= p.n && inPolygon(p.rings, lon, lat));
  const points: [number, number][] = [];
  for (let lon = box[0] + step / 2; lon < box[2]; lon += step)
    for (let lat = box[1] + step / 2; lat < box[3]; lat += step) {
      const dLat = marginM / M_PER_DEG,
        dLon = marginM / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
      const near = avoid.some(
        ([w, s, e, n]) =>
          Math.hypot(Math.max(w - lon, 0, lon - e) * (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), Math.max(s - lat, 0, lat - n) * M_PER_DEG) < avoidM,
      );
      if (near) continue;
      let inside = true;
      for (let a = -8; a <= 8 && inside; a++) for (let b = -8; b <= 8 && inside; b++) inside = covered(lon + (a / 8) * dLon, lat + (b / 8) * dLat);
      if (inside) points.push([lon, lat]);
    }
  return points;
}

/** Window positions of ground points that fall on the free part of the map (right of the side panel, above the credits). */
export async function onMap(page: Page, points: [number, number][]): Promise<{ lon: number; lat: number; x: number; y: number }[]> {
  const at = await page.evaluate((pts) => pts.map(([lon, lat]) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, 0)), points);
  return points
    .map(([lon, lat], i) => ({ lon, lat, x: at[i]?.x ?? -1, y: at[i]?.y ?? -1 }))
    .filter((p) => p.x >= GLOBE_CLIP.x + 4 && p.x <= GLOBE_CLIP.x + GLOBE_CLIP.width - 4 && p.y >= 4 && p.y <= GLOBE_CLIP.height - 4);
}
