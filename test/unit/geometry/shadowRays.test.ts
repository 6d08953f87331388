// The any-hit BVH walk (shadowRays.ts) against three-mesh-bvh's own raycastFirst on the same
// mesh, and against hand geometry for a box.
import { DoubleSide, Ray, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { indexMesh } from '../../../workers/geometry/cityMesh.js';
import { MeshAccumulator } from '../../../workers/geometry/meshAccumulator.js';
import { appendPrism } from '../../../workers/geometry/prisms.js';
import { ShadowCaster } from '../../../workers/geometry/shadowRays.js';

/** Deterministic pseudo-random numbers (mulberry32) so a failure can be reproduced. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function box(acc: MeshAccumulator, x0: number, y0: number, x1: number, y1: number, base: number, top: number, i: number): void {
  appendPrism(
    {
      ring: [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ],
      base,
      top,
      id: `b${i}`,
    },
    i,
    0,
    0,
    acc,
  );
}

describe('ShadowCaster', () => {
  it('hits a box exactly where the geometry says', () => {
    const acc = new MeshAccumulator();
    box(acc, 0, 0, 10, 10, 0, 20, 0);
    const caster = new ShadowCaster(indexMesh(acc, [0, 0]));
    // Ray from the south, rising at 45 degrees toward the box's south face (y = 0) 5 m away:
    // it reaches y = 0 at height z0 + 5, so it hits below z0 = 15 and passes over from z0 = 15.
    const d = Math.SQRT1_2;
    expect(caster.occluded(5, -5, 14.9, 0, d, d)).toBe(true);
    expect(caster.occluded(5, -5, 15.1, 0, d, d)).toBe(false);
    // Pointing away from the box, or beyond tMax.
    expect(caster.occluded(5, -5, 1, 0, -1, 0)).toBe(false);
    expect(caster.occluded(5, -5, 1, 0, 1, 0, 1e-4, 4.9)).toBe(false);
    expect(caster.occluded(5, -5, 1, 0, 1, 0, 1e-4, 5.1)).toBe(true);
  });

  it('agrees with three-mesh-bvh raycastFirst on 20,000 random rays through 60 random boxes', () => {
    const r = rng(42);
    const acc = new MeshAccumulator();
    for (let i = 0; i < 60; i++) {
      const x = r() * 400,
        y = r() * 400,
        w = 5 + r() * 30,
        h = 5 + r() * 30;
      box(acc, x, y, x + w, y + h, 0, 5 + r() * 80, i);
    }
    const mesh = indexMesh(acc, [0, 0]);
    const caster = new ShadowCaster(mesh);
    const ray = new Ray(new Vector3(), new Vector3());
    let hits = 0;
    let disagreements = 0;
    for (let i = 0; i < 20_000; i++) {
      const o = [r() * 400, r() * 400, r() * 60];
      const d = new Vector3(r() - 0.5, r() - 0.5, r() * 0.8).normalize();
      ray.origin.set(o[0], o[1], o[2]);
      ray.direction.copy(d);
      const expected = mesh.bvh.raycastFirst(ray, DoubleSide) !== null;
      const got = caster.occluded(o[0], o[1], o[2], d.x, d.y, d.z, 0);
      if (expected) hits++;
      if (expected !== got) disagreements++;
    }
    expect(hits).toBeGreaterThan(2000); // the test exercises both outcomes
    expect(hits).toBeLessThan(18_000);
    expect(disagreements).toBe(0);
  });
});
