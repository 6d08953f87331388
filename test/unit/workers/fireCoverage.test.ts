// Coverage engine: nearest-hydrant footprint distances on REAL hydrants and REAL buildings agree
// with a brute-force haversine computation; the 100 m / 140 m rule on hand-made cases.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../workers/fire/coverage.js';
import { packFootprints } from '../../../workers/fire/footprints.js';
import { haversineMetres } from '../../../workers/fire/localMetric.js';
import { zoneCode, zoneForUse } from '../../../workers/fire/zoneRule.js';
import { EngineCancelledError } from '../../../workers/engineControl.js';
import { realBuildings, realHydrants } from '../../support/fireData.js';

/** Brute force: every hydrant, haversine to the ring densified every 0.25 m (0 when inside). */
function bruteForceFootprintDistance(ring: number[][], hydrants: Float64Array): number {
  const samples: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [a, b] = [ring[i], ring[i + 1]];
    const len = haversineMetres(a[0], a[1], b[0], b[1]);
    const steps = Math.max(1, Math.ceil(len / 0.25));
    for (let s = 0; s < steps; s++) samples.push([a[0] + ((b[0] - a[0]) * s) / steps, a[1] + ((b[1] - a[1]) * s) / steps]);
  }
  let best = Infinity;
  for (let h = 0; h < hydrants.length / 2; h++) {
    const hx = hydrants[2 * h];
    const hy = hydrants[2 * h + 1];
    // Cheap reject: a hydrant > best + 2 km from the first vertex cannot win (ring < 1 km).
    if (Math.abs(hy - ring[0][1]) * 111_000 > best + 2000) continue;
    if (pointInRing(hx, hy, ring)) return 0;
    for (const p of samples) {
      const d = haversineMetres(hx, hy, p[0], p[1]);
      if (d < best) best = d;
    }
  }
  return best;
}

function pointInRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe('fire coverage on real data', () => {
  const hydrants = realHydrants();
  const buildings = realBuildings();

  it('reads all 62,732 real hydrants', () => {
    expect(hydrants.length / 2).toBe(62_732);
  });

  it('agrees with brute-force haversine distances on a sample of 16 real buildings', () => {
    const result = computeCoverage({ hydrants, buildings: buildings.footprints, zones: buildings.zones });
    const n = buildings.rings.length;
    expect(result.distance.length).toBe(n);
    let compared = 0;
    for (let k = 0; k < 16; k++) {
      const b = Math.floor((k * n) / 16);
      const expected = bruteForceFootprintDistance(buildings.rings[b], hydrants);
      // 0.25 m densification + plane-vs-sphere: agree within 0.2 m + 0.1 %.
      expect(Math.abs(result.distance[b] - expected)).toBeLessThan(0.2 + expected * 0.001);
      compared++;
    }
    expect(compared).toBe(16);
    expect(result.coveredCount + result.gapCount).toBe(n);
  });

  it('reports progress and can be cancelled', () => {
    const fractions: number[] = [];
    computeCoverage(
      { hydrants, buildings: buildings.footprints, zones: buildings.zones },
      { onProgress: (f) => void fractions.push(f), progressIntervalMs: 0 },
    );
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(() => computeCoverage({ hydrants, buildings: buildings.footprints, zones: buildings.zones }, { cancel: { aborted: true } })).toThrow(
      EngineCancelledError,
    );
  });
});

describe('the 100 m / 140 m rule (hand-made fixtures)', () => {
  // A 10 m x 10 m square building at (127.0, 37.5); a hydrant due east of its east wall.
  const lat = 37.5;
  const mPerDegLon = 111_195.08 * Math.cos((lat * Math.PI) / 180);
  const half = 5 / mPerDegLon;
  const halfLat = 5 / 111_195.08;
  const square = [
    [127 - half, lat - halfLat],
    [127 + half, lat - halfLat],
    [127 + half, lat + halfLat],
    [127 - half, lat + halfLat],
  ] as [number, number][];
  const hydrantAt = (metresFromWall: number) => Float64Array.of(127 + half + metresFromWall / mPerDegLon, lat);
  const run = (use: string, metres: number) =>
    computeCoverage({ hydrants: hydrantAt(metres), buildings: packFootprints([square]), zones: Uint8Array.of(zoneCode(zoneForUse(use))) });

  it.each([
    ['apartments', 99, true, 100],
    ['apartments', 101, false, 100],
    ['retail', 100, true, 100],
    ['industrial', 120, false, 100],
    ['아파트', 120, false, 100],
    ['school', 120, true, 140],
    ['yes', 139, true, 140],
    ['yes', 141, false, 140],
  ])('%s with a hydrant %d m from the wall: covered=%s (limit %d m)', (use, metres, covered, limit) => {
    const r = run(use as string, metres as number);
    expect(r.limit[0]).toBe(limit);
    expect(r.covered[0]).toBe(covered ? 1 : 0);
    expect(r.distance[0]).toBeCloseTo(metres as number, 1);
  });

  it('a hydrant inside the footprint is at 0 m; no hydrants at all is a gap, never covered', () => {
    const inside = computeCoverage({ hydrants: Float64Array.of(127, lat), buildings: packFootprints([square]), zones: Uint8Array.of(0) });
    expect(inside.distance[0]).toBe(0);
    const none = computeCoverage({ hydrants: new Float64Array(0), buildings: packFootprints([square]), zones: Uint8Array.of(0) });
    expect(none.covered[0]).toBe(0);
    expect(none.nearest[0]).toBe(-1);
    expect(none.gapCount).toBe(1);
  });

  it('picks the hydrant nearest to the footprint, not to the centre', () => {
    // A thin building 200 m east-west. Case 1: B 50 m west of the west end beats A 60 m north of the
    // east end. Case 2: A (60 m from the footprint, ~116 m from the centre) beats C 80 m north of
    // the centre (nearer the centre): the footprint decides, not the centre.
    const w = 100 / mPerDegLon;
    const thin = [
      [127 - w, lat - halfLat],
      [127 + w, lat - halfLat],
      [127 + w, lat + halfLat],
      [127 - w, lat + halfLat],
    ] as [number, number][];
    const a = [127 + w, lat + halfLat + 60 / 111_195.08];
    const b = [127 - w - 50 / mPerDegLon, lat];
    const r = computeCoverage({ hydrants: Float64Array.of(b[0], b[1], a[0], a[1]), buildings: packFootprints([thin]), zones: Uint8Array.of(3) });
    expect(r.nearest[0]).toBe(0);
    expect(r.distance[0]).toBeCloseTo(50, 1);
    const r2 = computeCoverage({
      hydrants: Float64Array.of(127, lat + halfLat + 80 / 111_195.08, a[0], a[1]),
      buildings: packFootprints([thin]),
      zones: Uint8Array.of(3),
    });
    expect(r2.nearest[0]).toBe(1);
    expect(r2.distance[0]).toBeCloseTo(60, 1);
  });
});
