// The surface-model window an analysis of an area runs on, shared by the app and the scenario
// runner: the area plus a margin (AREA_MARGIN_M, declared in common/analyses) so that buildings
// just outside still cast their shadows in and block views. workers/data/surfaceWindow.ts cuts it.
import { fromWgs84 } from '../../common/crs.js';

export { AREA_MARGIN_M } from '../../common/analyses/analysisSpec.js';

export interface LonLatArea {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** EPSG:5186 bounds of a lon/lat rectangle (its four corners projected). */
export function areaBounds5186(a: LonLatArea): { minX: number; minY: number; maxX: number; maxY: number } {
  const corners = [
    fromWgs84('EPSG:5186', a.west, a.south),
    fromWgs84('EPSG:5186', a.east, a.south),
    fromWgs84('EPSG:5186', a.east, a.north),
    fromWgs84('EPSG:5186', a.west, a.north),
  ];
  return {
    minX: Math.min(...corners.map((c) => c[0])),
    maxX: Math.max(...corners.map((c) => c[0])),
    minY: Math.min(...corners.map((c) => c[1])),
    maxY: Math.max(...corners.map((c) => c[1])),
  };
}
