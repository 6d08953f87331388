// Any window of the tiled surface model as a GeoTIFF for people and GIS (EPSG:5186, Float32,
// noData -9999): what `npm run surface` writes and what the page can offer for download. Kept apart
// from cityData.ts because geotiff's writer cannot load in Node worker threads.
import { gridToGeoTiff } from '../grid/rasterGeoTiff.js';
import type { CityData } from './cityData.js';
import type { Bounds5186, SurfaceWindow } from './surfaceWindow.js';

/** The window of `area` + `marginM` and its GeoTIFF bytes. */
export async function surfaceWindowGeoTiff(city: CityData, area: Bounds5186, marginM = 0): Promise<{ window: SurfaceWindow; tiff: Uint8Array }> {
  const window = await city.surfaceWindow(area, marginM);
  return { window, tiff: new Uint8Array(gridToGeoTiff(window.grid)) };
}
