// Where a tour stop's view ray (camera heading and pitch) meets flat ground at `groundM` metres:
// the tour tests check that each stop looks at what its caption names (flat-earth approximation,
// fine over the few hundred metres a tour camera looks ahead).
import type { TourCamera } from '../../common/tourFormat.js';

export function cameraGroundHit(camera: TourCamera, groundM: number): { lon: number; lat: number } {
  const reach = (camera.height - groundM) / Math.tan((-camera.pitch * Math.PI) / 180);
  const h = (camera.heading * Math.PI) / 180;
  return {
    lon: camera.lon + (reach * Math.sin(h)) / (111_320 * Math.cos((camera.lat * Math.PI) / 180)),
    lat: camera.lat + (reach * Math.cos(h)) / 110_574,
  };
}

/** Horizontal distance (m) from the camera to where its view ray meets ground at `groundM`. */
export function cameraReach(camera: TourCamera, groundM: number): number {
  return (camera.height - groundM) / Math.tan((-camera.pitch * Math.PI) / 180);
}
