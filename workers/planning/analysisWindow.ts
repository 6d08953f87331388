// The surface-model window an analysis of an area runs on, shared by the app and the scenario
// runner: the DSM holding the area's centre, cut to the area plus a margin so that buildings just
// outside still cast their shadows in and block views.
import { fromWgs84 } from '../../common/crs.js';

/**
 * Metres of surface model kept around the area: a 60 m building's winter-solstice shadow at
 * 09:00 KST (sun about 10° high) is ~340 m long. Beyond this nothing obstructs (groundSunHours.ts).
 */
export const AREA_MARGIN_M = 400;

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
