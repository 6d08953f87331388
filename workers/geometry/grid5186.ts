// The local metric frame every analysis works in: EPSG:5186 (Korea 2000 / Central Belt 2010)
// x east / y north in metres plus orthometric (EGM96) height, the frame of the city build's
// surface model (tiles/raster/writeSurfaceTiles.ts). common/crs.ts is the pipeline's (Node-side) CRS module;
// this one is the small path the workers need, ECEF -> geodetic -> 5186, and runs in a browser
// worker too (proj4 is plain JS). test/unit/geometry checks it against common/crs.ts and cs2cs.
import proj4 from 'proj4';

const WGS84_A = 6378137.0;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);
const WGS84_B = WGS84_A * (1 - WGS84_F);
const EP2 = (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
const RAD = 180 / Math.PI;

/** The same definition as common/crs.ts CRS_DEFS['EPSG:5186']. */
export const EPSG_5186 = '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const toGrid = proj4('+proj=longlat +datum=WGS84 +no_defs', EPSG_5186);

/**
 * ECEF metres -> geodetic [lon, lat (degrees), h above the ellipsoid (m)], written into `out`.
 * Bowring's formula with one refinement: far below a millimetre at city heights.
 */
export function ecefToGeodetic(x: number, y: number, z: number, out: Float64Array | number[]): void {
  const p = Math.hypot(x, y);
  const lon = Math.atan2(y, x);
  let theta = Math.atan2(z * WGS84_A, p * WGS84_B);
  let lat = Math.atan2(z + EP2 * WGS84_B * Math.sin(theta) ** 3, p - WGS84_E2 * WGS84_A * Math.cos(theta) ** 3);
  // Second pass from the reduced latitude of the first estimate.
  theta = Math.atan2((1 - WGS84_F) * Math.sin(lat), Math.cos(lat));
  lat = Math.atan2(z + EP2 * WGS84_B * Math.sin(theta) ** 3, p - WGS84_E2 * WGS84_A * Math.cos(theta) ** 3);
  const sinLat = Math.sin(lat);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  const cosLat = Math.cos(lat);
  // Height from the larger of the two components keeps precision near the poles and equator.
  const h = Math.abs(cosLat) > 1e-3 ? p / cosLat - n : Math.abs(z) / Math.abs(sinLat) - n * (1 - WGS84_E2);
  out[0] = lon * RAD;
  out[1] = lat * RAD;
  out[2] = h;
}

/** WGS84 lon/lat (degrees) -> EPSG:5186 [x, y]. */
export function lonLatTo5186(lon: number, lat: number): [number, number] {
  const [x, y] = toGrid.forward([lon, lat]);
  return [x, y];
}

/** EPSG:5186 [x, y] -> WGS84 [lon, lat] (degrees). */
export function grid5186ToLonLat(x: number, y: number): [number, number] {
  const [lon, lat] = toGrid.inverse([x, y]);
  return [lon, lat];
}
