// Replay input recognised from its content (pure, so the page can read a file the user picks):
// the hourly CSV form (header "serial,date,hour,…"), raw dictionary-order records, or a saved
// Open API JSON answer.
import { parseHourlyCsv } from './hourlyCsv.js';
import { parseRawRecords } from './rawRecords.js';
import { parseSeoulApiPage } from './seoulOpenApi.js';
import type { ParseResult } from './sdotReading.js';

export type ReplayFormat = 'hourly-csv' | 'raw-record' | 'seoul-api-json';

export function detectReplayFormat(text: string): ReplayFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'seoul-api-json';
  const first = head.split(/\r?\n/, 1)[0].toLowerCase();
  if (/^"?serial"?,\s*"?date"?,\s*"?hour"?/.test(first)) return 'hourly-csv';
  return 'raw-record';
}

export function parseReplayText(text: string, name: string): ParseResult & { format: ReplayFormat } {
  const format = detectReplayFormat(text);
  if (format === 'hourly-csv') return { format, ...parseHourlyCsv(text, name) };
  if (format === 'raw-record') return { format, ...parseRawRecords(text, name) };
  try {
    const page = parseSeoulApiPage(text);
    if (page.kind === 'rows') return { format, readings: page.readings, rejected: page.rejected };
    return { format, readings: [], rejected: [{ source: 'seoul-api', at: name, serial: null, reason: `saved answer is ${page.code}: ${page.message}` }] };
  } catch (err) {
    return { format, readings: [], rejected: [{ source: 'seoul-api', at: name, serial: null, reason: (err as Error).message }] };
  }
}
