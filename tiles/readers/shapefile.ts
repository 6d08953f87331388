// Korean building shapefiles: geometry from .shp, attributes from .dbf decoded as the .cpg says
// (Korean GIS layers are CP949 and often ship without a .cpg, so CP949 is the default; WHATWG's
// 'euc-kr' decoder is Windows-949, i.e. full CP949), CRS from the .prj or the sources config.
import { readFile } from 'node:fs/promises';
import * as shapefile from 'shapefile';
import { detectCrsFromPrj, normalizeEpsg, toWgs84 } from '../../common/crs.js';
import type { BuildIssue } from '../model/cityModel.js';
import { mapAttributes } from './attributes.js';
import { readDbfTable, type DbfValue } from './dbf.js';
import { fileFailure } from './readJsonFile.js';
import { hasReplacementChar, suggestEncoding } from './textRepair.js';
import type { FieldMap, RawFeature, RawPolygon, ReadOptions, ReadResult } from './types.js';

/** An ESRI .shp starts with a 100-byte header (file code, length, shape type, bounding box). */
const SHP_HEADER_BYTES = 100;

/** Maps a .cpg / configured encoding name to a TextDecoder label; null if Node cannot decode it. */
export function decoderLabel(name: string): string | null {
  const n = name.trim();
  if (/^(cp|ms|windows-?)?949$|^euc-?kr$|^ks_?c_?5601|^uhc$|ansi 949/i.test(n)) return 'euc-kr';
  if (/^utf-?8$|^65001$/i.test(n)) return 'utf-8';
  try {
    return new TextDecoder(n).encoding;
  } catch {
    return null;
  }
}

/** Reads `<base>.<ext>`, also trying the upper-case extension (common in Korean GIS deliveries). */
async function readOptional(path: string): Promise<Buffer | null> {
  const dot = path.lastIndexOf('.');
  for (const candidate of [path, path.slice(0, dot) + path.slice(dot).toUpperCase()]) {
    try {
      return await readFile(candidate);
    } catch {
      // try the next spelling
    }
  }
  return null;
}

