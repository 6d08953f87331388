// Footprints in a local metric plane for merging sources: area, bounding box, the area two
// footprints share, and a spatial index of bounding boxes. Whole-city merging makes ~170,000
// queries, so the index answers each from a few candidates: KDBush over box centres, in buckets
// by box size, each bucket searched with its own largest half-size (one 1 km complex must not make
// every query scan a 1 km neighbourhood).
import KDBush from 'kdbush';
import type { PolygonRings } from './cityModel.js';
import { polygonClipping, type MultiPolygon, type Pair, type Polygon, type Ring } from './polygonClipping.js';
import { signedArea } from './repair.js';

const M_PER_DEG_LAT = 111_132.95;
const M_PER_DEG_LON_AT_EQUATOR = 111_319.49;

export interface MetricFootprint {
  /** Area in m² (outer rings minus holes). */
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Closed rings in metres east/north of the plane's origin; made on first use (most footprints never need them). */
  readonly polygons: Polygon[];
}

/**
 * An equirectangular plane around (lon0, lat0). Across Seoul (0.3° of latitude) its east-west
 * scale drifts by 0.3 %, which cancels in the overlap shares that matching uses.
 */
export class LocalPlane {
  private readonly kx: number;
  private readonly ky = M_PER_DEG_LAT;

  constructor(
    private readonly lon0: number,
    private readonly lat0: number,
  ) {
    this.kx = M_PER_DEG_LON_AT_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  }

