// GeoTIFF encoding of a RasterGrid, shared by the city pipeline (tiles/raster/writeDsm.ts, Node),
// the scenario runner (Node) and the renderer's exports (browser): geotiff.js's writer is pure JS,
// so one key setup serves all three and every GeoTIFF we write reads the same in GDAL.
import { writeArrayBuffer, type GeotiffWriterMetadata } from 'geotiff';
import { assertGrid, type GridFrame, type RasterGrid } from '../../common/rasterGrid.js';

/** GeoTIFF tags and GeoKeys placing a north-up EPSG:5186 grid (upper-left corner tiepoint). */
export function epsg5186GeoKeys(grid: Pick<RasterGrid, 'width' | 'height' | 'cellSize' | 'originX' | 'originY' | 'noData'>): GeotiffWriterMetadata {
  return {
    width: grid.width,
    height: grid.height,
    ModelPixelScale: [grid.cellSize, grid.cellSize, 0],
    ModelTiepoint: [0, 0, 0, grid.originX, grid.originY, 0],
    GTModelTypeGeoKey: 1, // projected
    GTRasterTypeGeoKey: 1, // PixelIsArea: the tiepoint is the upper-left corner of the first cell
    ProjectedCSTypeGeoKey: 5186,
    GTCitationGeoKey: 'Korea 2000 / Central Belt 2010',
    GDAL_NODATA: String(grid.noData),
  };
}

/** A single-band Float32 GeoTIFF (EPSG:5186) of the grid. */
export function gridToGeoTiff(grid: RasterGrid): ArrayBuffer {
  assertGrid(grid, 'GeoTIFF export');
  return writeArrayBuffer(grid.values, epsg5186GeoKeys(grid)) as ArrayBuffer;
}

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
