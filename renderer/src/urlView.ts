// `?view=west,south,east,north` (degrees) opens the app looking straight down on that area
// instead of the start view: links to a place, kiosks showing a district, tests of far views.
import { Rectangle, type CesiumWidget } from 'cesium';

export function applyUrlView(viewer: CesiumWidget, search = location.search): boolean {
  const raw = new URLSearchParams(search).get('view');
  if (!raw) return false;
  const v = raw.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || v[0] >= v[2] || v[1] >= v[3] || v[1] < -90 || v[3] > 90) {
    console.warn(`?view=${raw} ignored: expected west,south,east,north in degrees`);
    return false;
  }
  viewer.camera.setView({ destination: Rectangle.fromDegrees(v[0], v[1], v[2], v[3]) });
  return true;
}
