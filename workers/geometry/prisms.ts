// Proposed buildings as solids the rays see: a footprint ring (EPSG:5186) extruded between two
// orthometric heights, walls + roof + floor (closed, so a ray from any side is blocked), made by
// the planning helper from a scenario's proposals (workers/planning/).
import earcut from 'earcut';
import type { TriangleSink } from './glbTriangles.js';

export interface ProposalPrism {
  /** Outer ring in EPSG:5186 metres, open or closed, any orientation. */
  ring: [number, number][];
  /** Bottom and top, orthometric metres (the surface model's datum). */
  base: number;
  top: number;
  /** Id the prism's triangles carry (default `proposal:<index>`). */
  id?: string;
  /** Floors above ground, for per-floor analyses (default (top - base) / 3.3 m). */
  floors?: number;
}

/** Appends a prism; returns the triangle count, throwing a clear error for an unusable prism. */
export function appendPrism(prism: ProposalPrism, index: number, originX: number, originY: number, sink: TriangleSink): number {
  const id = prism.id ?? `proposal:${index}`;
  const ring = prism.ring.slice();
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  if (ring.length < 3) throw new Error(`proposal ${id}: a footprint needs at least 3 points, got ${ring.length}`);
  if (!ring.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) throw new Error(`proposal ${id}: footprint has a non-numeric coordinate`);
  if (!(Number.isFinite(prism.base) && Number.isFinite(prism.top) && prism.top > prism.base)) {
    throw new Error(`proposal ${id}: top (${prism.top}) must be a number above base (${prism.base})`);
  }
  const f = sink.featureIndex(id);
  const flat: number[] = [];
  for (const [x, y] of ring) flat.push(x - originX, y - originY);
  const n = ring.length;
  let triangles = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const a = sink.vertex(flat[2 * i], flat[2 * i + 1], prism.base, f);
    const b = sink.vertex(flat[2 * j], flat[2 * j + 1], prism.base, f);
    const c = sink.vertex(flat[2 * j], flat[2 * j + 1], prism.top, f);
    const d = sink.vertex(flat[2 * i], flat[2 * i + 1], prism.top, f);
    sink.triangle(a, b, c);
    sink.triangle(a, c, d);
    triangles += 2;
  }
  const caps = earcut(flat);
  if (caps.length === 0) throw new Error(`proposal ${id}: footprint has no area`);
  for (const z of [prism.top, prism.base]) {
    const start: number[] = [];
    for (let i = 0; i < n; i++) start.push(sink.vertex(flat[2 * i], flat[2 * i + 1], z, f));
    for (let t = 0; t < caps.length; t += 3) sink.triangle(start[caps[t]], start[caps[t + 1]], start[caps[t + 2]]);
    triangles += caps.length / 3;
  }
  return triangles;
}
