// Hydrant coverage: for every building, the distance from its FOOTPRINT (the nearest point of the
// outer ring, 0 when a hydrant stands inside) to the nearest fire-water facility, and whether it
// meets the Korean 100 m / 140 m rule (zoneRule.ts; the zone is assumed from the building use).
//
// Spatial index: kdbush over the hydrants in a plane (metres at the data's mean latitude). Per
// building: search radius R + r (r = farthest ring vertex from the ring's centre), R seeded by the
// previous building's nearest hydrant (an upper bound: builds list neighbours together, so one
// query usually settles it) or grown from 100 m until a hydrant is found; every hydrant whose
// footprint distance could beat the best lies inside that radius, so the result is exact, not
// approximate, and the same in any building order. Distances are measured in a plane scaled at the
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
  /** Initial search radius in metres (default 100: about the mean hydrant spacing in Seoul). */
  startRadius?: number;
  /** buildHydrantIndex(hydrants), when the caller runs coverage over the same hydrants again. */
  hydrantIndex?: HydrantIndex;
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

/** How much farther than the previous building's distance its hydrant may be and still seed the search. */
const NEIGHBOUR_SLACK_M = 200;

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
  const hi = input.hydrantIndex ?? buildHydrantIndex(hydrants);
  const { lonLat, offsets } = buildings;
  const r0 = input.startRadius ?? 100;
  // Scratch buffers reused for every building: one ring in local metres around its centre and the
  // ids of the hydrants one query finds (at most all of them), so the loop allocates nothing.
  let ring = new Float64Array(256);
  const ids = new Uint32Array(Math.max(1, hi.count));
  let coveredCount = 0;
  let withRing = 0;
  let prevId = -1;
  let prevDistance = 0;

  for (let b = 0; b < n; b++) {
    run.tick(b, n, 'nearest hydrant per building');
    limit[b] = limitForZoneCode(zones[b] ?? 3);
    const start = offsets[b];
    const count = offsets[b + 1] - start;
    if (count === 0) continue;
    withRing++;
    if (hi.count === 0) continue;
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
    let reach2 = 0;
    for (let v = 0; v < count; v++) {
      const x = (lonLat[2 * (start + v)] - cx) * bx;
      const y = (lonLat[2 * (start + v) + 1] - cy) * by;
      ring[2 * v] = x;
      ring[2 * v + 1] = y;
      if (x * x + y * y > reach2) reach2 = x * x + y * y;
    }
    const reach = Math.sqrt(reach2);
    // Query centre in the index plane; the index plane's x scale differs from the local one by
    // < 0.4 % across Seoul, so radii are widened by 1 % to never miss a candidate.
    const qx = (cx - hi.lon0) * hi.mx;
    const qy = (cy - hi.lat0) * hi.my;
    // Neighbouring buildings share their nearest hydrant: the previous building's hydrant bounds
    // this one's distance, so one query of that radius holds the answer. Only for a neighbour
    // (the bound barely above the previous distance): a far one would make a needlessly big query.
    let radius = r0;
    let best = Infinity;
    let bestId = -1;
    if (prevId >= 0) {
      const d = footprintDistance((hydrants[2 * prevId] - cx) * bx, (hydrants[2 * prevId + 1] - cy) * by, ring, count);
      if (d <= prevDistance + NEIGHBOUR_SLACK_M) {
        radius = d;
        best = d;
        bestId = prevId;
      }
    }
    for (;;) {
      const found = hi.index.withinInto(qx, qy, (radius + reach) * 1.01 + 1, ids);
      if (found === 0) {
        radius = Math.max(2 * radius, 1); // a seed of 0 m (hydrant inside) can grow too
        continue;
      }
      if (bestId < 0) {
        // Start from the candidate nearest to the centre: a tight first bound prunes most others.
        let firstD = Infinity;
        for (let k = 0; k < found; k++) {
          const id = ids[k];
          const hx = (hydrants[2 * id] - cx) * bx;
          const hy = (hydrants[2 * id + 1] - cy) * by;
          const d = hx * hx + hy * hy;
          if (d < firstD) {
            firstD = d;
            bestId = id;
          }
        }
        best = footprintDistance((hydrants[2 * bestId] - cx) * bx, (hydrants[2 * bestId + 1] - cy) * by, ring, count);
      }
      for (let k = 0; k < found; k++) {
        const id = ids[k];
        if (id === bestId) continue;
        const hx = (hydrants[2 * id] - cx) * bx;
        const hy = (hydrants[2 * id + 1] - cy) * by;
        // No point of the ring is nearer than (centre distance - reach): skip the exact test then.
        const far = best + reach;
        if (hx * hx + hy * hy > far * far) continue;
        const d = footprintDistance(hx, hy, ring, count);
        if (d < best || (d === best && id < bestId)) {
          best = d;
          bestId = id;
        }
      }
      if (best <= radius) break;
      radius = best; // the next query holds every hydrant that could be nearer: exact
    }
    distance[b] = best;
    nearest[b] = bestId;
    prevId = bestId;
    prevDistance = best;
    if (distance[b] <= limit[b]) {
      covered[b] = 1;
      coveredCount++;
    }
  }
  run.report(1, 'done');
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
