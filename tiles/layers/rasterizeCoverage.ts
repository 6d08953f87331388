// Anti-aliased coverage of polygons and lines on a square pixel grid (one imagery tile), 0..1 per
// pixel. Polygons: even-odd over their rings (holes), area coverage from 4 sub-scanlines per pixel
// row with exact horizontal overlap. Lines: round-capped strokes, coverage from the distance to the
// segment with a one-pixel ramp. Shapes add up to full coverage at most: overlapping parks do not
// cancel, and polygons sharing an edge (the Han River comes in pieces) leave no seam.
// Coordinates are in pixels (x right, y down) with pixel (i, j) spanning [i, i+1) x [j, j+1).

const SUB_ROWS = 4;

export class CoverageRaster {
  readonly values: Float32Array;
  /** Rows [firstRow, lastRow] may hold coverage; the others are all zero. */
  firstRow: number;
  lastRow: number;
  /** Scratch for one polygon's coverage of the current pixel row. */
  private readonly rowAcc: Float32Array;

  constructor(readonly size: number) {
    this.values = new Float32Array(size * size);
    this.rowAcc = new Float32Array(size);
    this.firstRow = size;
    this.lastRow = -1;
  }

  clear(): void {
    if (this.lastRow >= 0) this.values.fill(0, this.firstRow * this.size, (this.lastRow + 1) * this.size);
    this.firstRow = this.size;
    this.lastRow = -1;
  }

  private touchRows(first: number, last: number): void {
    if (first < this.firstRow) this.firstRow = first;
    if (last > this.lastRow) this.lastRow = last;
  }

  /** Fills one polygon: rings as flat [x0, y0, x1, y1, ...] arrays, closed implicitly. */
  fillPolygon(rings: readonly Float64Array[]): void {
    const size = this.size;
    const subRows = size * SUB_ROWS;
    // The sub-rows the polygon spans, then the crossing x per sub-scanline (y = (s + 0.5) / SUB_ROWS).
    let yMin = Infinity,
      yMax = -Infinity;
    for (const ring of rings)
      for (let k = 1; k < ring.length; k += 2) {
        if (ring[k] < yMin) yMin = ring[k];
        if (ring[k] > yMax) yMax = ring[k];
      }
    const sMin = Math.max(0, Math.ceil(yMin * SUB_ROWS - 0.5));
    const sMax = Math.min(subRows - 1, Math.ceil(yMax * SUB_ROWS - 0.5) - 1);
    if (sMax < sMin) return;
    const crossings: number[][] = Array.from({ length: sMax - sMin + 1 }, () => []);
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let k = 0; k < n; k++) {
        const x0 = ring[2 * k],
          y0 = ring[2 * k + 1];
        const k1 = (k + 1) % n;
        const x1 = ring[2 * k1],
          y1 = ring[2 * k1 + 1];
        if (y0 === y1) continue;
        const up = y0 < y1;
        const ya = up ? y0 : y1,
          yb = up ? y1 : y0,
          xa = up ? x0 : x1;
        // Sub-rows whose centre c satisfies ya <= c < yb (half-open: shared vertices count once).
        const first = Math.max(sMin, Math.ceil(ya * SUB_ROWS - 0.5));
        const last = Math.min(sMax, Math.ceil(yb * SUB_ROWS - 0.5) - 1);
        const slope = ((up ? x1 : x0) - xa) / (yb - ya);
        for (let s = first; s <= last; s++) crossings[s - sMin].push(xa + ((s + 0.5) / SUB_ROWS - ya) * slope);
      }
    }
    const acc = this.rowAcc;
    const weight = 1 / SUB_ROWS;
    this.touchRows(Math.floor(sMin / SUB_ROWS), Math.floor(sMax / SUB_ROWS));
    for (let row = Math.floor(sMin / SUB_ROWS); row <= Math.floor(sMax / SUB_ROWS); row++) {
      let lo = size,
        hi = -1;
      for (let s = Math.max(row * SUB_ROWS, sMin); s < Math.min((row + 1) * SUB_ROWS, sMax + 1); s++) {
        const xs = crossings[s - sMin];
        if (xs.length < 2) continue;
        xs.sort((a, b) => a - b);
        for (let k = 0; k + 1 < xs.length; k += 2) {
          const a = Math.max(xs[k], 0),
            b = Math.min(xs[k + 1], size);
          if (b <= a) continue;
          const ia = Math.floor(a),
            ib = Math.min(Math.floor(b), size - 1);
          if (ia < lo) lo = ia;
          if (ib > hi) hi = ib;
          if (ia === ib) {
            acc[ia] += (b - a) * weight;
            continue;
          }
          acc[ia] += (ia + 1 - a) * weight;
          for (let i = ia + 1; i < ib; i++) acc[i] += weight;
          acc[ib] += (Math.min(b, ib + 1) - ib) * weight;
        }
      }
      const base = row * size;
      for (let i = lo; i <= hi; i++) {
        this.values[base + i] = Math.min(this.values[base + i] + acc[i], 1);
        acc[i] = 0;
      }
    }
  }

  /** Strokes a polyline (flat [x0, y0, x1, y1, ...]) `width` pixels wide. */
  strokeLine(points: Float64Array, width: number): void {
    const size = this.size;
    const half = width / 2;
    const reach = half + 0.5;
    for (let k = 0; k + 3 < points.length; k += 2) {
      const ax = points[k],
        ay = points[k + 1],
        bx = points[k + 2],
        by = points[k + 3];
      const i0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach)),
        i1 = Math.min(size - 1, Math.floor(Math.max(ax, bx) + reach));
      const j0 = Math.max(0, Math.floor(Math.min(ay, by) - reach)),
        j1 = Math.min(size - 1, Math.floor(Math.max(ay, by) + reach));
      if (j0 > j1 || i0 > i1) continue;
      this.touchRows(j0, j1);
      const dx = bx - ax,
        dy = by - ay;
      const len2 = dx * dx + dy * dy;
      for (let j = j0; j <= j1; j++) {
        const py = j + 0.5;
        for (let i = i0; i <= i1; i++) {
          const px = i + 0.5;
          const t = len2 > 0 ? Math.min(Math.max(((px - ax) * dx + (py - ay) * dy) / len2, 0), 1) : 0;
          const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
          const v = Math.min(Math.max(reach - d, 0), 1);
          if (v > this.values[j * size + i]) this.values[j * size + i] = v;
        }
      }
    }
  }
}
