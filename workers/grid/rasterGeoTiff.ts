// GeoTIFF encoding of a RasterGrid, shared by the city pipeline (tiles/raster/writeAreaRasters.ts, Node),
// the scenario runner (Node) and the renderer's exports (browser): geotiff.js's writer is pure JS,
// so one key setup serves all three and every GeoTIFF we write reads the same in GDAL.
import { fromArrayBuffer, writeArrayBuffer, type GeotiffWriterMetadata } from 'geotiff';
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';

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

/**
 * A single-band north-up GeoTIFF as written by gridToGeoTiff (a batch run's tiles) read back as a
 * grid: origin and cell size from its tags, no-data from GDAL_NODATA (default −9999).
 */
export async function geoTiffToGrid(bytes: ArrayBuffer): Promise<RasterGrid> {
  const image = await (await fromArrayBuffer(bytes)).getImage();
  const [originX, originY] = image.getOrigin();
  const [cellSize] = image.getResolution();
  const band = (await image.readRasters({ samples: [0] }))[0];
  const values = band instanceof Float32Array ? band : Float32Array.from(band as ArrayLike<number>);
  const noData = image.getGDALNoData();
  const grid: RasterGrid = { values, width: image.getWidth(), height: image.getHeight(), cellSize, originX, originY, noData: noData ?? -9999 };
  assertGrid(grid, 'GeoTIFF');
  return grid;
}

// Raw grids live in rawGrid.ts (no geotiff: it loads in every worker thread); kept here for the existing callers.
export { gridFromRawBytes, type RawGridInfo } from './rawGrid.js';
