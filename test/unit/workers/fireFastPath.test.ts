// The fire engines' fast paths (coverage: KDBush seeded by the previous building's hydrant;
// hazard: neighbour counts on a uniform grid, a radix-sorted ranking) against brute force on REAL
// data: every building of Jongno, Gangbuk and the buildings outside the 2013 gu boundaries (OSM
// citywide, 14,231 buildings) against all 62,732 real hydrants.
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../workers/fire/coverage.js';
import { packFootprints } from '../../../workers/fire/footprints.js';
import { HAZARD_NEIGHBOUR_RADIUS_M, rankHazard, rankOrder } from '../../../workers/fire/hazard.js';
import { haversineMetres, metresPerDegree } from '../../../workers/fire/localMetric.js';
import { PointGrid } from '../../../workers/fire/pointGrid.js';
import { realCitywideBuildings, realHydrants } from '../../support/fireData.js';

const hydrants = realHydrants();
const city = realCitywideBuildings(['11010_jongno', '11090_gangbuk', 'outside_2013_gu_boundaries']);
const n = city.rings.length;
const zones = new Uint8Array(n).fill(3);

/**
 * Brute force: the footprint distance from every hydrant, in the plane the engine documents
 * (metres scaled at the ring's vertex-mean latitude), 0 inside the ring; the nearest, ties to the
 * lower index.
 */
function bruteForceNearest(ring: number[][]): { distance: number; id: number; distanceTo: (id: number) => number } {
  const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const { x: bx, y: by } = metresPerDegree(cy);
  const local = ring.map(([lon, lat]) => [(lon - cx) * bx, (lat - cy) * by]);
  const distanceTo = (id: number) => {
    const px = (hydrants[2 * id] - cx) * bx;
    const py = (hydrants[2 * id + 1] - cy) * by;
    let inside = false;
    // Squared distances, one square root at the end: Math.hypot would make this oracle take minutes.
    let best = Infinity;
    for (let i = 0, j = local.length - 1; i < local.length; j = i++) {
      const [ax, ay] = local[j];
      const [qx, qy] = local[i];
      if (qy > py !== ay > py && px < ((ax - qx) * (py - qy)) / (ay - qy) + qx) inside = !inside;
      const dx = qx - ax,
        dy = qy - ay;
      const t = Math.max(0, Math.min(1, dx * dx + dy * dy > 0 ? ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy) : 0));
      const ex = ax + t * dx - px,
        ey = ay + t * dy - py;
      best = Math.min(best, ex * ex + ey * ey);
    }
    return inside ? 0 : Math.sqrt(best);
  };
  let distance = Infinity;
  let id = -1;
  for (let h = 0; h < hydrants.length / 2; h++) {
    const d = distanceTo(h);
    if (d < distance) [distance, id] = [d, h];
  }
  return { distance, id, distanceTo };
}

describe('fire coverage: the fast path equals brute force over every hydrant', () => {
  const coverage = computeCoverage({ hydrants, buildings: city.footprints, zones });

  it('on a spread sample of real buildings and the 100 farthest from any hydrant', () => {
    expect(n).toBe(14_231);
    const farthest = [...coverage.distance.keys()].sort((a, b) => coverage.distance[b] - coverage.distance[a]).slice(0, 100);
    const sample = [...new Set([...Array.from({ length: 500 }, (_, k) => Math.floor((k * n) / 500)), ...farthest])];
    expect(coverage.distance[farthest[99]]).toBeGreaterThan(250); // the far ones make the search grow past 100 m
    for (const b of sample) {
      const oracle = bruteForceNearest(city.rings[b]);
      // Distances are stored as float32: equal to 1e-6 m + 1e-6 relative.
      expect(Math.abs(coverage.distance[b] - oracle.distance), `building ${b}`).toBeLessThan(1e-6 + oracle.distance * 1e-6);
      // The hydrant named is a nearest one (an exact tie may name either).
      expect(Math.abs(oracle.distanceTo(coverage.nearest[b]) - oracle.distance), `building ${b}`).toBeLessThan(1e-6);
    }
  });

  it('does not depend on the order of the buildings (the seed is only a bound)', () => {
    // A fixed shuffle: neighbours in the input are no longer neighbours on the ground.
    const order = [...Array(n).keys()].sort((a, b) => ((a * 7919) % 10007) - ((b * 7919) % 10007) || a - b);
    const shuffled = computeCoverage({ hydrants, buildings: packFootprints(order.map((b) => city.rings[b]) as [number, number][][]), zones });
    order.forEach((b, k) => {
      expect(shuffled.distance[k]).toBe(coverage.distance[b]);
      expect(shuffled.nearest[k]).toBe(coverage.nearest[b]);
    });
    expect(shuffled.coveredCount).toBe(coverage.coveredCount);
  });
});

