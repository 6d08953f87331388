// Any-hit ray queries ("is anything between this point and the sun?") over the BVH three-mesh-bvh
// built for a CityMesh. three-mesh-bvh's raycastFirst finds the *closest* hit through Ray/Vector3
// objects; a shadow test only needs *some* hit, so this walks the same BVH (its documented
// serialized form: MeshBVH.serialize) over typed arrays with a precomputed inverse direction and
// stops at the first triangle hit. Both sides of a triangle count (the analysis must not depend on
// winding). test/unit/geometry/shadowRays.test.ts checks it against raycastFirst.
import { MeshBVH } from 'three-mesh-bvh';
import type { CityMesh } from './cityMesh.js';

const UINT32_PER_NODE = 8; // three-mesh-bvh node: 6 float32 bounds, offset/right child, count+flag/split axis
const LEAF_FLAG = 0xffff;
const EPS = 1e-7;

export class ShadowCaster {
  private readonly f32: Float32Array;
  private readonly u32: Uint32Array;
  private readonly u16: Uint16Array;
  /** Per triangle in BVH order: vertex a, edge ab, edge ac (9 floats), so the test subtracts nothing. */
  private readonly tri: Float32Array;
  private readonly stack = new Int32Array(256);
  /**
   * The triangle that blocked the previous ray, tried first: neighbouring sample points of a floor
   * toward the same sun are mostly blocked by the same wall (the "shadow cache" of ray tracers).
   */
  private lastHit = -1;
  /** Rays cast so far (for benchmarks). */
  rays = 0;

  constructor(mesh: CityMesh) {
    const data = MeshBVH.serialize(mesh.bvh, { cloneBuffers: false });
    // One root: the geometry has no groups (cityMesh.ts builds it without).
    if (data.roots.length !== 1) throw new Error(`ShadowCaster expects a BVH with one root, got ${data.roots.length}`);
    const root = data.roots[0];
    this.f32 = new Float32Array(root);
    this.u32 = new Uint32Array(root);
    this.u16 = new Uint16Array(root);
    const index = data.index as Uint32Array | Uint16Array;
    const pos = mesh.geometry.getAttribute('position').array as Float32Array;
    this.tri = new Float32Array(index.length * 3);
    for (let t = 0; t < index.length / 3; t++) {
      const a = 3 * index[3 * t],
        b = 3 * index[3 * t + 1],
        c = 3 * index[3 * t + 2];
      for (let k = 0; k < 3; k++) {
        this.tri[9 * t + k] = pos[a + k];
        this.tri[9 * t + 3 + k] = pos[b + k] - pos[a + k];
        this.tri[9 * t + 6 + k] = pos[c + k] - pos[a + k];
      }
    }
  }

  /** True when a triangle lies on the ray from (ox, oy, oz) along unit (dx, dy, dz) within (tMin, tMax). */
  occluded(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin = 1e-4, tMax = Infinity): boolean {
    this.rays++;
    const ix = 1 / dx,
      iy = 1 / dy,
      iz = 1 / dz;
    const f32 = this.f32,
      u32 = this.u32,
      u16 = this.u16,
      stack = this.stack;
    // Near child first along each split axis: a hit is found sooner.
    const negX = dx < 0,
      negY = dy < 0,
      negZ = dz < 0;
    if (this.lastHit >= 0 && this.hitsTriangle(this.lastHit, ox, oy, oz, dx, dy, dz, tMin, tMax)) return true;
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const n32 = stack[--sp];
      // Slab test against the node's box. NaN (0 * inf, a ray in a box face plane) fails every
      // comparison below and keeps the node, which is the safe side.
      let t0 = (f32[n32] - ox) * ix,
        t1 = (f32[n32 + 3] - ox) * ix;
      let lo = t0 < t1 ? t0 : t1,
        hi = t0 < t1 ? t1 : t0;
      t0 = (f32[n32 + 1] - oy) * iy;
      t1 = (f32[n32 + 4] - oy) * iy;
      if (t0 > t1) {
        const s = t0;
        t0 = t1;
        t1 = s;
      }
      if (t0 > lo) lo = t0;
      if (t1 < hi) hi = t1;
      t0 = (f32[n32 + 2] - oz) * iz;
      t1 = (f32[n32 + 5] - oz) * iz;
      if (t0 > t1) {
        const s = t0;
        t0 = t1;
        t1 = s;
      }
      if (t0 > lo) lo = t0;
      if (t1 < hi) hi = t1;
      if (hi < lo || hi < tMin || lo > tMax) continue;
      if (u16[2 * n32 + 15] === LEAF_FLAG) {
        const offset = u32[n32 + 6];
        const end = offset + u16[2 * n32 + 14];
        for (let t = offset; t < end; t++) {
          if (this.hitsTriangle(t, ox, oy, oz, dx, dy, dz, tMin, tMax)) {
            this.lastHit = t;
            return true;
          }
        }
      } else {
        const left = n32 + UINT32_PER_NODE;
        const right = n32 + u32[n32 + 6] * UINT32_PER_NODE;
        const axis = u32[n32 + 7];
        if (axis === 0 ? negX : axis === 1 ? negY : negZ) {
          stack[sp++] = left;
          stack[sp++] = right;
        } else {
          stack[sp++] = right;
          stack[sp++] = left;
        }
      }
    }
    return false;
  }

  /** Möller–Trumbore against triangle t (BVH order), both faces, hit distance in (tMin, tMax). */
  private hitsTriangle(t: number, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin: number, tMax: number): boolean {
    const tri = this.tri;
    const k = 9 * t;
    const e1x = tri[k + 3],
      e1y = tri[k + 4],
      e1z = tri[k + 5];
    const e2x = tri[k + 6],
      e2y = tri[k + 7],
      e2z = tri[k + 8];
    const px = dy * e2z - dz * e2y,
      py = dz * e2x - dx * e2z,
      pz = dx * e2y - dy * e2x;
    const det = e1x * px + e1y * py + e1z * pz;
    if (det > -EPS && det < EPS) return false;
    const inv = 1 / det;
    const sx = ox - tri[k],
      sy = oy - tri[k + 1],
      sz = oz - tri[k + 2];
    const u = (sx * px + sy * py + sz * pz) * inv;
    if (u < 0 || u > 1) return false;
    const qx = sy * e1z - sz * e1y,
      qy = sz * e1x - sx * e1z,
      qz = sx * e1y - sy * e1x;
    const v = (dx * qx + dy * qy + dz * qz) * inv;
    if (v < 0 || u + v > 1) return false;
    const d = (e2x * qx + e2y * qy + e2z * qz) * inv;
    return d > tMin && d < tMax;
  }
}
