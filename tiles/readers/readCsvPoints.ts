// CSV point files (fire facilities, sensor sites): parsed with csv-parse, one row per point.
// Every row that cannot become a point is reported (file, row id, problem, action) and left
// out; nothing is dropped silently. Broken CSV syntax (an unclosed quote, a stray quote) skips
// that record only, with its line number.
import { parse } from 'csv-parse/sync';
import type { BuildIssue } from '../model/cityModel.js';

export interface CsvPointSpec {
  /** Relative file name used in issue lines. */
  file: string;
  latColumn: string;
  lonColumn: string;
  /** Column with a unique id per row; duplicates after the first are reported and skipped. */
  idColumn?: string;
  /** Columns that must exist in the header. */
  requiredColumns: string[];
  /** Accepted lon/lat box [west, south, east, north]; outside is reported as a bad coordinate. */
  bounds: [number, number, number, number];
}

export interface CsvPoint {
  lon: number;
  lat: number;
  /** 1-based line number in the file. */
  line: number;
  values: Record<string, string>;
}

export interface CsvPointsResult {
  points: CsvPoint[];
  columns: string[];
  issues: BuildIssue[];
  rowsRead: number;
}

/** Seoul with a margin of ~10 km: rows outside are bad coordinates for these layers. */
export const SEOUL_BOUNDS: [number, number, number, number] = [126.65, 37.35, 127.3, 37.8];

export function readCsvPoints(text: string, spec: CsvPointSpec): CsvPointsResult {
  const issues: BuildIssue[] = [];
  const issue = (featureId: string, problem: string, action: BuildIssue['action'] = 'skipped') => issues.push({ file: spec.file, featureId, problem, action });
  // Records as arrays (not objects) so rows with too many or too few fields are seen and reported.
  let records: Array<{ info: { lines: number }; record: string[] }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        issue(err?.lines !== undefined ? `line ${err.lines}` : 'row', `broken CSV record: ${err?.message ?? 'unparseable'}`);
        return undefined;
      },
    }) as unknown as typeof records;
  } catch (err) {
    issue('*', `cannot parse CSV: ${(err as Error).message}`, 'file-skipped');
    return { points: [], columns: [], issues, rowsRead: 0 };
  }
  const columns = (records.shift()?.record ?? []).map((h) => h.trim());
  const missing = spec.requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length) {
    issue('*', `missing column(s) ${missing.join(', ')} (header: ${columns.join(', ') || 'none'})`, 'file-skipped');
    return { points: [], columns, issues, rowsRead: records.length };
  }
  const seen = new Set<string>();
  const points: CsvPoint[] = [];
  const [w, s, e, n] = spec.bounds;
  for (const { info, record: fields } of records) {
    const line = info.lines;
    const record: Record<string, string> = {};
    columns.forEach((c, i) => (record[c] = fields[i] ?? ''));
    const id = spec.idColumn ? (record[spec.idColumn] ?? '').trim() : '';
    const label = id ? `${id} (line ${line})` : `line ${line}`;
    const fieldCount = fields.length;
    if (fieldCount !== columns.length) {
      issue(label, `row has ${fieldCount} field(s), the header ${columns.length}`);
      continue;
    }
    const latText = (record[spec.latColumn] ?? '').trim();
    const lonText = (record[spec.lonColumn] ?? '').trim();
    const lat = latText === '' ? NaN : Number(latText);
    const lon = lonText === '' ? NaN : Number(lonText);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
      issue(label, `bad coordinate lat="${latText}" lon="${lonText}"`);
      continue;
    }
    if (lon < w || lon > e || lat < s || lat > n) {
      const swapped = lat >= w && lat <= e && lon >= s && lon <= n;
      issue(label, `coordinate ${lon}, ${lat} outside Seoul${swapped ? ' (lat and lon look swapped)' : ''}`);
      continue;
    }
    if (spec.idColumn) {
      if (!id) {
        issue(label, `empty ${spec.idColumn}`);
        continue;
      }
      if (seen.has(id)) {
        issue(label, `duplicate ${spec.idColumn} ${id}; the first row is kept`);
        continue;
      }
      seen.add(id);
    }
    const values: Record<string, string> = {};
    for (const c of columns) values[c] = (record[c] ?? '').trim();
    points.push({ lon, lat, line, values });
  }
  return { points, columns, issues, rowsRead: records.length };
}