/** `path` is the .shp; its .dbf, .prj and .cpg siblings are looked up by the same base name. */
export async function readShapefileBuildings(path: string, opts: ReadOptions): Promise<ReadResult> {
  const file = opts.displayName;
  const base = path.replace(/\.shp$/i, '');
  const issues: BuildIssue[] = [];
  const shp = await readOptional(`${base}.shp`);
  if (!shp) return fileFailure(file, 'cannot read the .shp file');
  if (shp.byteLength < SHP_HEADER_BYTES) {
    return fileFailure(file, `the .shp is ${shp.byteLength} bytes, shorter than its ${SHP_HEADER_BYTES}-byte header: empty or cut off, no shapes read`);
  }
  const dbf = await readOptional(`${base}.dbf`);
  if (!dbf) return fileFailure(file, 'no .dbf beside the .shp: attributes (height, floors) unavailable');

  const prj = await readOptional(`${base}.prj`);
  let crs: string | null = prj ? detectCrsFromPrj(prj.toString('utf8')) : null;
  if (opts.crs) {
    const configured = normalizeEpsg(opts.crs);
    if (crs && crs !== configured) {
      issues.push({ file, featureId: '*', problem: `.prj says ${crs} but the sources config says ${configured}; using the config`, action: 'note' });
    }
    crs = configured;
  }
  if (!crs) {
    return fileFailure(
      file,
      prj
        ? 'unknown CRS in .prj (not EPSG:4326/5174/5179/5181/5185/5186/5187); set crs in the sources config'
        : 'unknown CRS: no .prj file; set crs in the sources config',
    );
  }

  const cpg = await readOptional(`${base}.cpg`);
  let encoding = 'euc-kr';
  const wanted = cpg ? cpg.toString('latin1').trim() : opts.encoding;
  const encodingFrom = cpg ? `the .cpg says ${wanted}` : opts.encoding ? `the sources config says ${wanted}` : 'CP949 is the default';
  if (wanted) {
    const label = decoderLabel(wanted);
    if (label) encoding = label;
    else issues.push({ file, featureId: '*', problem: `unknown text encoding "${wanted}", decoding as CP949`, action: 'note' });
  }

  const features: RawFeature[] = [];
  let index = 0;
  let records: Array<Record<string, DbfValue>>;
  try {
    // Geometry from the `shapefile` package, attributes from dbf.ts (the same values, decoded natively).
    const table = readDbfTable(new Uint8Array(dbf.buffer, dbf.byteOffset, dbf.byteLength), encoding);
    records = table.records;
    if (table.headerRecordCount !== records.length) {
      issues.push({
        file,
        featureId: '*',
        problem: `the .dbf header states ${table.headerRecordCount} record(s) but the file holds ${records.length} (cut off or padded?)`,
        action: 'note',
      });
    }
    const misread = suggestEncoding(table.recordBytes, encoding);
    if (misread) issues.push(encodingIssue(file, records, misread, encodingFrom, opts.fields));
    const source = await shapefile.openShp(new Uint8Array(shp));
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      const props: Record<string, unknown> = records[index] ?? {};
      index++;
      const attrs = mapAttributes(props, opts.fields);
      const featureId = attrs.id ?? String(index);
      const geom = value as { type: string; coordinates: unknown } | null;
      if (!geom) {
        issues.push({ file, featureId, problem: 'null shape', action: 'skipped' });
        continue;
      }
      let polygons: RawPolygon[];
      if (geom.type === 'Polygon') polygons = [project(geom.coordinates as number[][][], crs)];
      else if (geom.type === 'MultiPolygon') polygons = (geom.coordinates as number[][][][]).map((p) => project(p, crs));
      else {
        issues.push({ file, featureId, problem: `shape type ${geom.type} is not a footprint`, action: 'skipped' });
        continue;
      }
      const { id: _id, ...attributes } = attrs;
      features.push({ file, sourceId: featureId, idPrefix: `shp:${file}`, polygons, attributes });
    }
  } catch (err) {
    issues.push({
      file,
      featureId: index ? `record ${index + 1}` : '*',
      problem: `broken shapefile (${(err as Error).message}); kept ${features.length} record(s) read before the error`,
      action: 'file-skipped',
    });
    return { features, issues };
  }
  if (index === 0) {
    issues.push({ file, featureId: '*', problem: 'the .shp holds no shapes (a header only): no buildings in this file', action: 'file-skipped' });
    return { features, issues };
  }
  if (records.length !== index) {
    const problem =
      records.length < index
        ? `the .dbf has ${records.length} record(s) for ${index} shape(s) in the .shp: shapes ${records.length + 1} to ${index} have no attributes (heights and floors defaulted)`
        : `the .dbf has ${records.length} record(s) for ${index} shape(s) in the .shp: the last ${records.length - index} record(s) have no shape and were left out`;
    issues.push({ file, featureId: '*', problem, action: 'note' });
  }
  return { features, issues };
}

/**
 * One line for text read in the wrong encoding: which records, which encoding fits, how to say so.
 * A .cpg wins over the sources config, so a wrong .cpg must be fixed (or removed) in the data.
 */
function encodingIssue(
  file: string,
  records: Array<Record<string, DbfValue>>,
  fits: 'UTF-8' | 'CP949',
  encodingFrom: string,
  fields: FieldMap | undefined,
): BuildIssue {
  const affected = records.flatMap((r, k) => (Object.values(r).some((v) => typeof v === 'string' && /[\u0080-\uffff]/.test(v)) ? [k] : []));
  const first = affected.length ? records[affected[0]] : null;
  const featureId = first ? (mapAttributes(first, fields).id ?? String(affected[0] + 1)) : '*';
  const garbled = affected.filter((k) => Object.values(records[k]).some((v) => typeof v === 'string' && hasReplacementChar(v))).length;
  const fix = encodingFrom.startsWith('the .cpg')
    ? `write ${fits} into the .cpg`
    : `set "encoding": "${fits.toLowerCase()}" for this source in the sources config`;
  return {
    file,
    featureId,
    problem: `the .dbf text is not in the encoding it was read as (${encodingFrom}) but in ${fits}: ${affected.length} record(s) with garbled text${garbled ? ` (${garbled} with U+FFFD replacement characters)` : ''}; ${fix}; kept as read`,
    action: 'note',
  };
}

function project(rings: number[][][], crs: string): RawPolygon {
  if (crs === 'EPSG:4326') return rings;
  return rings.map((ring) => ring.map(([x, y]) => (Number.isFinite(x) && Number.isFinite(y) ? toWgs84(crs, x, y) : [NaN, NaN])));
}
