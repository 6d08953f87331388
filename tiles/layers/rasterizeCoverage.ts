// Anti-aliased coverage of polygons and lines on a square pixel grid (one imagery tile), 0..1 per
// pixel. Polygons: even-odd over their rings (holes), area coverage from 4 sub-scanlines per pixel
// row with exact horizontal overlap, of the union of a tile's polygons: overlapping parks count
// once (summing their partial edge pixels would paint an edge as if covered), and polygons sharing
// an edge (the Han River comes in pieces) leave no seam. Lines: round-capped strokes, coverage from
// the distance to the segment with a one-pixel ramp.
// Coordinates are in pixels (x right, y down) with pixel (i, j) spanning [i, i+1) x [j, j+1).

const SUB_ROWS = 4;

export class CoverageRaster {
  readonly values: Float32Array;
  /** Rows [firstRow, lastRow] may hold coverage; the others are all zero. */
  firstRow: number;
  lastRow: number;
  /** Scratch for one polygon's coverage of the current pixel row. */
  private readonly rowAcc: Float32Array;
  /** Scratch per sub-row (centre y = (s + 0.5) / SUB_ROWS): span starts and ends, inside one polygon each; empty between calls. */
  private readonly spanStarts: number[][];
  private readonly spanEnds: number[][];

  constructor(readonly size: number) {
    this.values = new Float32Array(size * size);
    this.rowAcc = new Float32Array(size);
    this.spanStarts = Array.from({ length: size * SUB_ROWS }, () => []);
    this.spanEnds = Array.from({ length: size * SUB_ROWS }, () => []);
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

  /**
   * Fills polygons, each as rings (flat [x0, y0, x1, y1, ...], closed implicitly; even-odd within a
   * polygon, so inner rings are holes). What is drawn is their union: per sub-scanline the spans
   * inside any polygon are merged before they add to the pixels, so overlapping shapes count once
   * and shapes sharing an edge leave no seam. Call it once per tile, before the strokes.
   */
  fillPolygons(polygons: readonly (readonly Float64Array[])[]): void {
    const size = this.size;
    const subRows = size * SUB_ROWS;
    const starts = this.spanStarts,
      ends = this.spanEnds;
    let sLo = subRows,
      sHi = -1;
    for (const rings of polygons) {
      let yMin = Infinity,
        yMax = -Infinity;
      for (const ring of rings)
        for (let k = 1; k < ring.length; k += 2) {
          if (ring[k] < yMin) yMin = ring[k];
          if (ring[k] > yMax) yMax = ring[k];
        }
      const sMin = Math.max(0, Math.ceil(yMin * SUB_ROWS - 0.5));
      const sMax = Math.min(subRows - 1, Math.ceil(yMax * SUB_ROWS - 0.5) - 1);
      if (sMax < sMin) continue;
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
      for (let s = sMin; s <= sMax; s++) {
        const xs = crossings[s - sMin];
        if (xs.length < 2) continue;
        xs.sort((a, b) => a - b);
        for (let k = 0; k + 1 < xs.length; k += 2) {
          const a = Math.max(xs[k], 0),
            b = Math.min(xs[k + 1], size);
          if (b <= a) continue;
          starts[s].push(a);
          ends[s].push(b);
          if (s < sLo) sLo = s;
          if (s > sHi) sHi = s;
        }
      }
    }
    if (sHi < sLo) return;
    const acc = this.rowAcc;
    const weight = 1 / SUB_ROWS;
    const firstRow = Math.floor(sLo / SUB_ROWS),
      lastRow = Math.floor(sHi / SUB_ROWS);
    this.touchRows(firstRow, lastRow);
    for (let row = firstRow; row <= lastRow; row++) {
      let lo = size,
        hi = -1;
      for (let s = row * SUB_ROWS; s < (row + 1) * SUB_ROWS; s++) {
        const st = starts[s],
          en = ends[s];
        if (!st.length) continue;
        st.sort((a, b) => a - b);
        en.sort((a, b) => a - b);
        // Sweep: inside the union while more spans have started than ended (a start before an
        // end at the same x, so abutting spans join).
        let i = 0,
          j = 0,
          depth = 0,
          a = 0;
        while (j < en.length) {
          if (i < st.length && st[i] <= en[j]) {
            if (depth++ === 0) a = st[i];
            i++;
            continue;
          }
          if (--depth === 0) {
            const b = en[j];
            const ia = Math.floor(a),
              ib = Math.min(Math.floor(b), size - 1);
            if (ia < lo) lo = ia;
            if (ib > hi) hi = ib;
            if (ia === ib) acc[ia] += (b - a) * weight;
            else {
              acc[ia] += (ia + 1 - a) * weight;
              for (let x = ia + 1; x < ib; x++) acc[x] += weight;
              acc[ib] += (Math.min(b, ib + 1) - ib) * weight;
            }
          }
          j++;
        }
      }
      const base = row * size;
      for (let i = lo; i <= hi; i++) {
        this.values[base + i] = Math.max(this.values[base + i], Math.min(acc[i], 1));
        acc[i] = 0;
      }
    }
    for (let s = sLo; s <= sHi; s++) {
      starts[s].length = 0;
      ends[s].length = 0;
    }
  }

  /**
   * Adds `amount` of coverage to pixel (i, j), up to full: what a shape lying wholly inside one pixel
   * covers there is its area, without scanning it. Sums, where fillPolygons takes the union: call it after.
   */
  addCoverage(i: number, j: number, amount: number): void {
    const k = j * this.size + i;
    this.values[k] = Math.min(1, this.values[k] + amount);
    this.touchRows(j, j);
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
