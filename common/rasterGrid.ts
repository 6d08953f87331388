// The one raster shape every analysis engine reads and writes: a north-up grid in EPSG:5186
// (metres), row 0 = north, the same layout as the city build's surface model (dsm/<area>.f32,
// see DsmRasterInfo in common/buildFormat.ts). Plain numbers and one typed array, so a grid
// crosses worker boundaries by transfer and can be written as GeoTIFF unchanged.

export interface RasterGrid {
  /** width * height values, row-major, row 0 = north. */
  values: Float32Array;
  width: number;
  height: number;
  /** Cell edge in metres. */
  cellSize: number;
  /** Upper-left corner of the upper-left cell, EPSG:5186 (x east, y north). */
  originX: number;
  originY: number;
  /** Cells holding this value carry no data. */
  noData: number;
}

/** Where a grid's cells lie, without its values (result types carry several value arrays on one frame). */
export type GridFrame = Omit<RasterGrid, 'values'>;

/** EPSG:5186 x of the centre of column `col`. */
export function cellCentreX(grid: RasterGrid, col: number): number {
  return grid.originX + (col + 0.5) * grid.cellSize;
}

/** EPSG:5186 y of the centre of row `row` (rows count southwards). */
export function cellCentreY(grid: RasterGrid, row: number): number {
  return grid.originY - (row + 0.5) * grid.cellSize;
}

/** Column and row of the cell containing (x, y); may lie outside the grid. */
export function cellOf(grid: RasterGrid, x: number, y: number): { col: number; row: number } {
  return { col: Math.floor((x - grid.originX) / grid.cellSize), row: Math.floor((grid.originY - y) / grid.cellSize) };
}

/** A grid with the same cells as `like` and new values (filled with `fill`). */
export function gridLike(like: RasterGrid, fill = 0, noData = like.noData): RasterGrid {
  const values = new Float32Array(like.width * like.height);
  if (fill !== 0) values.fill(fill);
  return { values, width: like.width, height: like.height, cellSize: like.cellSize, originX: like.originX, originY: like.originY, noData };
}

/** Refuses grids whose value count does not match their size (bad files, truncated transfers). */
export function assertGrid(grid: RasterGrid, what = 'raster'): void {
  if (!Number.isInteger(grid.width) || !Number.isInteger(grid.height) || grid.width <= 0 || grid.height <= 0) {
    throw new Error(`${what}: size ${grid.width} x ${grid.height} is not a positive whole number of cells`);
  }
  if (grid.values.length !== grid.width * grid.height) {
    throw new Error(`${what}: ${grid.values.length} values for ${grid.width} x ${grid.height} cells`);
  }
  if (!(grid.cellSize > 0)) throw new Error(`${what}: cell size ${grid.cellSize} must be positive`);
}
