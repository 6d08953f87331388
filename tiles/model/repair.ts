// Validates and repairs footprint rings before extrusion. Every repair or skip becomes a BuildIssue
// (file, feature id, problem, action). Normalising orientation (outer CCW, holes CW) is not
// reported: sources legitimately use either winding (shapefiles are CW by spec, OSM ways either).
import { pointInRing } from '../readers/osm.js';
import type { RawFeature, RawPolygon, RawPosition } from '../readers/types.js';
import type { BuildIssue, PolygonRings, Ring } from './cityModel.js';
import { polygonClipping, type MultiPolygon } from './polygonClipping.js';

/** Rings smaller than this (m²) are degenerate: slivers from digitising errors, not buildings. */
const MIN_RING_AREA_M2 = 0.01;

export interface RepairResult {
  /** Valid polygons (empty when the whole feature had to be skipped). */
  polygons: PolygonRings[];
  issues: BuildIssue[];
  repaired: boolean;
}

/** Signed area of a lon/lat ring in degrees² (positive = counter-clockwise). Ring not closed. */
export function signedArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/** Approximate area in m² of a lon/lat ring (local equirectangular scale; fine at building size). */
export function ringAreaM2(ring: number[][]): number {
  if (!ring.length) return 0;
  const lat = (ring[0][1] * Math.PI) / 180;
  const mPerDegLat = 111_132.95;
  const mPerDegLon = 111_319.49 * Math.cos(lat);
  return Math.abs(signedArea(ring)) * mPerDegLat * mPerDegLon;
}

// Module-level helpers, not closures in segmentsCross: it runs ~50 times per building.
const orientation = (p: number[], q: number[], r: number[]) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
const within = (p: number[], q: number[], r: number[]) =>
  Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);

function segmentsCross(a: number[], b: number[], c: number[], d: number[]): boolean {
  const o1 = orientation(a, b, c),
    o2 = orientation(a, b, d),
    o3 = orientation(c, d, a),
    o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  // Collinear overlap or a vertex touching another edge also makes the ring non-simple.
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b));
}

/** True when two non-adjacent edges of the (unclosed) ring touch or cross. O(n²): footprints are small. */
export function isSelfIntersecting(ring: number[][]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i],
      b = ring[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      if (j === i || (j + 1) % n === i || j === (i + 1) % n) continue; // adjacent edges share a vertex
      if (segmentsCross(a, b, ring[j], ring[(j + 1) % n])) return true;
    }
  }
  return false;
}

