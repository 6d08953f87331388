// Footprints of proposals in EPSG:5186 (and back to lon/lat for drawing), so the renderer draws
// exactly the footprint the engines burn in. Rotation is clockwise seen from above, measured from
// grid north (EPSG:5186 grid north differs from true north by about 0.01° in central Seoul).
import { fromWgs84, toWgs84 } from '../../common/crs.js';
import type { LonLat, Proposal } from '../../common/scenario/scenarioFormat.js';

export type XY = [number, number];

/** Axis-aligned bounds of a glTF model in its own coordinates (glTF: +Y up, metres). */
export interface ModelBounds {
  min: [number, number, number];
  max: [number, number, number];
}

export function toXY(lonLat: LonLat): XY {
  return fromWgs84('EPSG:5186', lonLat[0], lonLat[1]);
}

export function toLonLat(xy: XY): LonLat {
  return toWgs84('EPSG:5186', xy[0], xy[1]);
}

/** Rotates a local offset (u east, v north) clockwise by `deg` and adds it to the centre. */
export function rotateOffset(cx: number, cy: number, u: number, v: number, deg: number): XY {
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t),
    s = Math.sin(t);
  return [cx + u * c + v * s, cy - u * s + v * c];
}

/** Rectangle corners (counter-clockwise from the south-west before rotation). */
export function boxRing(cx: number, cy: number, width: number, depth: number, rotation = 0): XY[] {
  const w = width / 2,
    d = depth / 2;
  return [
    [-w, -d],
    [w, -d],
    [w, d],
    [-w, d],
  ].map(([u, v]) => rotateOffset(cx, cy, u, v, rotation));
}

/**
 * A glTF model's footprint: the bounding box of its x (east) and z (south: Cesium turns glTF's
 * +Y up into +Z up, so glTF -Z points north) extent, scaled and rotated. A box, not the model's
 * exact outline: the engines see the model as the prism of its bounding box.
 */
export function gltfRing(cx: number, cy: number, bounds: ModelBounds, scale = 1, rotation = 0): XY[] {
  const [x0, , z0] = bounds.min;
  const [x1, , z1] = bounds.max;
  const corners: XY[] = [
    [x0, -z1],
    [x1, -z1],
    [x1, -z0],
    [x0, -z0],
  ];
  return corners.map(([u, v]) => rotateOffset(cx, cy, u * scale, v * scale, rotation));
}

/** The footprint ring of a proposal in EPSG:5186 (glTF proposals need their model's bounds). */
export function proposalRing(p: Proposal, bounds?: ModelBounds): XY[] {
  switch (p.kind) {
    case 'box': {
      const [cx, cy] = toXY(p.centre);
      return boxRing(cx, cy, p.width, p.depth, p.rotation ?? 0);
    }
    case 'polygon':
      return p.ring.map(toXY);
    case 'gltf': {
      if (!bounds) throw new Error(`proposal ${p.id}: the bounds of its glTF model (${p.uri}) are not known yet`);
      const [cx, cy] = toXY(p.position);
      return gltfRing(cx, cy, bounds, p.scale ?? 1, p.rotation ?? 0);
    }
  }
}

/** Centroid (vertex mean) of a ring: the handle for moving and rotating. */
export function ringCentre(ring: XY[]): XY {
  let x = 0,
    y = 0;
  for (const p of ring) {
    x += p[0];
    y += p[1];
  }
  return [x / ring.length, y / ring.length];
}
