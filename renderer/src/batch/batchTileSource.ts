// The tiles of one raster output of a batch run (its mosaic index), read on demand: only the tiles
// a drawn area touches are fetched. Close up a few full 1 m grids are kept (least recently used
// first out); far out every tile fetched once leaves a small preview (every PREVIEW_FACTOR-th cell,
// nearest, never blended), so a citywide view reads each GeoTIFF once and then draws from
// previews. DOM-free and Cesium-free (unit-tested in Node).
import type { BatchMosaic } from '../../../common/api/batchContract.js';
import type { Box5186 } from '../../../common/batch/batchRun.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { gridValueAt5186 } from '../analysis/rasterReproject.js';

export type MosaicTile = BatchMosaic['outputs'][string]['tiles'][number];

/** Cells per preview cell along each axis (1 m tiles: 8 m previews, 125 x 125 cells). */
export const PREVIEW_FACTOR = 8;
const FULL_GRIDS_KEPT = 12;

export type Sampler = (x: number, y: number) => number | null;

/** Every `factor`-th cell (the centre one of each block) of a grid. */
export function previewOf(grid: RasterGrid, factor: number): RasterGrid {
  const width = Math.ceil(grid.width / factor);
  const height = Math.ceil(grid.height / factor);
  const values = new Float32Array(width * height);
  const half = Math.floor(factor / 2);
  for (let r = 0; r < height; r++) {
    const sr = Math.min(grid.height - 1, r * factor + half);
    for (let c = 0; c < width; c++) values[r * width + c] = grid.values[sr * grid.width + Math.min(grid.width - 1, c * factor + half)];
  }
  return { ...grid, values, width, height, cellSize: grid.cellSize * factor };
}

export class BatchTileSource {
  /** The tiles' union (EPSG:5186). */
  readonly bounds: Box5186;
  private readonly byKey = new Map<string, MosaicTile>();
  private readonly tileSize: number;
  private readonly full = new Map<string, RasterGrid>();
  private readonly previews = new Map<string, RasterGrid>();
  private readonly loading = new Map<string, Promise<RasterGrid>>();
  private destroyed = false;

  constructor(
    private readonly tiles: MosaicTile[],
    /** The tiles' cell size (the mosaic index's cellSize). */
    private readonly cellSize: number,
    /** Fetches a tile's GeoTIFF as a grid (its path as in the mosaic index). */
    private readonly load: (path: string) => Promise<RasterGrid>,
  ) {
    if (!tiles.length) throw new Error('the batch output has no tiles');
    this.tileSize = tiles[0].bounds.maxX - tiles[0].bounds.minX;
    for (const t of tiles) this.byKey.set(this.keyOf(t.bounds.minX, t.bounds.minY), t);
    this.bounds = {
      minX: Math.min(...tiles.map((t) => t.bounds.minX)),
      minY: Math.min(...tiles.map((t) => t.bounds.minY)),
      maxX: Math.max(...tiles.map((t) => t.bounds.maxX)),
      maxY: Math.max(...tiles.map((t) => t.bounds.maxY)),
    };
  }

  private keyOf(x: number, y: number): string {
    return `${Math.floor(x / this.tileSize)}_${Math.floor(y / this.tileSize)}`;
  }

  /** The tiles overlapping a box. */
  tilesIn(box: Box5186): MosaicTile[] {
    return this.tiles.filter((t) => t.bounds.minX < box.maxX && box.minX < t.bounds.maxX && t.bounds.minY < box.maxY && box.minY < t.bounds.maxY);
  }

  /** Full grids held now (the layer's memory, for tests and the log). */
  get fullGridsHeld(): number {
    return this.full.size;
  }

  private fetchGrid(tile: MosaicTile): Promise<RasterGrid> {
    const known = this.loading.get(tile.tile);
    if (known) return known;
    const loading = this.load(tile.path).then(
      (grid) => {
        this.loading.delete(tile.tile);
        if (this.destroyed) return grid;
        this.previews.set(tile.tile, previewOf(grid, PREVIEW_FACTOR));
        this.full.set(tile.tile, grid);
        while (this.full.size > FULL_GRIDS_KEPT) this.full.delete(this.full.keys().next().value as string);
        return grid;
      },
      (err: unknown) => {
        this.loading.delete(tile.tile);
        throw err;
      },
    );
    this.loading.set(tile.tile, loading);
    return loading;
  }

  private async gridOf(tile: MosaicTile, preview: boolean): Promise<RasterGrid> {
    const kept = preview ? this.previews.get(tile.tile) : this.full.get(tile.tile);
    if (kept) {
      if (!preview) {
        // Most recently used last: the first key is the next to go.
        this.full.delete(tile.tile);
        this.full.set(tile.tile, kept);
      }
      return kept;
    }
    const grid = await this.fetchGrid(tile);
    return preview ? (this.previews.get(tile.tile) ?? previewOf(grid, PREVIEW_FACTOR)) : grid;
  }

  /**
   * The values over `box` at about `metresPerPixel`: previews where a pixel spans several of a
   * preview's cells' worth of metres, full grids closer in. Fetches the tiles it needs first.
   */
  async sampler(box: Box5186, metresPerPixel: number): Promise<Sampler> {
    const preview = metresPerPixel >= (PREVIEW_FACTOR * this.cellSize) / 2;
    const grids = new Map<string, RasterGrid>();
    await Promise.all(
      this.tilesIn(box).map(async (t) => {
        grids.set(this.keyOf(t.bounds.minX, t.bounds.minY), await this.gridOf(t, preview));
      }),
    );
    return (x, y) => {
      const grid = grids.get(this.keyOf(x, y));
      return grid ? gridValueAt5186(grid, x, y) : null;
    };
  }

  destroy(): void {
    this.destroyed = true;
    this.full.clear();
    this.previews.clear();
    this.loading.clear();
  }
}
