// Hydrant coverage: for every building, the distance from its FOOTPRINT (the nearest point of the
// outer ring, 0 when a hydrant stands inside) to the nearest fire-water facility, and whether it
// meets the Korean 100 m / 140 m rule (zoneRule.ts; the zone is assumed from the building use).
//
// Spatial index: kdbush over the hydrants in a plane (metres at the data's mean latitude). Per
// building: search radius R + r (r = farthest ring vertex from the ring's centre), growing R until
// a hydrant is found; every hydrant whose footprint distance could beat the best lies inside that
// radius, so the result is exact, not approximate. Distances are measured in a plane scaled at the
// building's own latitude (localMetric.ts), which matches haversine to ~1e-5.
import KDBush from 'kdbush';
import { EngineRun, type EngineControl } from '../engineControl.js';
import { footprintCount, type FootprintArrays } from './footprints.js';
import { metresPerDegree, pointSegmentDistance } from './localMetric.js';
import { limitForZoneCode } from './zoneRule.js';

export interface CoverageInput {
  /** Hydrant positions, lon/lat pairs (degrees). */
  hydrants: Float64Array;
  buildings: FootprintArrays;
  /** Zone code per building (zoneRule.ts ZONE_CODES); decides the 100 m / 140 m limit. */
  zones: Uint8Array;
  /** Initial search radius in metres (default 120: about the mean hydrant spacing in Seoul). */
  startRadius?: number;
}

export interface CoverageResult {
  /** Metres from the footprint to the nearest hydrant (Infinity when there are no hydrants). */
  distance: Float32Array;
  /** Index of that hydrant in the input, -1 when none. */
  nearest: Int32Array;
  /** The limit applied (100 or 140 m). */
  limit: Float32Array;
  /** 1 when distance <= limit. */
  covered: Uint8Array;
  coveredCount: number;
  gapCount: number;
  seconds: number;
}

/** A hydrant index in plane metres, reusable across runs over the same hydrants. */
export interface HydrantIndex {
  index: KDBush;
  lon0: number;
  lat0: number;
  mx: number;
  my: number;
  count: number;
}

export function buildHydrantIndex(hydrants: Float64Array): HydrantIndex {
  const count = hydrants.length / 2;
  let lat0 = 0;
  let lon0 = 0;
  for (let i = 0; i < count; i++) {
    lon0 += hydrants[2 * i];
    lat0 += hydrants[2 * i + 1];
  }
  lon0 = count ? lon0 / count : 0;
  lat0 = count ? lat0 / count : 0;
  const { x: mx, y: my } = metresPerDegree(lat0);
  const index = new KDBush(Math.max(1, count));
  for (let i = 0; i < count; i++) index.add((hydrants[2 * i] - lon0) * mx, (hydrants[2 * i + 1] - lat0) * my);
  if (count === 0) index.add(Infinity, Infinity); // kdbush needs one item; never within any radius
  index.finish();
  return { index, lon0, lat0, mx, my, count };
}

export function computeCoverage(input: CoverageInput, control?: EngineControl): CoverageResult {
  const started = performance.now();
  const run = new EngineRun('coverage', control);
  const { hydrants, buildings, zones } = input;
  const n = footprintCount(buildings);
  const distance = new Float32Array(n).fill(Infinity);
  const nearest = new Int32Array(n).fill(-1);
  const limit = new Float32Array(n);
  const covered = new Uint8Array(n);
  run.report(0, 'indexing hydrants');
  const hi = buildHydrantIndex(hydrants);
  const { lonLat, offsets } = buildings;
  const r0 = input.startRadius ?? 100;
  // Reused scratch buffer for one ring in local metres around its centre.
  let ring = new Float64Array(256);
  let coveredCount = 0;

  for (let b = 0; b < n; b++) {
    run.tick(b, n, 'nearest hydrant per building');
    limit[b] = limitForZoneCode(zones[b] ?? 3);
    const start = offsets[b];
    const count = offsets[b + 1] - start;
    if (count === 0 || hi.count === 0) continue;
    let cx = 0;
    let cy = 0;
    for (let v = 0; v < count; v++) {
      cx += lonLat[2 * (start + v)];
      cy += lonLat[2 * (start + v) + 1];
    }
    cx /= count;
    cy /= count;
    const { x: bx, y: by } = metresPerDegree(cy);
    if (ring.length < count * 2) ring = new Float64Array(count * 4);
    let reach = 0;
    for (let v = 0; v < count; v++) {
      const x = (lonLat[2 * (start + v)] - cx) * bx;
      const y = (lonLat[2 * (start + v) + 1] - cy) * by;
      ring[2 * v] = x;
      ring[2 * v + 1] = y;
      const d = Math.sqrt(x * x + y * y);
      if (d > reach) reach = d;
    }
    // Query centre in the index plane; the index plane's x scale differs from the local one by
    // < 0.4 % across Seoul, so radii are widened by 1 % to never miss a candidate.
    const qx = (cx - hi.lon0) * hi.mx;
    const qy = (cy - hi.lat0) * hi.my;
    let radius = r0;
    for (;;) {
      const ids = hi.index.within(qx, qy, (radius + reach) * 1.01 + 1);
      if (ids.length === 0) {
        radius *= 2;
        continue;
      }
      // Start from the candidate nearest to the centre: a tight first bound prunes most others.
      let first = ids[0];
      let firstD = Infinity;
      for (const id of ids) {
        const hx = (hydrants[2 * id] - cx) * bx;
        const hy = (hydrants[2 * id + 1] - cy) * by;
        const d = hx * hx + hy * hy;
        if (d < firstD) {
          firstD = d;
          first = id;
        }
      }
      let best = footprintDistance((hydrants[2 * first] - cx) * bx, (hydrants[2 * first + 1] - cy) * by, ring, count);
      let bestId = first;
      for (const id of ids) {
        if (id === first) continue;
        const hx = (hydrants[2 * id] - cx) * bx;
        const hy = (hydrants[2 * id + 1] - cy) * by;
        // No point of the ring is nearer than (centre distance - reach): skip the exact test then.
        if (Math.sqrt(hx * hx + hy * hy) - reach > best) continue;
        const d = footprintDistance(hx, hy, ring, count);
        if (d < best || (d === best && id < bestId)) {
          best = d;
          bestId = id;
        }
      }
      if (best <= radius) {
        distance[b] = best;
        nearest[b] = bestId;
        break;
      }
      radius = best; // the next query holds every hydrant that could be nearer: exact
    }
    if (distance[b] <= limit[b]) {
      covered[b] = 1;
      coveredCount++;
    }
  }
  run.report(1, 'done');
  const withRing = Array.from({ length: n }, (_, b) => offsets[b + 1] > offsets[b]).filter(Boolean).length;
  return { distance, nearest, limit, covered, coveredCount, gapCount: withRing - coveredCount, seconds: (performance.now() - started) / 1000 };
}

/** Distance from (px, py) to a ring (plane metres); 0 when the point is inside. */
export function footprintDistance(px: number, py: number, ring: Float64Array, count: number): number {
  let inside = false;
  let best = Infinity;
  for (let i = 0, j = count - 1; i < count; j = i++) {
    const xi = ring[2 * i];
    const yi = ring[2 * i + 1];
    const xj = ring[2 * j];
    const yj = ring[2 * j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
    const d = pointSegmentDistance(px, py, xj, yj, xi, yi);
    if (d < best) best = d;
  }
  return inside ? 0 : best;
}
