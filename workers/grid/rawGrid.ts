// A surface-model raster as the city build stores it for workers: raw little-endian Float32 cells
// (dsm/<area>.f32, row 0 = north) described by the manifest's DsmRasterInfo. Free of geotiff, whose
// web-worker dependency cannot load inside Node worker threads.
import { assertGrid, type GridFrame, type RasterGrid } from '../../common/rasterGrid.js';

/** What a DSM manifest entry (common/buildFormat.ts DsmRasterInfo) says about its raw grid. */
export type RawGridInfo = GridFrame;

/** A RasterGrid over the bytes of a raw little-endian Float32 file (dsm/<area>.f32). */
export function gridFromRawBytes(info: RawGridInfo, bytes: ArrayBuffer | Uint8Array, what = 'raw grid'): RasterGrid {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const expected = info.width * info.height * 4;
  if (u8.byteLength !== expected) throw new Error(`${what}: ${u8.byteLength} bytes, expected ${expected} (${info.width} x ${info.height} Float32 cells)`);
  // Copy into an aligned buffer of our own (the source may be a slice of a bigger Node Buffer).
  const values = new Float32Array(info.width * info.height);
  new Uint8Array(values.buffer).set(u8);
  const grid: RasterGrid = {
    values,
    width: info.width,
    height: info.height,
    cellSize: info.cellSize,
    originX: info.originX,
    originY: info.originY,
    noData: info.noData,
  };
  assertGrid(grid, what);
  return grid;
}
