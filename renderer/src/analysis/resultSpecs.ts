// What the precomputed result layers (resultLayers.ts) compute: the areas, the declared analyses
// (common/analyses) with their day and river rise, and the small pure rules around them. DOM- and
// Cesium-free, so unit tests check the tour file against the same definitions the app uses.
import { ANALYSES, parametersOf, type AnalysisEntryOf } from '../../../common/analyses/analyses.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { RIGHT_TO_LIGHT_RULES } from '../../../workers/sun/rightToLight.js';
import { winterSolsticeKst } from '../../../workers/sun/sunPosition.js';

export const SUN_RESULT_LAYER_ID = 'sun-result';
export const FLOOD_RESULT_LAYER_ID = 'flood-result';

/**
 * Ground sunlight hours around Seoul City Hall, Seoul Plaza and the head of Cheonggyecheon, on the
 * winter solstice, 08:00-16:00 KST: the day and window of the Korean right-to-light rule (and the
 * Sun tab's defaults), the day when shadows matter most. Clipped to the Cheonggyecheon surface model.
 */
export const SUN_RESULT = {
  area: { west: 126.973, south: 37.5652, east: 126.9845, north: 37.574 } satisfies ScenarioArea,
  startMinute: RIGHT_TO_LIGHT_RULES.total.fromMinute,
  endMinute: RIGHT_TO_LIGHT_RULES.total.toMinute,
  stepMinutes: 10,
} as const;

/**
 * River flooding along the Hongjecheon through Yeonhui-dong: the declared riverFill (the Flood tab's
 * connected fill, equal to GRASS r.lake) from the build's water layers at the stream's lowest
 * surface in the area plus `riseM`. Chosen over a rain simulation because the fill takes well under a second,
 * while an hour of rain over this area takes minutes on a kiosk PC (README, flood benchmark).
 */
export const FLOOD_RESULT = {
  area: { west: 126.93, south: 37.5752, east: 126.9445, north: 37.5858 } satisfies ScenarioArea,
  riseM: 3,
} as const;

/** The KST date the sun result is computed for: this year's winter solstice. */
export function sunResultDate(now: Date): string {
  // The KST year: on 31 December after 15:00 UTC it is already the next year in Seoul.
  return winterSolsticeKst(new Date(now.getTime() + 9 * 3600_000).getUTCFullYear());
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The sun result as a declared analysis: ground sunlight on `date` over the window. */
export function sunResultAnalysis(date: string): AnalysisEntryOf<'sunHours'> {
  return { type: 'sunHours', date, start: hhmm(SUN_RESULT.startMinute), end: hhmm(SUN_RESULT.endMinute), stepMinutes: SUN_RESULT.stepMinutes };
}

/** Hours at the top of the sun result's colour ramp: the declaration's rampScale for its window. */
export function sunResultMaxHours(): number {
  const hours = ANALYSES.sunHours.outputs.hours;
  return hours.kind === 'raster' && hours.rampScale ? hours.rampScale(parametersOf(sunResultAnalysis(sunResultDate(new Date())))) : 1;
}

/** The flood result as a declared analysis: the river filled `riseM` above its bed. */
export const FLOOD_RESULT_ANALYSIS: AnalysisEntryOf<'riverFill'> = { type: 'riverFill', rise: FLOOD_RESULT.riseM };

/** Metres (east, north) of a lon/lat point from another, flat approximation (fine at city scale). */
function offsetMetres(from: { lon: number; lat: number }, to: { lon: number; lat: number }): [number, number] {
  const k = Math.cos((((from.lat + to.lat) / 2) * Math.PI) / 180);
  return [(to.lon - from.lon) * 111_320 * k, (to.lat - from.lat) * 110_574];
}

/** True when a lon/lat point lies inside an area, `insetM` metres away from its edges. */
export function insideArea(area: ScenarioArea, p: { lon: number; lat: number }, insetM = 0): boolean {
  const [fromWest, fromSouth] = offsetMetres({ lon: area.west, lat: area.south }, p);
  const [fromEast, fromNorth] = offsetMetres(p, { lon: area.east, lat: area.north });
  return Math.min(fromWest, fromSouth, fromEast, fromNorth) >= insetM;
}
