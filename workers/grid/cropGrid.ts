// Windows of a RasterGrid: the cells covering an EPSG:5186 rectangle (analysis areas are cut from
// the city's surface model this way), and differences of two grids on the same cells.
import { gridLike, type GridFrame, type RasterGrid } from '../../common/rasterGrid.js';

/** Columns [c0, c1) and rows [r0, r1) of a grid's cells that overlap [minX, maxX] x [minY, maxY] (empty when c1 <= c0 or r1 <= r0). */
export function cropRange(grid: GridFrame, minX: number, minY: number, maxX: number, maxY: number): { c0: number; c1: number; r0: number; r1: number } {
  return {
    c0: Math.max(0, Math.floor((minX - grid.originX) / grid.cellSize)),
    c1: Math.min(grid.width, Math.ceil((maxX - grid.originX) / grid.cellSize)),
    r0: Math.max(0, Math.floor((grid.originY - maxY) / grid.cellSize)),
    r1: Math.min(grid.height, Math.ceil((grid.originY - minY) / grid.cellSize)),
  };
}

/** The cells of `grid` that overlap [minX, maxX] x [minY, maxY], or null when none do. */
export function cropGrid(grid: RasterGrid, minX: number, minY: number, maxX: number, maxY: number): RasterGrid | null {
  const { c0, c1, r0, r1 } = cropRange(grid, minX, minY, maxX, maxY);
  if (c1 <= c0 || r1 <= r0) return null;
  const width = c1 - c0,
    height = r1 - r0;
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++) values.set(grid.values.subarray((r0 + r) * grid.width + c0, (r0 + r) * grid.width + c1), r * width);
  return {
    values,
    width,
    height,
    cellSize: grid.cellSize,
    originX: grid.originX + c0 * grid.cellSize,
    originY: grid.originY - r0 * grid.cellSize,
    noData: grid.noData,
  };
}

/** after - before, cell by cell (noData where either has none). Both must have the same cells. */
export function differenceGrid(before: RasterGrid, after: RasterGrid): RasterGrid {
  if (
    before.width !== after.width ||
    before.height !== after.height ||
    before.originX !== after.originX ||
    before.originY !== after.originY ||
    before.cellSize !== after.cellSize
  ) {
    throw new Error('difference: the two rasters do not cover the same cells');
  }
  const noData = -9999;
  const out = gridLike(before, 0, noData);
  for (let i = 0; i < out.values.length; i++) {
    const a = before.values[i],
      b = after.values[i];
    out.values[i] = a === before.noData || b === after.noData || Number.isNaN(a) || Number.isNaN(b) ? noData : b - a;
  }
  return out;
}

/** Min, max, mean and count of the grid's data cells. */
export function gridStats(grid: RasterGrid): { min: number; max: number; mean: number; cells: number } {
  let min = Infinity,
    max = -Infinity,
    sum = 0,
    n = 0;
  for (const v of grid.values) {
    if (v === grid.noData || Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  return n ? { min, max, mean: sum / n, cells: n } : { min: NaN, max: NaN, mean: NaN, cells: 0 };
}
