// The facades of a building for per-floor sunlight: each wall segment of its outer footprint ring,
// cut into floors, with sample points on every floor a little in front of the wall.
//
// A footprint ring (EPSG:5186, frame coordinates) is made counter-clockwise, so the outward
// normal of segment a->b is its right-hand side (dy, -dx)/|ab|, the convention the pipeline's
// extruder uses for wall normals (tiles/geometry/extrude.ts).

export interface FacadeTarget {
  /** Building id (tileset property "id") or proposal id. */
  id: string;
  /** Outer ring, open or closed: EPSG:5186 in the engine input, frame coordinates (minus the mesh origin) here. */
  ring: [number, number][];
  /** Orthometric heights of the wall foot and the roof. */
  base: number;
  top: number;
  floors: number;
}

export interface Facade {
  building: string;
  /** Index of the segment in the building's ring (start vertex, after dropping a closing repeat). */
  facade: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Outward unit normal (horizontal). */
  nx: number;
  ny: number;
  length: number;
  base: number;
  floorHeight: number;
  floors: number;
}

export interface SampleOptions {
  /** Metres between sample points along a floor (default 2). */
  spacing: number;
  /** Metres the points stand in front of the wall (default 0.1; above the 2 cm quantization of the tiles). */
  offset: number;
}

export const DEFAULT_SAMPLES: SampleOptions = { spacing: 2, offset: 0.1 };

/** Segments shorter than this are not facades (slivers of curved outlines); counted in the result. */
export const MIN_FACADE_LENGTH_M = 1;

export function facadesOf(target: FacadeTarget): { facades: Facade[]; skippedShort: number } {
  const ring = target.ring.slice();
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  const n = ring.length;
  let area = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) area += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  // area here is twice the signed area (positive = counter-clockwise).
  const ccw = area > 0;
  const facades: Facade[] = [];
  let skippedShort = 0;
  const height = target.top - target.base;
  const floors = Math.max(1, Math.round(target.floors));
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const dx = b[0] - a[0],
      dy = b[1] - a[1];
    const length = Math.hypot(dx, dy);
    if (!(length >= MIN_FACADE_LENGTH_M)) {
      skippedShort++;
      continue;
    }
    const s = ccw ? 1 : -1;
    facades.push({
      building: target.id,
      facade: i,
      x0: a[0],
      y0: a[1],
      x1: b[0],
      y1: b[1],
      nx: (s * dy) / length,
      ny: (-s * dx) / length,
      length,
      base: target.base,
      floorHeight: height / floors,
      floors,
    });
  }
  return { facades, skippedShort };
}

/**
 * Sample points of one floor of a facade: `count` points at the centres of equal parts of the
 * segment, at the floor's mid-height, `offset` in front of the wall. Written as x, y, z triples.
 */
export function floorSamples(f: Facade, floor: number, opts: SampleOptions, out: number[]): number {
  const count = Math.max(1, Math.ceil(f.length / opts.spacing));
  const z = f.base + (floor + 0.5) * f.floorHeight;
  for (let k = 0; k < count; k++) {
    const t = (k + 0.5) / count;
    out.push(f.x0 + t * (f.x1 - f.x0) + opts.offset * f.nx, f.y0 + t * (f.y1 - f.y0) + opts.offset * f.ny, z);
  }
  return count;
}