  footprint(polygons: PolygonRings[]): MetricFootprint {
    const { kx, ky, lon0, lat0 } = this;
    let minLon = Infinity,
      minLat = Infinity,
      maxLon = -Infinity,
      maxLat = -Infinity,
      area = 0;
    for (const poly of polygons) {
      poly.forEach((ring, k) => (area += (k === 0 ? 1 : -1) * Math.abs(signedArea(ring))));
      for (const [lon, lat] of poly[0]) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
    let metric: Polygon[] | null = null;
    return {
      area: area * kx * ky,
      minX: (minLon - lon0) * kx,
      minY: (minLat - lat0) * ky,
      maxX: (maxLon - lon0) * kx,
      maxY: (maxLat - lat0) * ky,
      get polygons() {
        metric ??= polygons.map((poly) =>
          poly.map((ring) => {
            const r = ring.map(([lon, lat]): [number, number] => [(lon - lon0) * kx, (lat - lat0) * ky]);
            r.push(r[0]);
            return r;
          }),
        );
        return metric;
      },
    };
  }
}

/** Area of polygons given as rings (outer first, holes after; closed or not), in the rings' units². */
export function multiPolygonArea(polygons: MultiPolygon): number {
  let area = 0;
  for (const poly of polygons) poly.forEach((ring, k) => (area += (k === 0 ? 1 : -1) * Math.abs(signedArea(ring))));
  return area;
}

/** Area of the part two boxes share (0 when apart): an upper bound of the footprints' shared area. */
export function boxOverlapArea(a: MetricFootprint, b: MetricFootprint): number {
  const w = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const h = Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The area (m²) two footprints share; 0 when they do not touch or the clipper gives up on
 * degenerate rings. Most footprints are convex (rectangles): clipping by a convex ring is a simple
 * Sutherland-Hodgman pass, exact in area even for a concave subject; two non-convex footprints go
 * to polygon-clipping.
 */
export function sharedArea(a: MetricFootprint, b: MetricFootprint): number {
  if (boxOverlapArea(a, b) === 0) return 0;
  const convexA = convexRing(a);
  const convexB = convexA ? null : convexRing(b);
  if (convexA || convexB) {
    const [clip, subject] = convexA ? [convexA, b] : [convexB!, a];
    let area = 0;
    for (const poly of subject.polygons) poly.forEach((ring, k) => (area += (k === 0 ? 1 : -1) * Math.abs(signedArea(clipByConvex(ring, clip)))));
    return Math.max(0, area);
  }
  try {
    return multiPolygonArea(polygonClipping.intersection(a.polygons, b.polygons));
  } catch {
    return 0;
  }
}

const convexCache = new WeakMap<MetricFootprint, Ring | null>();

/** The footprint's only ring, counter-clockwise and closed, when it has no holes and is convex; else null. */
function convexRing(f: MetricFootprint): Ring | null {
  let ring = convexCache.get(f);
  if (ring !== undefined) return ring;
  ring = null;
  if (f.polygons.length === 1 && f.polygons[0].length === 1) {
    const r = f.polygons[0][0];
    const n = r.length - 1; // closed: the last point repeats the first
    let sign = 0;
    let convex = n >= 3;
    for (let i = 0; i < n && convex; i++) {
      const [p, q, t] = [r[i], r[(i + 1) % n], r[(i + 2) % n]];
      const cross = (q[0] - p[0]) * (t[1] - q[1]) - (q[1] - p[1]) * (t[0] - q[0]);
      if (cross === 0) continue;
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) convex = false;
    }
    if (convex && sign !== 0) ring = sign > 0 ? r : [...r].reverse();
  }
  convexCache.set(f, ring);
  return ring;
}

/** Sutherland-Hodgman: `subject` (closed ring, any shape) clipped by the convex closed CCW ring `clip`. */
function clipByConvex(subject: Ring, clip: Ring): Ring {
  let out: Ring = subject.slice(0, -1);
  for (let i = 0; i < clip.length - 1 && out.length; i++) {
    const [ax, ay] = clip[i];
    const [bx, by] = clip[i + 1];
    const side = (p: Pair) => (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax); // >= 0: inside (left of a->b)
    const input = out;
    out = [];
    for (let k = 0; k < input.length; k++) {
      const p = input[k];
      const q = input[(k + 1) % input.length];
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if (sp >= 0 !== sq >= 0) {
        const t = sp / (sp - sq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return out;
}

/** Bucket limits on a box's larger half-size, metres: houses, blocks, complexes, the rest. */
const BUCKET_HALF_SIZES = [16, 64, 256, Infinity];

interface Bucket {
  tree: KDBush;
  ids: number[];
  halfW: number;
  halfH: number;
}

/** Static index of footprint boxes; ids are the caller's (e.g. positions in its list). */
export class FootprintIndex {
  private readonly buckets: Bucket[] = [];

  constructor(entries: ReadonlyArray<{ id: number; footprint: MetricFootprint }>) {
    const groups: { id: number; footprint: MetricFootprint }[][] = BUCKET_HALF_SIZES.map(() => []);
    for (const e of entries) {
      const f = e.footprint;
      const half = Math.max(f.maxX - f.minX, f.maxY - f.minY) / 2;
      groups[BUCKET_HALF_SIZES.findIndex((limit) => half <= limit)].push(e);
    }
    for (const group of groups) {
      if (!group.length) continue;
      const tree = new KDBush(group.length);
      let halfW = 0,
        halfH = 0;
      for (const { footprint: f } of group) {
        tree.add((f.minX + f.maxX) / 2, (f.minY + f.maxY) / 2);
        halfW = Math.max(halfW, (f.maxX - f.minX) / 2);
        halfH = Math.max(halfH, (f.maxY - f.minY) / 2);
      }
      tree.finish();
      this.buckets.push({ tree, ids: group.map((e) => e.id), halfW, halfH });
    }
  }

  /** Ids of every indexed footprint whose box may touch `f`'s box (a superset; check with boxOverlapArea). */
  candidates(f: MetricFootprint): number[] {
    const out: number[] = [];
    for (const b of this.buckets) {
      for (const k of b.tree.range(f.minX - b.halfW, f.minY - b.halfH, f.maxX + b.halfW, f.maxY + b.halfH)) out.push(b.ids[k]);
    }
    return out;
  }
}
