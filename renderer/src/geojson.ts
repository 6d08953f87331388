// Minimal GeoJSON reading for ground layers: turns features into rings and lines of lon/lat
// pairs, reporting (never silently dropping) features it cannot draw.

export type Position = [number, number];

export interface PolygonParts {
  outer: Position[];
  holes: Position[][];
}

export interface ReadFeature {
  id: string;
  properties: Record<string, unknown>;
  polygons: PolygonParts[];
  lines: Position[][];
}

export interface ReadResult {
  features: ReadFeature[];
  problems: string[];
}

interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  properties?: Record<string, unknown> | null;
  geometry: GeoJsonGeometry | null;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

/** A ring or line with its positions validated; null when too short to draw. */
function readPath(value: unknown, minPositions: number): Position[] | null {
  if (!Array.isArray(value)) return null;
  const out: Position[] = [];
  for (const p of value) {
    if (!isPosition(p)) return null;
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push([p[0], p[1]]);
  }
  return out.length >= minPositions ? out : null;
}

function readPolygon(coords: unknown): PolygonParts | null {
  if (!Array.isArray(coords) || coords.length === 0) return null;
  // A closed ring needs 3 distinct corners plus the closing repeat.
  const outer = readPath(coords[0], 4);
  if (!outer) return null;
  const holes = coords
    .slice(1)
    .map((r) => readPath(r, 4))
    .filter((r): r is Position[] => r !== null);
  return { outer, holes };
}

function addGeometry(geometry: GeoJsonGeometry, into: ReadFeature, problems: string[]): void {
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'Polygon': {
      const p = readPolygon(c);
      if (p) into.polygons.push(p);
      else problems.push(`feature ${into.id}: polygon with an invalid outer ring, not drawn`);
      break;
    }
    case 'MultiPolygon':
      for (const part of Array.isArray(c) ? c : []) {
        const p = readPolygon(part);
        if (p) into.polygons.push(p);
        else problems.push(`feature ${into.id}: multipolygon part with an invalid outer ring, part not drawn`);
      }
      break;
    case 'LineString': {
      const l = readPath(c, 2);
      if (l) into.lines.push(l);
      else problems.push(`feature ${into.id}: line with fewer than 2 valid positions, not drawn`);
      break;
    }
    case 'MultiLineString':
      for (const part of Array.isArray(c) ? c : []) {
        const l = readPath(part, 2);
        if (l) into.lines.push(l);
        else problems.push(`feature ${into.id}: line part with fewer than 2 valid positions, part not drawn`);
      }
      break;
    case 'GeometryCollection':
      for (const g of geometry.geometries ?? []) addGeometry(g, into, problems);
      break;
    default:
      problems.push(`feature ${into.id}: geometry type ${geometry.type} is not drawn in a ground layer`);
  }
}

export function readFeatureCollection(json: unknown, fileLabel: string): ReadResult {
  const problems: string[] = [];
  const features: ReadFeature[] = [];
  const list = (json as { features?: unknown } | null)?.features;
  if (!Array.isArray(list)) return { features, problems: [`${fileLabel}: not a GeoJSON FeatureCollection`] };
  list.forEach((raw: GeoJsonFeature, index) => {
    const id = String(raw?.id ?? raw?.properties?.id ?? `#${index}`);
    if (!raw?.geometry) {
      problems.push(`${fileLabel}: feature ${id} has no geometry, not drawn`);
      return;
    }
    const feature: ReadFeature = { id, properties: raw.properties ?? {}, polygons: [], lines: [] };
    const featureProblems: string[] = [];
    addGeometry(raw.geometry, feature, featureProblems);
    problems.push(...featureProblems.map((p) => `${fileLabel}: ${p}`));
    if (feature.polygons.length || feature.lines.length) features.push(feature);
  });
  return { features, problems };
}

/** Area-weighted centroid of the largest polygon of a feature (planar lon/lat is fine at gu scale). */
export function labelPoint(feature: ReadFeature): Position | null {
  let best: { area: number; c: Position } | null = null;
  for (const { outer } of feature.polygons) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < outer.length; i++) {
      const [x0, y0] = outer[i];
      const [x1, y1] = outer[(i + 1) % outer.length];
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (a === 0) continue;
    const c: Position = [cx / (3 * a), cy / (3 * a)];
    if (!best || Math.abs(a) > best.area) best = { area: Math.abs(a), c };
  }
  return best?.c ?? null;
}

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

export function featureBox(feature: ReadFeature): LonLatBox {
  const box: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (path: Position[]) => {
    for (const [x, y] of path) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  };
  for (const p of feature.polygons) add(p.outer);
  for (const l of feature.lines) add(l);
  return box;
}

export function boxesIntersect(a: LonLatBox, b: LonLatBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