describe('hazard ranking: the fast path equals brute force', () => {
  const coverage = computeCoverage({ hydrants, buildings: city.footprints, zones });
  const useRisk = Float32Array.from({ length: n }, (_, i) => [0.3, 0.5, 0.6, 0.8, 0.9, 1][i % 6]);
  const hazard = rankHazard({
    buildings: city.footprints,
    height: city.heights,
    floors: city.floors,
    useRisk,
    hydrantDistance: coverage.distance,
    limit: coverage.limit,
  });

  it('counts the neighbours within 50 m as the great-circle distance between centres does', () => {
    // Centres: vertex means without the repeated closing vertex.
    const centres = city.rings.map((ring) => {
      const open = ring.slice(0, -1);
      return [open.reduce((s, p) => s + p[0], 0) / open.length, open.reduce((s, p) => s + p[1], 0) / open.length];
    });
    const within = (i: number, r: number) => centres.filter((c, j) => j !== i && haversineMetres(c[0], c[1], centres[i][0], centres[i][1]) <= r).length;
    for (let k = 0; k < 400; k++) {
      const i = Math.floor((k * n) / 400);
      // The engine's plane and the sphere differ by far less than 5 cm over 50 m.
      expect(hazard.neighbours[i]).toBeGreaterThanOrEqual(within(i, HAZARD_NEIGHBOUR_RADIUS_M - 0.05));
      expect(hazard.neighbours[i]).toBeLessThanOrEqual(within(i, HAZARD_NEIGHBOUR_RADIUS_M + 0.05));
    }
    expect(Math.max(...hazard.neighbours)).toBeGreaterThan(20); // dense blocks saturate the factor
  });

  it('ranks every building by score, ties by index, as the comparator sort does', () => {
    const expected = [...Array(n).keys()].sort((a, b) => hazard.score[b] - hazard.score[a] || a - b);
    expect([...hazard.order]).toEqual(expected);
  });
});

describe('rankOrder', () => {
  const comparator = (score: Float32Array) => [...score.keys()].sort((a, b) => score[b] - score[a] || a - b);

  it('is the comparator order on many ties, negatives and both zeros', () => {
    const score = Float32Array.from({ length: 50_000 }, (_, i) => (((i * 7919) % 401) - 200) / 8);
    score[17] = -0;
    score[18] = 0;
    expect([...rankOrder(score)]).toEqual(comparator(score));
  });

  it('falls back to the comparator when a score is not finite', () => {
    const score = Float32Array.of(3, Infinity, 1, -Infinity, 2);
    expect([...rankOrder(score)]).toEqual([1, 0, 4, 2, 3]);
  });
});

describe('PointGrid', () => {
  const { x: mx, y: my } = metresPerDegree(37.55);
  const xs = Float64Array.from({ length: hydrants.length / 2 }, (_, i) => hydrants[2 * i] * mx);
  const ys = Float64Array.from({ length: hydrants.length / 2 }, (_, i) => hydrants[2 * i + 1] * my);

  it('counts the same points as KDBush within any radius, also from outside the grid', () => {
    const kd = new KDBush(xs.length);
    for (let i = 0; i < xs.length; i++) kd.add(xs[i], ys[i]);
    kd.finish();
    const grid = new PointGrid(xs, ys, 50);
    for (let k = 0; k < 300; k++) {
      const i = (k * 7919) % xs.length;
      for (const r of [0, 12.5, 50, 333, 2000]) expect(grid.countWithin(xs[i] + 7, ys[i] - 3, r)).toBe(kd.within(xs[i] + 7, ys[i] - 3, r).length);
    }
    expect(grid.countWithin(xs[0] - 1e6, ys[0], 100)).toBe(0);
    expect(grid.countWithin(NaN, ys[0], 100)).toBe(0);
  });

  it('leaves out points that are not finite, and a stray point does not make a huge grid', () => {
    const grid = new PointGrid(Float64Array.of(0, 10, NaN, 1e9), Float64Array.of(0, 0, 5, 1e9), 1);
    expect(grid.size).toBe(3);
    expect(grid.countWithin(0, 0, 10)).toBe(2);
    expect(grid.countWithin(1e9, 1e9, 1)).toBe(1);
  });
});
