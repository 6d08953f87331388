// Views straight down on an area: `?view=west,south,east,north` (degrees) opens the app there
// instead of the start view (links to a place, kiosks showing a district, tests of far views), and
// the "All of Seoul" control shows the build's whole city. The area is fitted into the part of the
// map that panels leave uncovered, so nothing of it hides under the side panel or the credits.
// `?camera=lon,lat,height,heading,pitch` opens it at one camera (degrees; height in metres above
// the WGS84 ellipsoid, as in the tour files): street-level views, benchmarks of a fixed view.
import { Cartesian3, Math as CesiumMath, Rectangle, type CesiumWidget } from 'cesium';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/** Canvas pixels covered along the left and bottom edges. */
export interface CoveredEdges {
  left: number;
  bottom: number;
}

const M_PER_DEG = 111_320;
/** Air around the area, so names and lines at its edge stay clear of the panels. */
const MARGIN = 1.04;

/** How far panels docked at the map's left edge and Cesium's credit line cover the canvas. */
export function coveredEdges(viewer: CesiumWidget, leftPanels: HTMLElement[]): CoveredEdges {
  const canvas = viewer.canvas.getBoundingClientRect();
  let left = 0;
  for (const panel of leftPanels) {
    const r = panel.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && r.left < canvas.left + canvas.width / 2) left = Math.max(left, r.right - canvas.left);
  }
  // Cesium's credit line (the widget's creditContainer is the whole widget: ask for the line itself).
  const credits = viewer.container.querySelector('.cesium-widget-credits')?.getBoundingClientRect();
  const bottom = credits && credits.height > 0 ? Math.max(0, canvas.bottom - credits.top) : 0;
  return { left: Math.min(left, canvas.width / 2), bottom: Math.min(bottom, canvas.height / 2) };
}

/** Looks straight down on `box`, fitted into the canvas less the covered edges. */
export function viewArea(viewer: CesiumWidget, [w, s, e, n]: LonLatBox, covered: CoveredEdges = { left: 0, bottom: 0 }): void {
  const width = viewer.canvas.clientWidth || 1,
    height = viewer.canvas.clientHeight || 1;
  const freeWidth = Math.max(1, width - covered.left),
    freeHeight = Math.max(1, height - covered.bottom);
  const lat = (s + n) / 2,
    lon = (w + e) / 2;
  const mPerDegLon = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  // Metres per canvas pixel that fit the box into the free part, then the whole canvas's rectangle
  // at that scale with the box's centre at the free part's centre.
  const scale = MARGIN * Math.max(((e - w) * mPerDegLon) / freeWidth, ((n - s) * M_PER_DEG) / freeHeight);
  const centreLon = lon - ((covered.left + freeWidth / 2 - width / 2) * scale) / mPerDegLon;
  const centreLat = lat - ((height / 2 - freeHeight / 2) * scale) / M_PER_DEG;
  const halfLon = (width / 2) * (scale / mPerDegLon),
    halfLat = (height / 2) * (scale / M_PER_DEG);
  // Cesium fits a rectangle using the camera's current orientation: look straight down first.
  viewer.camera.setView({ orientation: { heading: 0, pitch: -Math.PI / 2, roll: 0 } });
  viewer.camera.setView({ destination: Rectangle.fromDegrees(centreLon - halfLon, centreLat - halfLat, centreLon + halfLon, centreLat + halfLat) });
  viewer.scene.requestRender();
}

function numbers(name: string, raw: string, count: number): number[] | null {
  const v = raw.split(',').map(Number);
  if (v.length === count && v.every(Number.isFinite)) return v;
  console.warn(`?${name}=${raw} ignored: expected ${count} numbers`);
  return null;
}

/** Applies `?camera=` or else `?view=` if the page has a valid one; false otherwise. */
export function applyUrlView(viewer: CesiumWidget, search = location.search, covered?: CoveredEdges): boolean {
  const params = new URLSearchParams(search);
  const camera = params.get('camera');
  if (camera) {
    const c = numbers('camera', camera, 5);
    if (c && Math.abs(c[1]) <= 90 && Math.abs(c[4]) <= 90) {
      viewer.camera.setView({
        destination: Cartesian3.fromDegrees(c[0], c[1], c[2]),
        orientation: { heading: CesiumMath.toRadians(c[3]), pitch: CesiumMath.toRadians(c[4]), roll: 0 },
      });
      return true;
    }
    if (c) console.warn(`?camera=${camera} ignored: expected lon,lat,height,heading,pitch with |lat| and |pitch| <= 90`);
  }
  const raw = params.get('view');
  if (!raw) return false;
  const v = numbers('view', raw, 4);
  if (!v || v[0] >= v[2] || v[1] >= v[3] || v[1] < -90 || v[3] > 90) {
    if (v) console.warn(`?view=${raw} ignored: expected west,south,east,north in degrees`);
    return false;
  }
  viewArea(viewer, v as LonLatBox, covered);
  return true;
}
