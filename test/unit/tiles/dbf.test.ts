// tiles/readers/dbf.ts on a CP949 .dbf that GDAL writes from the real OSM buildings (Korean names,
// integers, decimals, dates): the values GDAL reads from the same file, and the same records as the
// `shapefile` package (the reader the pipeline used before) also with a field turned logical and
// with the file cut off mid-record. The shapefile reader reports a .dbf whose record count differs
// from its header or from the .shp's shapes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as shapefile from 'shapefile';
import { afterAll, describe, expect, it } from 'vitest';
import { readDbfTable } from '../../../tiles/readers/dbf.js';
import { readShapefileBuildings } from '../../../tiles/readers/shapefile.js';
import { DATA_DIR } from '../../support/fireData.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-dbf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LAYER = 'seoul_osm_buildings_cheonggyecheon_hongjecheon';
const SQL = `SELECT osm_id, name, building, height_m, levels, CAST('2026-07-11' AS date) AS surveyed, CAST(levels > 3 AS boolean) AS tall FROM ${LAYER}`;
execFileSync('ogr2ogr', [
  '-f',
  'ESRI Shapefile',
  '-lco',
  'ENCODING=CP949',
  '-sql',
  SQL,
  path.join(dir, 'osm.shp'),
  path.join(DATA_DIR, `buildings/${LAYER}.geojson`),
]);
const dbf = readFileSync(path.join(dir, 'osm.dbf'));

async function packageRecords(bytes: Uint8Array): Promise<Array<Record<string, unknown>>> {
  const file = path.join(dir, `oracle-${Math.random().toString(36).slice(2)}.dbf`);
  writeFileSync(file, bytes);
  const source = await shapefile.openDbf(file, { encoding: 'euc-kr' });
  const out: Array<Record<string, unknown>> = [];
  for (let r = await source.read(); !r.done; r = await source.read()) out.push(r.value as Record<string, unknown>);
  return out;
}

/** GDAL's reading of osm.shp's attributes (ogr2ogr to GeoJSON; the .cpg GDAL wrote says CP949). */
function gdalRecords(): Array<Record<string, unknown>> {
  const out = path.join(dir, 'gdal.geojson');
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', out, path.join(dir, 'osm.shp')]);
  return (JSON.parse(readFileSync(out, 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> }).features.map((f) => f.properties);
}

const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe('dbf records', () => {
  it('hold the values GDAL reads from the same CP949 file', () => {
    const { records, headerRecordCount } = readDbfTable(dbf, 'euc-kr');
    const gdal = gdalRecords();
    expect(records).toHaveLength(gdal.length);
    expect(headerRecordCount).toBe(gdal.length);
    // Dates as GDAL writes them; every other value (text, integers, decimals, nulls) as it is.
    const ours = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? isoDate(v) : v])));
    expect(ours).toEqual(gdal);
    expect(gdal.filter((r) => typeof r['name'] === 'string' && /[가-힣]/.test(r['name'])).length).toBeGreaterThan(100);
  });

  it('equal the shapefile package on a CP949 file GDAL wrote from real buildings', async () => {
    const ours = readDbfTable(dbf, 'euc-kr').records;
    expect(ours).toHaveLength(1358);
    expect(ours).toEqual(await packageRecords(dbf));
    expect(ours.some((r) => r['name'] === '서울특별시청')).toBe(true);
    expect(ours.some((r) => typeof r['height_m'] === 'number' && !Number.isInteger(r['height_m']))).toBe(true);
    expect(ours[0]['surveyed']).toEqual(new Date(2026, 6, 11));
  });

  it('equal the package with a logical field and with the file cut off mid-record', async () => {
    const logical = Uint8Array.from(dbf);
    // The 7th field descriptor ('tall', 9 wide) marked L: its values are then neither Y/T nor N/F.
    logical[32 + 6 * 32 + 11] = 'L'.charCodeAt(0);
    expect(readDbfTable(logical, 'euc-kr').records).toEqual(await packageRecords(logical));
    const headerLength = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    const cut = dbf.subarray(0, headerLength + 10 * recordLength + 37);
    const ours = readDbfTable(cut, 'euc-kr').records;
    expect(ours).toHaveLength(11);
    expect(ours).toEqual(await packageRecords(cut));
  });

  it('a .dbf with fewer or more records than the .shp has shapes is one report line, nothing lost', async () => {
    const headerLength = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    for (const f of ['shp', 'shx', 'prj', 'cpg']) writeFileSync(path.join(dir, `count.${f}`), readFileSync(path.join(dir, `osm.${f}`)));
    // 1,000 records with a matching header: only the .shp disagrees.
    const short = Buffer.from(dbf.subarray(0, headerLength + 1000 * recordLength));
    short.writeUInt32LE(1000, 4);
    writeFileSync(path.join(dir, 'count.dbf'), short);
    const r = await readShapefileBuildings(path.join(dir, 'count.shp'), { displayName: 'count.shp' });
    expect(r.features).toHaveLength(1358);
    expect(r.issues).toEqual([
      {
        file: 'count.shp',
        featureId: '*',
        problem: 'the .dbf has 1000 record(s) for 1358 shape(s) in the .shp: shapes 1001 to 1358 have no attributes (heights and floors defaulted)',
        action: 'note',
      },
    ]);
    // Cut off mid-record with the header unchanged: the header line as well.
    writeFileSync(path.join(dir, 'count.dbf'), dbf.subarray(0, headerLength + 1000 * recordLength + 37));
    const cut = await readShapefileBuildings(path.join(dir, 'count.shp'), { displayName: 'count.shp' });
    expect(cut.features).toHaveLength(1358);
    expect(cut.issues.map((i) => i.problem)).toEqual([
      'the .dbf header states 1358 record(s) but the file holds 1001 (cut off or padded?)',
      'the .dbf has 1001 record(s) for 1358 shape(s) in the .shp: shapes 1002 to 1358 have no attributes (heights and floors defaulted)',
    ]);
    // More records than shapes: two records appended (header updated).
    const long = Buffer.concat([dbf.subarray(0, headerLength + 1358 * recordLength), dbf.subarray(headerLength, headerLength + 2 * recordLength)]);
    long.writeUInt32LE(1360, 4);
    writeFileSync(path.join(dir, 'count.dbf'), long);
    const extra = await readShapefileBuildings(path.join(dir, 'count.shp'), { displayName: 'count.shp' });
    expect(extra.features).toHaveLength(1358);
    expect(extra.issues.map((i) => i.problem)).toEqual([
      'the .dbf has 1360 record(s) for 1358 shape(s) in the .shp: the last 2 record(s) have no shape and were left out',
    ]);
  });

  it('refuses what is not a dBASE table', () => {
    expect(() => readDbfTable(new TextEncoder().encode('this is not a dBASE file'), 'euc-kr')).toThrow(/not a dBASE file/);
    expect(() => readDbfTable(dbf.subarray(0, 64), 'euc-kr')).toThrow(/not a dBASE file/);
  });
});
