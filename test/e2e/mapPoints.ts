// Ground points of a city build's layers and where they fall on the map, for the specs that check
// what the map shows against the layers' GeoJSON.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CityManifest, FootprintsFile } from '../../common/buildFormat.js';
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

/** The polygons (rings, outer first) of the district (gu) named `name` in the build's districts layer. */
export function districtPolygons(cityDir: string, manifest: CityManifest, name: string): Ring[][] {
  const info = manifest.layers.find((l) => l.id === 'districts')!;
  const doc = JSON.parse(readFileSync(path.join(cityDir, info.path), 'utf8')) as {
    features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  return doc.features
    .filter((f) => f.properties.name === name)
    .flatMap(({ geometry: g }) => (g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : []));
}

/**
 * Centres of the most built-up cells of a `cell`-degree lattice inside `polygons`, by the build's
 * footprints (analysis/footprints.json): the footprint area whose ring centre falls in a cell over
 * the cell's area, at least `minShare`; the `count` densest, densest first, with their shares.
 */
export function denseBuildingPoints(
  cityDir: string,
  manifest: CityManifest,
  polygons: Ring[][],
  cell: number,
  minShare: number,
  count: number,
): { lon: number; lat: number; share: number }[] {
  const file = JSON.parse(readFileSync(path.join(cityDir, manifest.footprints!.path), 'utf8')) as FootprintsFile;
  const xs = polygons.flatMap((p) => p[0].map((q) => q[0])),
    ys = polygons.flatMap((p) => p[0].map((q) => q[1]));
  const [w, s, e, n] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const cols = Math.ceil((e - w) / cell),
    rows = Math.ceil((n - s) / cell);
  const built = new Float64Array(cols * rows);
  const mPerDegLon = M_PER_DEG * Math.cos((((s + n) / 2) * Math.PI) / 180);
  for (let b = 0; b + 1 < file.offsets.length; b++) {
    const from = file.offsets[b],
      to = file.offsets[b + 1];
    let area = 0,
      cx = 0,
      cy = 0;
    for (let k = from; k < to; k++) {
      const j = k + 1 < to ? k + 1 : from;
      area += file.lonLat[2 * k] * file.lonLat[2 * j + 1] - file.lonLat[2 * j] * file.lonLat[2 * k + 1];
      cx += file.lonLat[2 * k];
      cy += file.lonLat[2 * k + 1];
    }
    const [lon, lat] = [cx / (to - from), cy / (to - from)];
    const c = Math.floor((lon - w) / cell),
      r = Math.floor((lat - s) / cell);
    if (c < 0 || r < 0 || c >= cols || r >= rows) continue;
    built[r * cols + c] += Math.abs(area / 2) * mPerDegLon * M_PER_DEG;
  }
  const cellArea = cell * mPerDegLon * cell * M_PER_DEG;
  const points: { lon: number; lat: number; share: number }[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const [lon, lat] = [w + (c + 0.5) * cell, s + (r + 0.5) * cell];
      const share = built[r * cols + c] / cellArea;
      if (share >= minShare && polygons.some((p) => inPolygon(p, lon, lat))) points.push({ lon, lat, share });
    }
  return points.sort((a, b) => b.share - a.share).slice(0, count);
}
