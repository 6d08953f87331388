// Extrusion geometry against hand-computed areas and volumes (fixtures: simple made-up footprints).
import { describe, expect, it } from 'vitest';
import { extrudePolygon, signedArea } from '../../../tiles/geometry/extrude.js';

type Mesh = ReturnType<typeof extrudePolygon>;

function tri(m: Mesh, t: number) {
  const p = (k: number) => [m.positions[3 * k], m.positions[3 * k + 1], m.positions[3 * k + 2]];
  return [p(m.indices[3 * t]), p(m.indices[3 * t + 1]), p(m.indices[3 * t + 2])];
}
function cross(a: number[], b: number[]) {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
const sub = (a: number[], b: number[]) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

/** Areas of faces facing up (roof), down (bottom) and sideways (walls), from the triangle geometry. */
function areas(m: Mesh) {
  let roof = 0,
    bottom = 0,
    walls = 0;
  for (let t = 0; t < m.indices.length / 3; t++) {
    const [a, b, c] = tri(m, t);
    const n = cross(sub(b, a), sub(c, a));
    const area = Math.hypot(n[0], n[1], n[2]) / 2;
    if (n[1] > 1e-9 * area)
      roof += area; // y is up in glTF
    else if (n[1] < -1e-9 * area) bottom += area;
    else walls += area;
  }
  return { roof, bottom, walls };
}

/** Signed volume by the divergence theorem: sum of det(a, b, c) / 6 over the triangles. */
function volume(m: Mesh) {
  let v = 0;
  for (let t = 0; t < m.indices.length / 3; t++) {
    const [a, b, c] = tri(m, t);
    const n = cross(b, c);
    v += (a[0] * n[0] + a[1] * n[1] + a[2] * n[2]) / 6;
  }
  return v;
}

function pointInRing(x: number, y: number, r: number[]) {
  let inside = false;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = r[2 * i],
      yi = r[2 * i + 1],
      xj = r[2 * j],
      yj = r[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Every face's normal points out: a point just off the face along its normal lies outside the solid. */
function expectOutwardUnitNormals(m: Mesh, rings: number[][], bottom: number, top: number) {
  for (let k = 0; k < m.normals.length / 3; k++) {
    expect(Math.hypot(m.normals[3 * k], m.normals[3 * k + 1], m.normals[3 * k + 2])).toBeCloseTo(1, 6);
  }
  for (let t = 0; t < m.indices.length / 3; t++) {
    const [a, b, c] = tri(m, t);
    const g = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3, (a[2] + b[2] + c[2]) / 3];
    const i0 = m.indices[3 * t];
    const nrm = [m.normals[3 * i0], m.normals[3 * i0 + 1], m.normals[3 * i0 + 2]];
    // The stored normal agrees with the winding (front face = outside).
    const w = cross(sub(b, a), sub(c, a));
    expect(w[0] * nrm[0] + w[1] * nrm[1] + w[2] * nrm[2]).toBeGreaterThan(0);
    const p = [g[0] + 0.01 * nrm[0], g[1] + 0.01 * nrm[1], g[2] + 0.01 * nrm[2]];
    const east = p[0],
      north = -p[2],
      up = p[1];
    const inFootprint = pointInRing(east, north, rings[0]) && !rings.slice(1).some((h) => pointInRing(east, north, h));
    const inside = inFootprint && up > bottom && up < top;
    expect(inside).toBe(false);
  }
}

// Fixture footprints (metres, east/north), outer CCW, holes CW.
const RECT = [0, 0, 10, 0, 10, 20, 0, 20]; // 10 m x 20 m
const L_SHAPE = [0, 0, 20, 0, 20, 10, 10, 10, 10, 30, 0, 30]; // area 20*10 + 10*20 = 400 m², perimeter 100 m
const SQUARE = [0, 0, 30, 0, 30, 30, 0, 30];
const HOLE = [10, 10, 10, 20, 20, 20, 20, 10]; // 10 x 10 courtyard, clockwise

describe('extrudePolygon', () => {
  it('extrudes a 10 m x 20 m rectangle to 30 m', () => {
    const m = extrudePolygon([RECT], 0, 30);
    expect(m.positions.length / 3).toBe(4 * 4 + 4); // 4 wall quads with own vertices + 4 roof vertices
    expect(m.indices.length).toBe(4 * 6 + 2 * 3);
    const a = areas(m);
    expect(a.roof).toBeCloseTo(200, 6);
    expect(a.walls).toBeCloseTo(60 * 30, 6);
    expect(a.bottom).toBe(0); // no bottom face: never seen
    // Open at the bottom, but the missing face lies in the plane y = 0 and adds nothing to the integral.
    expect(volume(m)).toBeCloseTo(200 * 30, 4);
    expectOutwardUnitNormals(m, [RECT], 0, 30);
  });

  it('extrudes an L-shape', () => {
    const m = extrudePolygon([L_SHAPE], 0, 12.5);
    expect(m.positions.length / 3).toBe(6 * 4 + 6);
    expect(m.indices.length).toBe(6 * 6 + 4 * 3);
    const a = areas(m);
    expect(a.roof).toBeCloseTo(400, 6);
    expect(a.walls).toBeCloseTo(100 * 12.5, 6);
    expect(volume(m)).toBeCloseTo(400 * 12.5, 4);
    expectOutwardUnitNormals(m, [L_SHAPE], 0, 12.5);
  });

  it('extrudes a square with a courtyard hole', () => {
    const m = extrudePolygon([SQUARE, HOLE], 0, 20);
    expect(m.positions.length / 3).toBe(8 * 4 + 8);
    expect(m.indices.length).toBe(8 * 6 + 8 * 3); // earcut: n + 2*holes - 2 = 8 roof triangles
    const a = areas(m);
    expect(a.roof).toBeCloseTo(900 - 100, 6);
    expect(a.walls).toBeCloseTo((120 + 40) * 20, 6); // outer and courtyard walls
    expect(volume(m)).toBeCloseTo(800 * 20, 4);
    expectOutwardUnitNormals(m, [SQUARE, HOLE], 0, 20);
  });

  it('fixes ring orientation given the wrong way round', () => {
    const cw = [0, 0, 0, 20, 10, 20, 10, 0];
    expect(signedArea(cw)).toBeLessThan(0);
    const m = extrudePolygon([cw], 0, 30);
    expect(volume(m)).toBeCloseTo(6000, 4);
    expectOutwardUnitNormals(m, [RECT], 0, 30);
  });

  it('gives a canopy slab (minHeight > 0) a bottom face and a closed volume', () => {
    const m = extrudePolygon([RECT], 5, 8); // e.g. a roof canopy 5..8 m above ground
    const a = areas(m);
    expect(a.bottom).toBeCloseTo(200, 6);
    expect(a.roof).toBeCloseTo(200, 6);
    expect(m.positions.length / 3).toBe(16 + 4 + 4);
    expect(volume(m)).toBeCloseTo(200 * 3, 4); // closed, so exact wherever the origin is
    expectOutwardUnitNormals(m, [RECT], 5, 8);
  });

  it('skips repeated points and refuses degenerate input', () => {
    const dup = [0, 0, 10, 0, 10, 0, 10, 20, 0, 20];
    const m = extrudePolygon([dup], 0, 10);
    expect(areas(m).walls).toBeCloseTo(600, 6);
    expect(m.positions.length / 3).toBe(16 + 5);
    expect(extrudePolygon([[0, 0, 1, 1]], 0, 10).indices.length).toBe(0);
    expect(extrudePolygon([RECT], 10, 10).indices.length).toBe(0);
  });
});
