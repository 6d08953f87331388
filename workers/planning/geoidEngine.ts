// Geoid undulations for drawing engine results in Cesium: engines work in orthometric heights (the
// surface model's datum), Cesium draws ellipsoidal ones (ellipsoidal = orthometric + N). A worker
// engine, so the 2.7 MB EGM96 grid stays out of the page's bundle.
import { geoidUndulation } from '../geometry/geoid.js';

/** EGM96 undulation N (metres) at each lon, lat pair. */
export function geoidHeights(input: { lonLat: number[] }): Float64Array {
  const out = new Float64Array(input.lonLat.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = geoidUndulation(input.lonLat[2 * i], input.lonLat[2 * i + 1]);
  return out;
}
