// lon/lat (WGS84) -> EPSG:5186 for the flood engines. The definition is the pipeline's own
// (common/crs.ts, checked against PROJ's cs2cs), so rasters and footprints line up exactly.
import { fromWgs84 } from '../../common/crs.js';
import type { XY } from '../grid/rasterizeRings.js';

export function toGrid5186(lon: number, lat: number): XY {
  return fromWgs84('EPSG:5186', lon, lat);
}
