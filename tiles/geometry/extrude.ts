// Extrudes building footprints into triangle meshes for glTF.
//
// Input rings are in a local metric frame (x = east, y = north, metres). Output vertices are in
// glTF's y-up convention: (east, up, -north); the tile's `transform` (ENU -> ECEF, see wgs84.ts)
// places them on the globe, because 3D Tiles rotates glTF y-up to z-up before applying it.
//
// Walls get flat per-face normals, so every wall quad has its own 4 vertices (shared vertices
// would smooth the corners). The roof is triangulated with earcut (holes supported). There is no
// bottom face for ordinary buildings: it sits on (or just under) the terrain and is never seen,
// so it would only cost bytes. Canopies and bridges-over (minHeight > 0) float above the ground
// and are seen from below, so they get a bottom face.
import earcut from 'earcut';

/** A ring as flat [x0, y0, x1, y1, ...] in metres (east, north), not repeating the first point. */
export type FlatRing = ArrayLike<number>;

/** Growable mesh buffers shared by all buildings of one glTF primitive. */
export class MeshBuilder {
  positions = new Float32Array(1024 * 3);
  normals = new Float32Array(1024 * 3);
  featureIds = new Uint16Array(1024);
  indices = new Uint32Array(2048);
  vertexCount = 0;
  indexCount = 0;

  private reserve(vertices: number, indices: number): void {
    const needV = this.vertexCount + vertices;
    if (needV > this.featureIds.length) {
      let cap = this.featureIds.length;
      while (cap < needV) cap *= 2;
      this.positions = grow(this.positions, cap * 3);
      this.normals = grow(this.normals, cap * 3);
      this.featureIds = grow(this.featureIds, cap);
    }
    const needI = this.indexCount + indices;
    if (needI > this.indices.length) {
      let cap = this.indices.length;
      while (cap < needI) cap *= 2;
      this.indices = grow(this.indices, cap);
    }
  }

  /** Adds a vertex given in ENU (east, north, up) with an ENU normal; stores it y-up. */
  private vertex(e: number, n: number, u: number, ne: number, nn: number, nu: number, featureId: number): number {
    const i = this.vertexCount++;
    const p = i * 3;
    this.positions[p] = e;
    this.positions[p + 1] = u;
    this.positions[p + 2] = -n;
    this.normals[p] = ne;
    this.normals[p + 1] = nu;
    this.normals[p + 2] = -nn;
    this.featureIds[i] = featureId;
    return i;
  }

  private triangle(a: number, b: number, c: number): void {
    const k = this.indexCount;
    this.indices[k] = a;
    this.indices[k + 1] = b;
    this.indices[k + 2] = c;
    this.indexCount = k + 3;
  }

