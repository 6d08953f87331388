// The S-DoT sensor sites (sdot_sensor_locations_2020.csv: 시리얼, 위도, 경도).
import { csvLines, splitCsvLine } from './csvFields.js';
import { numberOrNull } from './sdotReading.js';

export interface SensorSite {
  serial: string;
  lon: number;
  lat: number;
}

export interface SitesResult {
  sites: SensorSite[];
  /** One line per row that was skipped: file:line, serial, problem. */
  problems: string[];
}

/** Seoul's extent with a margin; a site outside is a coordinate error (swapped, zero). */
const SEOUL_BBOX = [126.7, 37.4, 127.3, 37.75] as const;

export function parseSensorSites(text: string, fileName = 'sensor locations'): SitesResult {
  const lines = csvLines(text);
  const out: SitesResult = { sites: [], problems: [] };
  if (lines.length === 0) return out;
  const header = splitCsvLine(lines[0].text).map((h) => h.trim());
  const iSerial = header.indexOf('시리얼');
  const iLat = header.indexOf('위도');
  const iLon = header.indexOf('경도');
  if (iSerial < 0 || iLat < 0 || iLon < 0) {
    out.problems.push(`${fileName}:1: header must name 시리얼, 위도, 경도; found ${header.join(', ')}; file skipped`);
    return out;
  }
  const seen = new Set<string>();
  for (const { line, text: row } of lines.slice(1)) {
    const f = splitCsvLine(row).map((s) => s.trim());
    const serial = f[iSerial] ?? '';
    const lat = numberOrNull(f[iLat]);
    const lon = numberOrNull(f[iLon]);
    const where = `${fileName}:${line}`;
    if (!serial) out.problems.push(`${where}: no serial; row skipped`);
    else if (lat === null || lon === null) out.problems.push(`${where}: ${serial}: missing coordinates; row skipped`);
    else if (lon < SEOUL_BBOX[0] || lat < SEOUL_BBOX[1] || lon > SEOUL_BBOX[2] || lat > SEOUL_BBOX[3])
      out.problems.push(`${where}: ${serial}: ${lat}, ${lon} is outside Seoul; row skipped`);
    else if (seen.has(serial)) out.problems.push(`${where}: ${serial}: duplicate serial; later row skipped`);
    else {
      seen.add(serial);
      out.sites.push({ serial, lon, lat });
    }
  }
  return out;
}
