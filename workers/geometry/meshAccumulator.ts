// Growable triangle buffers for the analysis mesh: positions in the frame (Float32, relative to the
// frame origin so 32-bit floats keep millimetres), indices, and one feature (building) per vertex.
// Per-vertex rather than per-triangle because three-mesh-bvh reorders the index buffer when it
// builds; vertices are never shared between buildings, so a triangle's first vertex names it.
import type { TriangleSink } from './glbTriangles.js';

export class MeshAccumulator implements TriangleSink {
  positions = new Float32Array(3 * 4096);
  vertexFeature = new Uint32Array(4096);
  indices = new Uint32Array(3 * 4096);
  vertexCount = 0;
  indexCount = 0;
  readonly featureIds: string[] = [];
  readonly featureLookup = new Map<string, number>();

  featureIndex(id: string): number {
    let k = this.featureLookup.get(id);
    if (k === undefined) {
      k = this.featureIds.length;
      this.featureIds.push(id);
      this.featureLookup.set(id, k);
    }
    return k;
  }

  vertex(x: number, y: number, z: number, feature: number): number {
    if (this.vertexCount === this.vertexFeature.length) {
      this.positions = grow(this.positions, this.positions.length * 2);
      this.vertexFeature = grow(this.vertexFeature, this.vertexFeature.length * 2);
    }
    const i = this.vertexCount++;
    this.positions[3 * i] = x;
    this.positions[3 * i + 1] = y;
    this.positions[3 * i + 2] = z;
    this.vertexFeature[i] = feature;
    return i;
  }

  triangle(a: number, b: number, c: number): void {
    if (this.indexCount + 3 > this.indices.length) this.indices = grow(this.indices, this.indices.length * 2);
    this.indices[this.indexCount++] = a;
    this.indices[this.indexCount++] = b;
    this.indices[this.indexCount++] = c;
  }

  /** Drops every triangle whose vertices belong to one of `features` (demolished buildings). */
  removeFeatures(features: ReadonlySet<number>): number {
    let w = 0;
    let removed = 0;
    for (let t = 0; t < this.indexCount; t += 3) {
      if (features.has(this.vertexFeature[this.indices[t]])) {
        removed++;
        continue;
      }
      this.indices[w++] = this.indices[t];
      this.indices[w++] = this.indices[t + 1];
      this.indices[w++] = this.indices[t + 2];
    }
    this.indexCount = w;
    return removed;
  }
}

function grow<T extends Float32Array | Uint32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
