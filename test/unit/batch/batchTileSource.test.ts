// The renderer's reader of a batch run's tiles (renderer/src/batch/batchTileSource.ts), on GeoTIFFs
// written by the batch's own writer and read back by geoTiffToGrid: only the tiles an area touches
// are fetched, each once; close up values come from the full grid, far out from its preview (the
// centre cell of each block, never blended); at most a few full grids stay in memory.
import { describe, expect, it } from 'vitest';
import { tileBounds, type BatchTile } from '../../../common/batch/batchRun.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { BatchTileSource, PREVIEW_FACTOR, previewOf, type MosaicTile } from '../../../renderer/src/batch/batchTileSource.js';
import { readPlainGeoTiff } from '../../../workers/grid/plainGeoTiff.js';
import { geoTiffToGrid, gridToGeoTiff } from '../../../workers/grid/rasterGeoTiff.js';

/** A 1 km tile of `cells` x `cells` whose cells hold row * 1000 + column (no-data in the north-west cell). */
function tileGrid(tile: BatchTile, cells = 1000): RasterGrid {
  const b = tileBounds(tile);
  const values = new Float32Array(cells * cells).map((_, i) => (i === 0 ? -9999 : Math.floor(i / cells) * 1000 + (i % cells)));
  return { values, width: cells, height: cells, cellSize: 1000 / cells, originX: b.minX, originY: b.maxY, noData: -9999 };
}

function source(tiles: BatchTile[], cells = 1000) {
  const files = new Map(tiles.map((t) => [`tiles/v/${t[0]}_${t[1]}.tif`, gridToGeoTiff(tileGrid(t, cells))]));
  const fetched: string[] = [];
  const mosaic: MosaicTile[] = tiles.map((t) => ({ tile: `${t[0]}_${t[1]}`, path: `tiles/v/${t[0]}_${t[1]}.tif`, bounds: tileBounds(t) }));
  const src = new BatchTileSource(mosaic, 1000 / cells, async (p) => {
    fetched.push(p);
    return readPlainGeoTiff(files.get(p)!);
  });
  return { src, fetched };
}

describe('batch tile source', () => {
  it("reads our writer's GeoTIFFs as geotiff.js's reader does, cell for cell", async () => {
    const written = tileGrid([194, 553], 300);
    const bytes = gridToGeoTiff(written);
    const ours = readPlainGeoTiff(bytes);
    const theirs = await geoTiffToGrid(bytes);
    expect({ ...ours, values: null }).toEqual({ ...theirs, values: null });
    expect(ours.values).toEqual(theirs.values);
    expect(ours.values).toEqual(written.values);
    expect([ours.originX, ours.originY, ours.cellSize, ours.noData]).toEqual([194000, 554000, 1000 / 300, -9999]);
  });

  it('fetches only the tiles an area touches, each once, and reads their cells', async () => {
    const { src, fetched } = source([
      [193, 554],
      [194, 554],
      [195, 554],
    ]);
    expect(src.bounds).toEqual({ minX: 193000, minY: 554000, maxX: 196000, maxY: 555000 });
    const near = { minX: 194100, minY: 554100, maxX: 194300, maxY: 554300 };
    const sample = await src.sampler(near, 1);
    await src.sampler(near, 0.5);
    expect(fetched).toEqual(['tiles/v/194_554.tif']);
    // x 194100.5 is column 100; y 554899.5 is row 100 (rows count south from 555000).
    expect(sample(194100.5, 554899.5)).toBe(100 * 1000 + 100);
    expect(sample(194000.5, 554999.5)).toBeNull(); // no-data
    expect(sample(193500, 554500)).toBeNull(); // a tile not fetched for this area
    expect(sample(196500, 554500)).toBeNull(); // outside the run
  });

  it('draws far views from previews: the centre cell of each block', async () => {
    const { src } = source([[193, 554]]);
    const far = await src.sampler(src.bounds, PREVIEW_FACTOR);
    const half = PREVIEW_FACTOR / 2;
    // Every position in the first block south-east of the corner shows the block's centre cell.
    expect(far(193000.5, 554999.5 - PREVIEW_FACTOR)).toBe((PREVIEW_FACTOR + half) * 1000 + half);
    expect(far(193000 + PREVIEW_FACTOR - 0.5, 555000 - 2 * PREVIEW_FACTOR + 0.5)).toBe((PREVIEW_FACTOR + half) * 1000 + half);
    const p = previewOf(tileGrid([193, 554]), PREVIEW_FACTOR);
    expect([p.width, p.height, p.cellSize]).toEqual([125, 125, PREVIEW_FACTOR]);
  });

  it('keeps at most twelve full grids; previews of every tile read stay', async () => {
    const tiles: BatchTile[] = Array.from({ length: 14 }, (_, i) => [190 + i, 554]);
    const { src, fetched } = source(tiles, 100);
    for (const t of tiles) await src.sampler({ ...tileBounds(t), maxX: tileBounds(t).minX + 10 }, 10);
    expect(src.fullGridsHeld).toBe(12);
    expect(fetched).toHaveLength(14);
    await src.sampler(src.bounds, 640);
    expect(fetched).toHaveLength(14); // the far view needed no fetch
    src.destroy();
    expect(src.fullGridsHeld).toBe(0);
  });
});