/** Whether two segments cross at a point inside both (touching or collinear overlap is not crossing). */
function properlyCross(a: number[], b: number[], c: number[], d: number[]): boolean {
  const o1 = orientation(a, b, c),
    o2 = orientation(a, b, d),
    o3 = orientation(c, d, a),
    o4 = orientation(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/**
 * Where a hole lies against its outer ring: inside (kept), outside (dropped: a hole far away made
 * the surface model's extent span kilometres for one building), or crossing it (cut out of the outer
 * ring). Without crossing edges a hole is wholly inside or outside; most of its vertices decide, so a
 * vertex touching the outer ring does not.
 */
export function holePlacement(outer: Ring, hole: Ring): 'inside' | 'outside' | 'crossing' {
  for (let i = 0; i < hole.length; i++) {
    const a = hole[i],
      b = hole[(i + 1) % hole.length];
    for (let j = 0; j < outer.length; j++) if (properlyCross(a, b, outer[j], outer[(j + 1) % outer.length])) return 'crossing';
  }
  const inside = hole.filter((p) => pointInRing(p, outer)).length;
  if (inside * 2 > hole.length) return 'inside';
  // Outside, unless the "hole" encloses the whole outer ring (then nothing is left of the building).
  return pointInRing(outer[0], hole) ? 'crossing' : 'outside';
}

const closed = (ring: Ring) => [...ring, ring[0]];

const same = (a: RawPosition, b: RawPosition) => a[0] === b[0] && a[1] === b[1];

type RingCheck = { ring: Ring; problem?: undefined; repairs: string[] } | { ring?: undefined; problem: string; repairs: string[] };

/** Cleans one ring: valid coordinates, closing point dropped, consecutive duplicates removed. */
function cleanRing(raw: RawPosition[]): RingCheck {
  const repairs: string[] = [];
  if (!Array.isArray(raw) || raw.length === 0) return { problem: 'empty ring', repairs };
  for (const p of raw) {
    const [lon, lat] = Array.isArray(p) ? p : [NaN, NaN];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { problem: 'ring has a non-numeric (NaN) coordinate', repairs };
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return { problem: `coordinate out of range (${lon}, ${lat}): wrong CRS?`, repairs };
  }
  const pts = raw.map((p) => [p[0], p[1]] as [number, number]);
  if (pts.length >= 2 && same(pts[0], pts[pts.length - 1])) pts.pop();
  else if (pts.length >= 3) repairs.push('ring was not closed (closed it)');
  const ring: Ring = [];
  let dups = 0;
  for (const p of pts) {
    if (ring.length && same(ring[ring.length - 1], p)) dups++;
    else ring.push(p);
  }
  while (ring.length > 1 && same(ring[0], ring[ring.length - 1])) {
    ring.pop();
    dups++;
  }
  if (dups) repairs.push(`${dups} duplicate consecutive point(s) removed`);
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 3) return { problem: `ring has ${distinct} distinct point(s), 3 needed`, repairs };
  // A bowtie's signed area can be ~0 although it covers area: the self-intersection repair handles it.
  if (ringAreaM2(ring) < MIN_RING_AREA_M2 && !isSelfIntersecting(ring)) return { problem: 'ring has zero area (collinear points)', repairs };
  return { ring, repairs };
}

function orient(ring: Ring, ccw: boolean): Ring {
  return signedArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

/** Turns a polygon-clipping result (closed rings) into our rings (open, outer CCW, holes CW). */
function fromClipping(mp: MultiPolygon): PolygonRings[] {
  return mp
    .map((poly) => poly.map((r, k) => orient(r.slice(0, -1) as Ring, k === 0)))
    .filter((poly) => poly[0].length >= 3 && ringAreaM2(poly[0]) >= MIN_RING_AREA_M2);
}

export function repairFeature(feature: RawFeature): RepairResult {
  const issues: BuildIssue[] = [];
  const note = (problem: string, action: BuildIssue['action']) => issues.push({ file: feature.file, featureId: feature.sourceId, problem, action });
  let repaired = false;
  const out: PolygonRings[] = [];
  const many = feature.polygons.length > 1;

  feature.polygons.forEach((poly: RawPolygon, pi) => {
    const where = many ? `polygon ${pi + 1}: ` : '';
    if (!Array.isArray(poly) || poly.length === 0) {
      note(`${where}polygon has no rings`, 'skipped');
      return;
    }
    const outer = cleanRing(poly[0]);
    for (const r of outer.repairs) note(`${where}outer ring: ${r}`, 'repaired');
    if (outer.repairs.length) repaired = true;
    if (!outer.ring) {
      note(`${where}outer ring: ${outer.problem}`, 'skipped');
      return;
    }
    const rings: Ring[] = [orient(outer.ring, true)];
    const crossing: Ring[] = [];
    poly.slice(1).forEach((rawHole, hi) => {
      const hole = cleanRing(rawHole);
      for (const r of hole.repairs) note(`${where}hole ${hi + 1}: ${r}`, 'repaired');
      if (hole.repairs.length) repaired = true;
      if (!hole.ring) {
        note(`${where}hole ${hi + 1}: ${hole.problem}; hole dropped, outer ring kept`, 'repaired');
        repaired = true;
        return;
      }
      const placement = holePlacement(rings[0], hole.ring);
      if (placement === 'outside') {
        note(`${where}hole ${hi + 1} lies outside the outer ring; hole dropped, outer ring kept`, 'repaired');
        repaired = true;
      } else if (placement === 'crossing') crossing.push(hole.ring);
      else rings.push(orient(hole.ring, false));
    });

    const pieces = resolveSelfIntersection(rings, where, note);
    if (!pieces.length || !crossing.length) {
      out.push(...pieces);
      if (pieces.length > 1 || (pieces.length && pieces[0] !== rings)) repaired = true;
      return;
    }
    // Holes reaching out of the outer ring: what the mapper meant is the outer ring without them.
    let cut: PolygonRings[];
    try {
      cut = fromClipping(
        polygonClipping.difference(
          pieces.map((p) => p.map(closed)),
          ...crossing.map((h) => [closed(h)]),
        ),
      );
    } catch (err) {
      note(`${where}${crossing.length} hole(s) cross the outer ring and could not be cut out (${(err as Error).message})`, 'skipped');
      return;
    }
    repaired = true;
    if (!cut.length) {
      note(`${where}${crossing.length} hole(s) cross the outer ring and leave no area`, 'skipped');
      return;
    }
    note(`${where}${crossing.length} hole(s) cross the outer ring; cut out of it (${cut.length} polygon(s) left)`, 'repaired');
    out.push(...cut);
  });
  // A multipolygon that lost some parts but kept others is built, so count it as repaired.
  if (out.length && issues.some((i) => i.action === 'skipped')) repaired = true;
  if (!out.length && feature.polygons.length) {
    if (!issues.some((i) => i.action === 'skipped')) note('no valid polygon', 'skipped');
  }
  if (!feature.polygons.length) note('feature has no polygons', 'skipped');
  return { polygons: out, issues, repaired };
}

/** The polygon itself when its rings are simple, else simple polygons covering the same area (none when that fails). */
function resolveSelfIntersection(rings: Ring[], where: string, note: (problem: string, action: BuildIssue['action']) => void): PolygonRings[] {
  if (!rings.some(isSelfIntersecting)) return [rings];
  // Self-intersecting (e.g. a bowtie): the union of the polygon with itself resolves it into
  // simple polygons covering the same area, which is what the mapper drew.
  try {
    const fixed = fromClipping(polygonClipping.union(rings.map(closed)));
    if (!fixed.length) note(`${where}self-intersecting ring leaves no area after repair`, 'skipped');
    else note(`${where}self-intersecting ring split into ${fixed.length} simple polygon(s)`, 'repaired');
    return fixed;
  } catch (err) {
    note(`${where}self-intersecting ring could not be repaired (${(err as Error).message})`, 'skipped');
    return [];
  }
}