  /**
   * Appends one extruded polygon (outer ring first, then holes) between heights `bottom` and `top`
   * (metres, up axis of the frame). Ring orientation is normalised here (outer CCW, holes CW) since
   * outward normals depend on it. Returns the number of triangles added (0 for a degenerate input).
   */
  addExtrusion(rings: FlatRing[], bottom: number, top: number, featureId: number, withBottom: boolean): number {
    if (rings.length === 0 || !(top > bottom)) return 0;
    const oriented = rings.map((r, k) => orient(r, k === 0));
    if (oriented[0].length < 6) return 0;
    let ringPoints = 0;
    for (const r of oriented) ringPoints += r.length / 2;
    this.reserve(ringPoints * 4 + ringPoints * (withBottom ? 2 : 1), ringPoints * 6 + ringPoints * 3 * (withBottom ? 2 : 1) + 12);
    const startIndexCount = this.indexCount;
    const startVertexCount = this.vertexCount;

    // Walls: one quad per edge, outward normal = edge direction turned clockwise (right-hand side),
    // which points out of the solid for CCW outer rings and into the hole for CW holes.
    for (const r of oriented) {
      const count = r.length / 2;
      for (let i = 0; i < count; i++) {
        const j = (i + 1) % count;
        const x0 = r[2 * i],
          y0 = r[2 * i + 1],
          x1 = r[2 * j],
          y1 = r[2 * j + 1];
        const dx = x1 - x0,
          dy = y1 - y0;
        const len = Math.hypot(dx, dy);
        if (len < 1e-6) continue;
        const ne = dy / len,
          nn = -dx / len;
        const b0 = this.vertex(x0, y0, bottom, ne, nn, 0, featureId);
        const b1 = this.vertex(x1, y1, bottom, ne, nn, 0, featureId);
        const t1 = this.vertex(x1, y1, top, ne, nn, 0, featureId);
        const t0 = this.vertex(x0, y0, top, ne, nn, 0, featureId);
        this.triangle(b0, b1, t1);
        this.triangle(b0, t1, t0);
      }
    }

    // Roof (and bottom): earcut over all rings together.
    const flat: number[] = [];
    const holes: number[] = [];
    for (let k = 0; k < oriented.length; k++) {
      if (k > 0) holes.push(flat.length / 2);
      const r = oriented[k];
      for (let i = 0; i < r.length; i++) flat.push(r[i]);
    }
    const tri = earcut(flat, holes.length ? holes : undefined, 2);
    const nPts = flat.length / 2;
    const roofStart = this.vertexCount;
    for (let i = 0; i < nPts; i++) this.vertex(flat[2 * i], flat[2 * i + 1], top, 0, 0, 1, featureId);
    let bottomStart = -1;
    if (withBottom) {
      bottomStart = this.vertexCount;
      for (let i = 0; i < nPts; i++) this.vertex(flat[2 * i], flat[2 * i + 1], bottom, 0, 0, -1, featureId);
    }
    for (let t = 0; t < tri.length; t += 3) {
      const a = tri[t];
      let b = tri[t + 1];
      let c = tri[t + 2];
      // earcut does not promise an orientation; the roof must be CCW seen from above.
      const cross = (flat[2 * b] - flat[2 * a]) * (flat[2 * c + 1] - flat[2 * a + 1]) - (flat[2 * b + 1] - flat[2 * a + 1]) * (flat[2 * c] - flat[2 * a]);
      if (cross === 0) continue;
      if (cross < 0) [b, c] = [c, b];
      this.triangle(roofStart + a, roofStart + b, roofStart + c);
      if (withBottom) this.triangle(bottomStart + a, bottomStart + c, bottomStart + b);
    }
    if (this.indexCount === startIndexCount) {
      // Nothing drawable (e.g. all points coincide): drop the vertices too, so no stray vertex
      // carries the feature id of a building that will not be in the property table.
      this.vertexCount = startVertexCount;
      return 0;
    }
    return (this.indexCount - startIndexCount) / 3;
  }

  /** Trimmed copies of the buffers. */
  finish(): { positions: Float32Array; normals: Float32Array; featureIds: Uint16Array; indices: Uint32Array } {
    return {
      positions: this.positions.slice(0, this.vertexCount * 3),
      normals: this.normals.slice(0, this.vertexCount * 3),
      featureIds: this.featureIds.slice(0, this.vertexCount),
      indices: this.indices.slice(0, this.indexCount),
    };
  }
}

/** Convenience for one building: returns its mesh (y-up, see the file comment). */
export function extrudePolygon(rings: FlatRing[], bottom: number, top: number, opts: { withBottom?: boolean } = {}) {
  const b = new MeshBuilder();
  b.addExtrusion(rings, bottom, top, 0, opts.withBottom ?? bottom > 0);
  return b.finish();
}

/** Signed area of a flat ring (positive = counter-clockwise). */
export function signedArea(r: FlatRing): number {
  let s = 0;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) s += (r[2 * j] - r[2 * i]) * (r[2 * j + 1] + r[2 * i + 1]);
  return s / 2;
}

function orient(r: FlatRing, ccw: boolean): FlatRing {
  const a = signedArea(r);
  if (a > 0 === ccw || a === 0) return r;
  const n = r.length / 2;
  const out = new Float64Array(r.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = r[2 * (n - 1 - i)];
    out[2 * i + 1] = r[2 * (n - 1 - i) + 1];
  }
  return out;
}

function grow<T extends Float32Array | Uint16Array | Uint32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
