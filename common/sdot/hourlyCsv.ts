// The hourly CSV form of S-DoT data (already decoded hourly means, one row per sensor and hour),
// as in ../shared/data/sdot/sdot_sample_V02Q1940043_20200501_hourly.csv: serial, date, hour,
// pm25_ugm3, pm10_ugm3, temp_c, rh_pct, wind_dir_deg, wind_speed_ms, gust_dir_deg, gust_speed_ms,
// illuminance_lux, uv_index, noise_db, vib_*, globe_temp_c, pm10/pm25_corrected_ugm3.
import { csvLines, splitCsvLine } from './csvFields.js';
import type { SdotQuantity } from './sdotQuantities.js';
import { numberOrNull, seoulIso, type ParseResult, type ReadingFlag, type SdotReading } from './sdotReading.js';
import { putValue } from './validateReading.js';

export const HOURLY_SOURCE = 'hourly-csv';

const COLUMNS: Array<[string, SdotQuantity]> = [
  ['pm25_ugm3', 'pm25'],
  ['pm10_ugm3', 'pm10'],
  ['temp_c', 'temperature'],
  ['rh_pct', 'humidity'],
  ['noise_db', 'noise'],
  ['illuminance_lux', 'illuminance'],
  ['uv_index', 'uv'],
];

export function parseHourlyCsv(text: string, fileName = 'hourly csv'): ParseResult {
  const result: ParseResult = { readings: [], rejected: [] };
  const lines = csvLines(text);
  if (lines.length === 0) return result;
  const header = splitCsvLine(lines[0].text).map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  for (const required of ['serial', 'date', 'hour']) {
    if (col(required) < 0) {
      result.rejected.push({ source: HOURLY_SOURCE, at: `${fileName}:1`, serial: null, reason: `no "${required}" column: not the hourly S-DoT form` });
      return result;
    }
  }
  for (const { line, text: row } of lines.slice(1)) {
    const f = splitCsvLine(row).map((s) => s.trim());
    const at = `${fileName}:${line}`;
    const serial = f[col('serial')] ?? '';
    if (f.length < header.length) {
      result.rejected.push({ source: HOURLY_SOURCE, at, serial: serial || null, reason: `${f.length} of ${header.length} columns (truncated row)` });
      continue;
    }
    if (!serial) {
      result.rejected.push({ source: HOURLY_SOURCE, at, serial: null, reason: 'no serial' });
      continue;
    }
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(f[col('date')]);
    const hour = numberOrNull(f[col('hour')]);
    const time = d && hour !== null ? seoulIso(+d[1], +d[2], +d[3], hour) : null;
    if (!time) {
      result.rejected.push({ source: HOURLY_SOURCE, at, serial, reason: `date "${f[col('date')]}" hour "${f[col('hour')]}" is not a valid hour` });
      continue;
    }
    const values: SdotReading['values'] = {};
    const flags: ReadingFlag[] = [];
    for (const [name, quantity] of COLUMNS) if (col(name) >= 0) putValue(values, flags, quantity, numberOrNull(f[col(name)]));
    // Wind: a unit without an anemometer reports every wind field as exactly 0 (as the real sample
    // does). A calm hour still has some gust; all-zero is "not measured", not "calm".
    const wind = ['wind_dir_deg', 'wind_speed_ms', 'gust_dir_deg', 'gust_speed_ms'].map((n) => (col(n) >= 0 ? numberOrNull(f[col(n)]) : null));
    if (wind.every((v) => v === 0)) {
      flags.push({ quantity: 'windSpeed', reason: 'windSpeed: every wind field is 0 (anemometer absent or not reporting)' });
    } else {
      putValue(values, flags, 'windSpeed', wind[1]);
      putValue(values, flags, 'windDirection', wind[0]);
    }
    result.readings.push({ serial, time, values, flags, source: HOURLY_SOURCE });
  }
  return result;
}
