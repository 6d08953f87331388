// Limits on what one building of a source may bring into the build, checked for every format after
// reading: text sizes (names go into every tile's property table) and the city's extent (a file of
// another city must not quietly become the build). Each finding is a BuildIssue line.
import { SEOUL_BOUNDS } from '../readers/readCsvPoints.js';
import type { RawFeature } from '../readers/types.js';
import type { BuildIssue, PolygonRings } from './cityModel.js';

/**
 * Characters kept of a name, use, area or id. The longest text in the real sources is 135
 * characters and a .dbf field holds at most 254 bytes; longer text (a 10 MB name) is a defect and
 * would be copied into the tile's property table, the picking panel and the footprints layer.
 */
export const MAX_TEXT_CHARS = 256;

/** Truncates over-long texts of the feature in place; one line per text truncated. */
export function truncateLongTexts(f: RawFeature): BuildIssue[] {
  const issues: BuildIssue[] = [];
  const featureId = f.sourceId.length > MAX_TEXT_CHARS ? f.sourceId.slice(0, MAX_TEXT_CHARS) : f.sourceId;
  const cut = (what: string, text: string): string => {
    issues.push({
      file: f.file,
      featureId,
      problem: `${what} is ${text.length.toLocaleString('en-US')} characters long (at most ${MAX_TEXT_CHARS})`,
      action: 'repaired',
    });
    return text.slice(0, MAX_TEXT_CHARS);
  };
  if (f.sourceId.length > MAX_TEXT_CHARS) f.sourceId = cut('the id', f.sourceId);
  const a = f.attributes;
  if (a.name.length > MAX_TEXT_CHARS) a.name = cut('the name', a.name);
  if (a.use.length > MAX_TEXT_CHARS) a.use = cut('the use', a.use);
  if (a.area !== null && a.area.length > MAX_TEXT_CHARS) a.area = cut('the area', a.area);
  for (const i of issues) i.problem += `: truncated to the first ${MAX_TEXT_CHARS}`;
  return issues;
}

/**
 * The city's extent: Seoul with a margin of about 10 km (the fire layers use the same box). Buildings
 * outside are refused unless their source sets `allowOutsideCity`.
 */
export const CITY_EXTENT = SEOUL_BOUNDS;

/** The first outer-ring position outside CITY_EXTENT, or null when the footprint lies inside. */
export function positionOutsideCity(polygons: PolygonRings[]): [number, number] | null {
  const [west, south, east, north] = CITY_EXTENT;
  for (const poly of polygons) for (const [lon, lat] of poly[0]) if (lon < west || lon > east || lat < south || lat > north) return [lon, lat];
  return null;
}

/** The one line for a file's buildings outside the city: how many, the first one, and what to set to build them. */
export function outsideCityIssue(file: string, count: number, first: { id: string; at: [number, number] }): BuildIssue {
  const [west, south, east, north] = CITY_EXTENT;
  return {
    file,
    featureId: first.id,
    problem: `${count} building(s) lie outside the city's extent (lon ${west} to ${east}, lat ${south} to ${north}), the first at (${first.at[0]}, ${first.at[1]}): refused; set "allowOutsideCity": true for this source in the sources config to build them`,
    action: 'skipped',
  };
}
