// Independent oracles for the ground sunlight engine (workers/sun/groundSunHours.ts):
//  - rayMarchSunlit: brute force, one ray per cell and step from the cell's surface toward the sun
//    in 0.05-cell steps through the DSM taken as flat-topped columns;
//  - boxShadowed: exact geometry of a rectangular prism on flat ground (slab intersection).
// Neither shares code with the engine's sweep.
import type { RasterGrid } from '../../common/rasterGrid.js';

export interface SunVector {
  /** Horizontal unit direction toward the sun in grid axes (x east, y north) and tan(elevation). */
  dx: number;
  dy: number;
  tanE: number;
}

export function sunVector(gridAzimuthDeg: number, elevationDeg: number): SunVector {
  const a = (gridAzimuthDeg * Math.PI) / 180;
  return { dx: Math.sin(a), dy: Math.cos(a), tanE: Math.tan((elevationDeg * Math.PI) / 180) };
}

/**
 * Sunlit mask (1 = lit) of every cell for one sun direction, by marching rays. The DSM is taken as
 * flat-topped columns filling their cells (a building's wall stands on the cell boundary); the
 * ray leaves the receiver's surface at its cell centre and is blocked by the first other column
 * it passes below. Step 0.05 cell; beyond the grid nothing obstructs.
 */
export function rayMarchSunlit(g: RasterGrid, sun: SunVector, stepCells = 0.05): Uint8Array {
  const out = new Uint8Array(g.width * g.height);
  let maxH = -Infinity;
  for (const v of g.values) if (v !== g.noData) maxH = Math.max(maxH, v);
  // Rows grow southwards: moving toward the sun changes the row by -dy.
  const du = sun.dx * stepCells;
  const dv = -sun.dy * stepCells;
  const dz = sun.tanE * stepCells * g.cellSize;
  for (let r = 0; r < g.height; r++) {
    for (let c = 0; c < g.width; c++) {
      let z = g.values[r * g.width + c];
      let u = c + 0.5;
      let v = r + 0.5;
      let lit = 1;
      for (;;) {
        u += du;
        v += dv;
        z += dz;
        const cc = Math.floor(u);
        const rr = Math.floor(v);
        if (cc < 0 || rr < 0 || cc >= g.width || rr >= g.height || z > maxH) break;
        if ((cc !== c || rr !== r) && g.values[rr * g.width + cc] > z) {
          lit = 0;
          break;
        }
      }
      out[r * g.width + c] = lit;
    }
  }
  return out;
}

/** True when the ray from ground point (x, y, z) toward the sun hits the prism [x0,x1]x[y0,y1]x[-inf, top]. */
export function boxShadowed(x: number, y: number, z: number, sun: SunVector, box: { x0: number; x1: number; y0: number; y1: number; top: number }): boolean {
  // Parametrise by horizontal distance t >= 0: p = (x + dx t, y + dy t), height z + tanE t.
  let t0 = 0;
  let t1 = Infinity;
  for (const [p, d, lo, hi] of [
    [x, sun.dx, box.x0, box.x1],
    [y, sun.dy, box.y0, box.y1],
  ] as const) {
    if (Math.abs(d) < 1e-12) {
      if (p < lo || p > hi) return false;
    } else {
      const a = (lo - p) / d;
      const b = (hi - p) / d;
      t0 = Math.max(t0, Math.min(a, b));
      t1 = Math.min(t1, Math.max(a, b));
    }
  }
  if (t0 > t1) return false;
  // The ray is lowest where it enters the prism's footprint.
  return z + sun.tanE * t0 < box.top;
}
