// `?view=west,south,east,north` (degrees) opens the app looking straight down on that area
// instead of the start view: links to a place, kiosks showing a district, tests of far views.
// `?camera=lon,lat,height,heading,pitch` opens it at one camera (degrees; height in metres above
// the WGS84 ellipsoid, as in the tour files): street-level views, benchmarks of a fixed view.
import { Cartesian3, Math as CesiumMath, Rectangle, type CesiumWidget } from 'cesium';

function numbers(name: string, raw: string, count: number): number[] | null {
  const v = raw.split(',').map(Number);
  if (v.length === count && v.every(Number.isFinite)) return v;
  console.warn(`?${name}=${raw} ignored: expected ${count} numbers`);
  return null;
}

export function applyUrlView(viewer: CesiumWidget, search = location.search): boolean {
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
  viewer.camera.setView({ destination: Rectangle.fromDegrees(v[0], v[1], v[2], v[3]) });
  return true;
}
