// Seoul Open Data Plaza (열린데이터광장) OpenAPI responses for S-DoT environment readings.
//
// Evidence for the format (public code calling the real service, found through the search index):
// - URL  http://openapi.seoul.go.kr:8088/{KEY}/json/IotVdata017/{START}/{END}/ (1-based, inclusive),
//   e.g. a Java client in a heat-island project and several Python collectors.
// - Body { "IotVdata017": { "list_total_count": N, "RESULT": { "CODE", "MESSAGE" }, "row": [ … ] } }
//   (the Java client reads data.getInt("list_total_count") and data.getJSONArray("row")).
// - Row fields, two generations of the service:
//   older: SENSING_TIME, AVG_TEMP / MIN_TEMP / MAX_TEMP, AVG_HUMI, AVG_WIND_SPEED, AVG_ULTRA_RAYS,
//          ADMINISTRATIVE_DISTRICT (a Streamlit app and the Java client, 2023–2024);
//   newer: SN, MSRMT_HR, CGG, DONG, AVG_TP, AVG_HUM, AVG_UV, AVG_NIS (noise), AVG_WSPD, AVG_WD
//          (a collector "verified against the API 2026-04-11"; Seoul's dataset page OA-15969 lists
//          MDL_NO, SN, MSRMT_HR, … AVG_TP, AVG_HUM, AVG_WSPD, AVG_WD, AVG_INILLU).
//   PM fields (AVG_PM10 / AVG_PM25) are NOT confirmed by that evidence (the 2026 collector notes the
//   environment service has none); they are read when present under those names.
// - Errors come as a bare { "RESULT": { "CODE": "INFO-100", "MESSAGE": … } } or inside the service
//   object; INFO-000 = success, INFO-200 = no data, INFO-100 = bad key, ERROR-3xx = request errors,
//   ERROR-500/600/601 = server/database errors (Seoul Open API common result codes).
import type { SdotQuantity } from './sdotQuantities.js';
import { numberOrNull, parseSdotTime, type ParseResult, type ReadingFlag, type SdotReading } from './sdotReading.js';
import { putValue } from './validateReading.js';

export const SEOUL_API_SOURCE = 'seoul-api';
export const DEFAULT_SDOT_SERVICE = 'IotVdata017';
export const DEFAULT_SEOUL_API_BASE = 'http://openapi.seoul.go.kr:8088';

/** Field names per quantity, newest first. */
const ROW_FIELDS: Record<SdotQuantity, string[]> = {
  temperature: ['AVG_TP', 'AVG_TEMP'],
  humidity: ['AVG_HUM', 'AVG_HUMI'],
  noise: ['AVG_NIS', 'AVG_NOISE'],
  windSpeed: ['AVG_WSPD', 'AVG_WIND_SPEED'],
  windDirection: ['AVG_WD', 'AVG_WIND_DIRECT'],
  uv: ['AVG_UV', 'AVG_ULTRA_RAYS'],
  illuminance: ['AVG_INILLU', 'AVG_INTENSITY_ILLUMINATION'],
  pm10: ['AVG_PM10'],
  pm25: ['AVG_PM25'],
};
const SERIAL_FIELDS = ['SN', 'SERIAL_NO', 'SERIAL'];
const TIME_FIELDS = ['MSRMT_HR', 'SENSING_TIME'];

export type SeoulApiPage =
  | { kind: 'rows'; total: number; code: string; readings: SdotReading[]; rejected: ParseResult['rejected']; rowCount: number }
  | { kind: 'no-data'; code: string; message: string }
  | { kind: 'error'; code: string; message: string };

/** Builds the request URL for rows start..end (1-based, inclusive). */
export function seoulApiUrl(base: string, key: string, service: string, start: number, end: number): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(key)}/json/${encodeURIComponent(service)}/${start}/${end}/`;
}

function pick(row: Record<string, unknown>, names: string[]): unknown {
  for (const n of names) if (row[n] !== undefined && row[n] !== null && row[n] !== '') return row[n];
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function rowToReading(row: unknown, at: string): { reading: SdotReading } | { rejected: string; serial: string | null } {
  if (!isObject(row)) return { rejected: 'row is not an object', serial: null };
  const serialRaw = pick(row, SERIAL_FIELDS);
  const serial = typeof serialRaw === 'string' ? serialRaw.trim() : typeof serialRaw === 'number' ? String(serialRaw) : '';
  if (!serial) return { rejected: `no serial (${SERIAL_FIELDS.join('/')})`, serial: null };
  const timeRaw = pick(row, TIME_FIELDS);
  const time = typeof timeRaw === 'string' ? parseSdotTime(timeRaw) : null;
  if (!time) return { rejected: `time ${JSON.stringify(timeRaw ?? null)} (${TIME_FIELDS.join('/')}) is missing or unreadable`, serial };
  const values: SdotReading['values'] = {};
  const flags: ReadingFlag[] = [];
  for (const [quantity, names] of Object.entries(ROW_FIELDS) as Array<[SdotQuantity, string[]]>) {
    const raw = pick(row, names);
    // Absent PM / illuminance fields are normal for this service: only present-but-bad is flagged.
    if (raw === undefined && !['temperature', 'humidity', 'noise'].includes(quantity)) continue;
    putValue(values, flags, quantity, raw === undefined ? null : numberOrNull(raw));
    if (raw !== undefined && numberOrNull(raw) === null) flags[flags.length - 1].reason = `${quantity}: ${JSON.stringify(raw)} is not a number (${at})`;
  }
  return { reading: { serial, time, values, flags, source: SEOUL_API_SOURCE } };
}

/** Parses one response body. Throws on text that is not JSON or not this API's shape (a malformed answer). */
export function parseSeoulApiPage(text: string, service = DEFAULT_SDOT_SERVICE): SeoulApiPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new Error(`response is not JSON (${(err as Error).message}; ${text.length} bytes)`, { cause: err });
  }
  if (!isObject(body)) throw new Error('response is not a JSON object');
  const wrapped = body[service];
  const container = isObject(wrapped) ? wrapped : body;
  const result = container['RESULT'];
  const code = isObject(result) && typeof result['CODE'] === 'string' ? result['CODE'] : '';
  const message = isObject(result) && typeof result['MESSAGE'] === 'string' ? result['MESSAGE'] : '';
  if (code === 'INFO-200') return { kind: 'no-data', code, message };
  if (code && code !== 'INFO-000') return { kind: 'error', code, message };
  if (!isObject(wrapped)) throw new Error(`response has no "${service}" object (keys: ${Object.keys(body).join(', ') || 'none'})`);
  const rows = wrapped['row'];
  const total = wrapped['list_total_count'];
  if (!Array.isArray(rows)) throw new Error(`"${service}.row" is not an array`);
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw new Error(`"${service}.list_total_count" is not a count`);
  const readings: SdotReading[] = [];
  const rejected: ParseResult['rejected'] = [];
  rows.forEach((row, i) => {
    const at = `row ${i + 1}`;
    const r = rowToReading(row, at);
    if ('reading' in r) readings.push(r.reading);
    else rejected.push({ source: SEOUL_API_SOURCE, at, serial: r.serial, reason: r.rejected });
  });
  return { kind: 'rows', total, code: code || 'INFO-000', readings, rejected, rowCount: rows.length };
}
