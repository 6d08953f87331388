// Polygon and line rasterization on a RasterGrid's cells (worker-safe), the one rule for every raster:
// the city build's surface model (workers/data/surfaceWindow.ts), building masks, proposals: a cell belongs to a
// polygon when its centre lies inside (even-odd over all rings, so holes stay out).
import type { RasterGrid } from '../../common/rasterGrid.js';

export type XY = readonly [number, number];
type GridShape = Pick<RasterGrid, 'width' | 'height' | 'cellSize' | 'originX' | 'originY'>;

/** Calls `visit(index)` for every cell whose centre lies inside the rings (EPSG:5186). */
export function forEachCellInRings(grid: GridShape, rings: ReadonlyArray<ReadonlyArray<XY>>, visit: (index: number) => void): void {
  const { width, height, cellSize: cell, originX, originY } = grid;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const r of rings)
    for (const p of r) {
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  if (!(maxY >= minY)) return;
  const rowStart = Math.max(0, Math.floor((originY - maxY) / cell));
  const rowEnd = Math.min(height - 1, Math.ceil((originY - minY) / cell));
  const xs: number[] = [];
  for (let row = rowStart; row <= rowEnd; row++) {
    const cy = originY - (row + 0.5) * cell;
    xs.length = 0;
    for (const r of rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const xi = r[i][0],
          yi = r[i][1],
          xj = r[j][0],
          yj = r[j][1];
        if (yi > cy !== yj > cy) xs.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c0 = Math.max(0, Math.ceil((xs[k] - originX) / cell - 0.5));
      const c1 = Math.min(width - 1, Math.ceil((xs[k + 1] - originX) / cell - 0.5) - 1);
      for (let c = c0; c <= c1; c++) visit(row * width + c);
    }
  }
}

/** Calls `visit(index)` for every cell a polyline passes through (sampled at a quarter cell). */
export function forEachCellOnLine(grid: GridShape, line: ReadonlyArray<XY>, visit: (index: number) => void): void {
  const { width, height, cellSize: cell, originX, originY } = grid;
  let last = -1;
  for (let i = 0; i + 1 < line.length; i++) {
    const [x0, y0] = line[i];
    const [x1, y1] = line[i + 1];
    const steps = Math.max(1, Math.ceil((Math.hypot(x1 - x0, y1 - y0) / cell) * 4));
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      const col = Math.floor((x0 + (x1 - x0) * t - originX) / cell);
      const row = Math.floor((originY - (y0 + (y1 - y0) * t)) / cell);
      if (col < 0 || row < 0 || col >= width || row >= height) continue;
      const idx = row * width + col;
      if (idx !== last) visit(idx);
      last = idx;
    }
  }
}

/** A block of a grid's cells: first column and row, size in cells. */
export interface CellBlock {
  col: number;
  row: number;
  width: number;
  height: number;
}

/**
 * Raises every cell whose centre lies inside the rings (even-odd) to `value` (a cell already higher
 * keeps its value), only within `block` when given; returns the cells inside. The surface model's
 * buildings are burnt in this way (workers/data/surfaceWindow.ts).
 */
export function raiseCellsInRings(grid: RasterGrid, rings: ReadonlyArray<ReadonlyArray<XY>>, value: number, block?: CellBlock): number {
  const { values, width, cellSize } = grid;
  const b = block ?? { col: 0, row: 0, width, height: grid.height };
  const part = { width: b.width, height: b.height, cellSize, originX: grid.originX + b.col * cellSize, originY: grid.originY - b.row * cellSize };
  let inside = 0;
  forEachCellInRings(part, rings, (k) => {
    const row = Math.floor(k / b.width);
    const at = (b.row + row) * width + b.col + (k - row * b.width);
    if (values[at] < value) values[at] = value;
    inside++;
  });
  return inside;
}
