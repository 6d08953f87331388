// Streamlines of the pedestrian-level wind (the engine's east/north ratio field): seeds on a regular
// grid, second-order (midpoint) integration with bilinear interpolation, stopped at roofs, at the
// area's edge, in calm air, or after `maxLength` metres. DOM-free, so the panel only draws them.
import type { RasterGrid } from '../../common/rasterGrid.js';

export interface Streamline {
  /** EPSG:5186 points, x0 y0 x1 y1 ... */
  points: Float64Array;
  /** Mean speed ratio along the line. */
  meanRatio: number;
}

export interface StreamlineOptions {
  /** Seed spacing in cells (default 6). */
  seedEvery?: number;
  /** Integration step in cells (default 0.5). */
  step?: number;
  /** Longest line in metres (default 300). */
  maxLength?: number;
  /** Stop below this ratio (default 0.03). */
  minRatio?: number;
}

export function traceStreamlines(ratio: RasterGrid, east: Float32Array, north: Float32Array, o: StreamlineOptions = {}): Streamline[] {
  const { width: w, height: h, cellSize, originX, originY, noData } = ratio;
  const every = Math.max(1, Math.round(o.seedEvery ?? 6));
  const step = o.step ?? 0.5;
  const maxSteps = Math.ceil((o.maxLength ?? 300) / cellSize / step);
  const minRatio = o.minRatio ?? 0.03;
  const open = (c: number, r: number) => c >= 0 && r >= 0 && c < w && r < h && ratio.values[r * w + c] !== noData;
  /** Velocity in cells per unit time at fractional cell coordinates (col right, row down). */
  const sample = (x: number, y: number): [number, number] | null => {
    const fx = x - 0.5;
    const fy = y - 0.5;
    const c0 = Math.floor(fx);
    const r0 = Math.floor(fy);
    if (!open(Math.round(x - 0.5), Math.round(y - 0.5))) return null;
    let u = 0;
    let v = 0;
    let wsum = 0;
    for (let dr = 0; dr <= 1; dr++) {
      for (let dc = 0; dc <= 1; dc++) {
        const c = c0 + dc;
        const r = r0 + dr;
        if (!open(c, r)) continue;
        const wt = (dc ? fx - c0 : 1 - (fx - c0)) * (dr ? fy - r0 : 1 - (fy - r0));
        u += wt * east[r * w + c];
        v -= wt * north[r * w + c]; // rows run south
        wsum += wt;
      }
    }
    return wsum > 0 ? [u / wsum, v / wsum] : null;
  };
  const lines: Streamline[] = [];
  for (let r = every >> 1; r < h; r += every) {
    for (let c = every >> 1; c < w; c += every) {
      if (!open(c, r)) continue;
      let x = c + 0.5;
      let y = r + 0.5;
      const pts: number[] = [originX + x * cellSize, originY - y * cellSize];
      let sum = 0;
      for (let s = 0; s < maxSteps; s++) {
        const a = sample(x, y);
        if (!a) break;
        const sp = Math.hypot(a[0], a[1]);
        if (sp < minRatio) break;
        const mx = x + (0.5 * step * a[0]) / sp;
        const my = y + (0.5 * step * a[1]) / sp;
        const b = sample(mx, my);
        if (!b) break;
        const sb = Math.hypot(b[0], b[1]);
        if (sb < minRatio) break;
        x += (step * b[0]) / sb;
        y += (step * b[1]) / sb;
        sum += sb;
        pts.push(originX + x * cellSize, originY - y * cellSize);
      }
      if (pts.length >= 8) lines.push({ points: Float64Array.from(pts), meanRatio: sum / (pts.length / 2 - 1) });
    }
  }
  return lines;
}
