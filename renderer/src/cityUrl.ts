// URLs of files in the city build. The build's time rides along as a version: tiles and layers are
// cached for a day, and Cesium carries the query on to every tile and terrain request, so a
// rebuilt city is never mixed with stale cached files.
import type { CityManifest } from '../../common/buildFormat.js';

/** `path` may hold {z}/{x}/{y}-style placeholders (tile URL templates); they are kept as they are. */
export function cityFileUrl(cityBaseUrl: string, manifest: CityManifest, path: string): string {
  const url = new URL(path, cityBaseUrl);
  url.searchParams.set('v', manifest.builtAt);
  return url.href.replace(/%7B(\w+)%7D/g, '{$1}');
}
