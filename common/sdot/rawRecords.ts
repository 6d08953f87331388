// Raw S-DoT records (the 2-minute ALLDATA_*.csv form): one record per line, columns in the order
// of the field dictionary (fieldDictionary.ts), optionally a header naming them, optionally a
// trailing 등록 일시 (registration time). Stored values are decoded as the dictionary says;
// a stored value outside the dictionary's representable range is flagged, not decoded.
import { csvLines, splitCsvLine } from './csvFields.js';
import { decodeStored, RAW_FIELDS } from './fieldDictionary.js';
import { numberOrNull, parseSdotTime, type ParseResult, type ReadingFlag, type SdotReading } from './sdotReading.js';
import { putValue } from './validateReading.js';

export const RAW_SOURCE = 'raw-record';

const SERIAL = RAW_FIELDS.findIndex((f) => f.name === '시리얼');
const TIME = RAW_FIELDS.findIndex((f) => f.name === '측정시간');

/** Decodes one record given as its fields in dictionary order. */
export function decodeRawRecord(fields: string[], at: string): { reading: SdotReading } | { rejected: string; serial: string | null } {
  const serial = (fields[SERIAL] ?? '').trim();
  if (fields.length < RAW_FIELDS.length) {
    return { rejected: `${fields.length} fields, the dictionary has ${RAW_FIELDS.length} (truncated record)`, serial: serial || null };
  }
  if (!serial) return { rejected: 'no serial (시리얼)', serial: null };
  const time = parseSdotTime(fields[TIME] ?? '');
  if (!time) return { rejected: `측정시간 "${fields[TIME]}" is not yyyymmddhhmi`, serial };
  const values: SdotReading['values'] = {};
  const flags: ReadingFlag[] = [];
  RAW_FIELDS.forEach((field, i) => {
    if (!field.quantity) return;
    const stored = numberOrNull(fields[i]);
    if (stored === null) {
      flags.push({ quantity: field.quantity, reason: `${field.quantity}: missing (${field.name} empty at ${at})` });
      return;
    }
    const e = field.encoding;
    if (e && (stored < e.storedMin || stored > e.storedMax)) {
      flags.push({
        quantity: field.quantity,
        reason: `${field.quantity}: stored ${stored} is outside the dictionary range ${e.storedMin}–${e.storedMax} of ${field.name}`,
      });
      return;
    }
    putValue(values, flags, field.quantity, e ? decodeStored(e, stored) : stored);
  });
  return { reading: { serial, time, values, flags, source: RAW_SOURCE } };
}

export function parseRawRecords(text: string, fileName = 'raw records'): ParseResult {
  const result: ParseResult = { readings: [], rejected: [] };
  for (const { line, text: row } of csvLines(text)) {
    const fields = splitCsvLine(row).map((f) => f.trim());
    if (fields[0] === RAW_FIELDS[0].name) continue; // header
    const at = `${fileName}:${line}`;
    const decoded = decodeRawRecord(fields, at);
    if ('reading' in decoded) result.readings.push(decoded.reading);
    else result.rejected.push({ source: RAW_SOURCE, at, serial: decoded.serial, reason: decoded.rejected });
  }
  return result;
}
