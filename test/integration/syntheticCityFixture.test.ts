// The SYNTHETIC city fixture as `npm run fixture:city600k -- --buildings 20000` writes it (the CLI
// in a child process), from the real footprints. Checked against: GDAL (ogrinfo/ogr2ogr/
// gdalsrsinfo reading the .shp/.dbf as CP949 and the .prj: counts, CRS, decoded Korean names,
// attributes, positions), the real source files each record says it copies (attributes; shape =
// the real footprint moved by whole 250 m cells), the raw CP949 bytes of the real Teheran-ro
// names, and the pipeline reading the folder with tiles/sources/synthetic-city600k.json.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as shapefile from 'shapefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalUseFromCode } from '../../common/buildingUses.js';
import { detectCrsFromPrj, fromWgs84 } from '../../common/crs.js';
import { FIXTURE_BUILDINGS_DIR, generateSyntheticCity, PROVENANCE_FILE } from '../../tiles/fixtures/generateCity.js';
import { readRealFootprints } from '../../tiles/fixtures/realFootprints.js';
import { DEFAULT_PLAN, planCity, type Gu } from '../../tiles/fixtures/syntheticCity.js';
import type { BuildIssue } from '../../tiles/model/cityModel.js';
import { loadCityModel } from '../../tiles/model/loadCity.js';
import { buildingReaderFor } from '../../tiles/readers/registry.js';
import type { RawFeature } from '../../tiles/readers/types.js';
import { DATA_DIR } from '../support/fireData.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = path.join(REPO, 'tiles/sources/synthetic-city600k.json');
const FIELDS = { id: 'UFID', name: 'BLD_NM', use: 'USABILITY', height: 'HEIGHT', floors: 'GRND_FLR', basementFloors: 'UGRND_FLR' };
const TOTAL = 20_000;
const CELL_M = DEFAULT_PLAN.cellM;
const M_PER_DEG_LAT = 111_133;
const M_PER_DEG_LON = 111_320 * Math.cos((37.5 * Math.PI) / 180);
const HANGUL = /[\uAC00-\uD7A3]/;
const run = promisify(execFile);

interface RawRecord {
  properties: Record<string, unknown>;
  /** EPSG:5174 as stored in the .shp. */
  polygons: number[][][][];
}

let out: string;
let cliOutput: string;
let shpFiles: string[];
const raw = new Map<string, RawRecord[]>();
const ours = new Map<string, RawFeature[]>();

const layerOf = (shp: string) => path.basename(shp, '.shp');

async function readRaw(shp: string): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  const source = await shapefile.open(shp, shp.replace(/\.shp$/, '.dbf'), { encoding: 'euc-kr' });
  for (let r = await source.read(); !r.done; r = await source.read()) {
    const g = r.value.geometry as { type: string; coordinates: unknown };
    records.push({
      properties: r.value.properties as Record<string, unknown>,
      polygons: g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]),
    });
  }
  return records;
}

/**
 * Largest vertex distance between `actual` and `expected` moved by (dx, dy), in whichever
 * orientation matches: shapefile writers store outer rings clockwise, so GDAL reverses
 * anticlockwise source rings.
 */
function ringDeviation(actual: number[][], expected: number[][], dx: number, dy: number): number {
  if (actual.length !== expected.length) return Infinity;
  const worst = (order: number[][]) => Math.max(...order.map(([x, y], v) => Math.hypot(actual[v][0] - x - dx, actual[v][1] - y - dy)));
  return Math.min(worst(expected), worst([...expected].reverse())); // closed rings: [a b c a] <-> [a c b a]
}

/** GDAL's feature count and EPSG code of a fixture file, decoding the .dbf as CP949. */
function gdalSummary(shp: string): { count: number; epsg: string } {
  const info = execFileSync('ogrinfo', ['-so', '-ro', '-oo', 'ENCODING=CP949', shp, layerOf(shp)], { encoding: 'utf8' });
  const count = Number(/^Feature Count: (\d+)$/m.exec(info)?.[1]);
  const epsg = execFileSync('gdalsrsinfo', ['-o', 'epsg', shp.replace(/\.shp$/, '.prj')], { encoding: 'utf8' }).trim();
  return { count, epsg };
}

beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'vseoul-fixture-')), 'city');
  const cli = await run(
    process.execPath,
    ['--import', 'tsx', 'tiles/cli/fixtureCity600k.ts', '--source', DATA_DIR, '--out', out, '--buildings', String(TOTAL)],
    {
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  cliOutput = cli.stdout;
  const dir = path.join(out, FIXTURE_BUILDINGS_DIR);
  shpFiles = readdirSync(dir)
    .filter((f) => f.endsWith('.shp'))
    .map((f) => path.join(dir, f));
  for (const shp of shpFiles) {
    raw.set(shp, await readRaw(shp));
    const read = await buildingReaderFor('shapefile').read(shp, { displayName: path.basename(shp), fields: FIELDS });
    expect(read.issues).toEqual([]);
    ours.set(shp, read.features);
  }
}, 300_000);

afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

describe('npm run fixture:city600k -- --buildings 20000 (SYNTHETIC city)', () => {
  it('is one shapefile per gu in the national layer form, marked synthetic everywhere; GDAL counts the buildings and reads EPSG:5174', () => {
    expect(cliOutput).toMatch(/^SYNTHETIC city fixture \(not Seoul\): 20,000 buildings$/m);
    expect(cliOutput).toMatch(/^20,000 buildings in 25 files, /m);
    expect(shpFiles).toHaveLength(25);
    let total = 0;
    for (const shp of shpFiles) {
      const base = shp.replace(/\.shp$/, '');
      for (const ext of ['shx', 'dbf', 'prj']) expect(existsSync(`${base}.${ext}`)).toBe(true);
      expect(existsSync(`${base}.cpg`)).toBe(false); // CP949 without a .cpg, as the national deliveries come
      expect(path.basename(shp)).toMatch(/^SYNTHETIC_city_11\d{3}_[a-z]+\.shp$/);
      const gdal = gdalSummary(shp);
      expect(gdal.epsg).toBe('EPSG:5174');
      expect(detectCrsFromPrj(readFileSync(`${base}.prj`, 'utf8'))).toBe('EPSG:5174');
      expect(gdal.count).toBeGreaterThan(0);
      expect(ours.get(shp)).toHaveLength(gdal.count);
      total += gdal.count;
      // The .dbf header date is fixed (YY MM DD after the version byte): the same files every run.
      expect([...readFileSync(`${base}.dbf`).subarray(1, 4)]).toEqual([126, 7, 11]);
      for (const r of raw.get(shp) ?? []) {
        expect(r.properties['SYNTHETIC']).toBe('Y');
        expect(r.properties['UFID']).toMatch(/^SYNTHETIC-11\d{3}-\d{7}$/);
        expect(r.properties['SYN_ORIGIN']).toMatch(/^(kr:bldg:(2021|2026)\/\d{28}|osm:way\/\d+)$/);
      }
    }
    expect(total).toBe(TOTAL);
    expect(readdirSync(out)).toContain('fire'); // links to the real data's other folders
    const provenance = readFileSync(path.join(out, PROVENANCE_FILE), 'utf8');
    expect(provenance).toMatch(/^SYNTHETIC building fixture — NOT SEOUL/);
    expect(provenance).toContain('20,000 buildings');
  });

  it('GDAL reads the same Korean names, attributes and positions as the pipeline reader', () => {
    const teheran = JSON.parse(readFileSync(path.join(DATA_DIR, 'buildings/gangnam_teheran_building_register_2021_epsg5174.geojson'), 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    // The source holds the CP949 bytes read as Latin-1 (SOURCES.md): its bytes are the real name.
    const realName = new Map(teheran.features.map((f) => [`kr:bldg:2021/${String(f.properties['UFID'])}`, f.properties['BLD_NM']]));
    let korean = 0;
    let copiedNames = 0;
    let worst = 0;
    for (const shp of shpFiles) {
      const gdal = JSON.parse(
        execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-oo', 'ENCODING=CP949', '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=9', '/vsistdout/', shp], {
          encoding: 'utf8',
          maxBuffer: 512 * 1024 * 1024,
        }),
      ) as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] };
      const features = ours.get(shp) ?? [];
      expect(gdal.features).toHaveLength(features.length);
      gdal.features.forEach((f, i) => {
        const mine = features[i];
        expect(mine.sourceId).toBe(f.properties['UFID']);
        expect(mine.attributes.name).toBe(f.properties['BLD_NM'] ?? '');
        expect(mine.attributes.height).toBe(f.properties['HEIGHT'] ?? null);
        if (HANGUL.test(String(f.properties['BLD_NM'] ?? ''))) korean++;
        const source = realName.get(String(f.properties['SYN_ORIGIN']));
        if (typeof source === 'string') {
          expect(f.properties['BLD_NM']).toBe(new TextDecoder('euc-kr').decode(Buffer.from(source, 'latin1')));
          copiedNames++;
        }
        const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][]);
        expect(polygons).toHaveLength(mine.polygons.length);
        polygons.forEach((poly, p) =>
          poly.forEach((ring, r) => {
            expect(ring).toHaveLength(mine.polygons[p][r].length);
            ring.forEach(([lon, lat], v) => {
              const [x, y] = mine.polygons[p][r][v];
              worst = Math.max(worst, Math.hypot((x - lon) * M_PER_DEG_LON, (y - lat) * M_PER_DEG_LAT));
            });
          }),
        );
      });
    }
    expect(korean).toBeGreaterThan(0); // Korean names decoded from CP949 by GDAL, the same as ours …
    expect(copiedNames).toBeGreaterThan(0); // … and the same as the real Teheran-ro names they copy
    expect(worst).toBeLessThan(0.05); // proj4 vs PROJ on EPSG:5174: centimetres
  });

  it('every record is a real building of one real file moved by whole cells, with that building’s real attributes', () => {
    type Real = { p: Record<string, unknown>; rings: number[][][] };
    const real = new Map<string, Real>();
    const readFc = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[] }).features;
    // Rings in EPSG:5174: the Teheran-ro file is stored in it, the others are WGS84 (proj4 here, as the fixture).
    const to5174 = (rings: number[][][]) => rings.map((ring) => ring.map(([lon, lat]) => fromWgs84('EPSG:5174', lon, lat)));
    for (const f of readFc(path.join(DATA_DIR, 'buildings/gangnam_teheran_building_register_2021_epsg5174.geojson')))
      real.set(`kr:bldg:2021/${String(f.properties['UFID'])}`, { p: f.properties, rings: (f.geometry.coordinates as number[][][][])[0] });
    for (const f of readFc(path.join(DATA_DIR, 'buildings/gangnam_station_al_d010_2026_buildings.geojson')))
      real.set(`kr:bldg:2026/${String(f.properties['id'])}`, { p: f.properties, rings: to5174(f.geometry.coordinates as number[][][]) });
    const osmDir = path.join(DATA_DIR, 'buildings/osm_citywide_2026-07');
    for (const file of readdirSync(osmDir))
      for (const f of readFc(path.join(osmDir, file)))
        real.set(`osm:way/${String(f.properties['osm_id'])}`, { p: f.properties, rings: to5174(f.geometry.coordinates as number[][][]) });

    const counts = { t2021: 0, named: 0, a2026: 0, osm: 0 };
    let worstShift = 0;
    let worstShape = 0;
    // A city cell holds one copy of one file's cell: never the 2021 and the 2026 record of one building.
    const buildingsInCell = new Set<string>();
    const cm = (v: unknown) => (Number(v) > 0 ? Math.round(Number(v) * 100) / 100 : null);
    for (const shp of shpFiles) {
      const dbf = readFileSync(shp.replace(/\.shp$/, '.dbf'));
      (raw.get(shp) ?? []).forEach((r, i) => {
        const mine = ours.get(shp)?.[i];
        const origin = String(r.properties['SYN_ORIGIN']);
        const source = real.get(origin);
        expect(source, origin).toBeDefined();
        if (!source) return;
        // Shift of the first vertex (kept by the writer in either orientation): whole cells.
        const from = source.rings[0][0];
        const [x0, y0] = r.polygons[0][0][0];
        const [dx, dy] = [Math.round((x0 - from[0]) / CELL_M) * CELL_M, Math.round((y0 - from[1]) / CELL_M) * CELL_M];
        worstShift = Math.max(worstShift, Math.hypot(x0 - from[0] - dx, y0 - from[1] - dy));
        source.rings.forEach((ring, k) => (worstShape = Math.max(worstShape, ringDeviation(r.polygons[0][k], ring, dx, dy))));
        const cell = `${Math.floor(x0 / CELL_M)}:${Math.floor(y0 / CELL_M)}:${origin.replace(/^kr:bldg:\d{4}\//, 'kr:')}`;
        expect(buildingsInCell.has(cell), cell).toBe(false);
        buildingsInCell.add(cell);
        if (origin.startsWith('kr:bldg:2021/')) {
          const t = source.p;
          counts.t2021++;
          expect(mine?.attributes.height).toBe(t['HEIGHT']);
          expect(mine?.attributes.floors).toBe(t['GRND_FLR']);
          expect(mine?.attributes.basementFloors).toBe(t['UGRND_FLR']);
          expect(mine?.attributes.use).toBe(nationalUseFromCode(t['USABILITY']) ?? '');
          const name = t['BLD_NM'];
          if (typeof name === 'string') {
            // The real name's CP949 bytes (the source holds them read as Latin-1) are in the .dbf as they are …
            const bytes = Buffer.from(name, 'latin1');
            expect(dbf.includes(bytes)).toBe(true);
            // … and the pipeline decodes them.
            expect(mine?.attributes.name).toBe(new TextDecoder('euc-kr').decode(bytes));
            if (HANGUL.test(mine?.attributes.name ?? '')) counts.named++;
          }
        } else {
          counts[origin.startsWith('osm:') ? 'osm' : 'a2026']++;
          expect(mine?.attributes.height).toBe(cm(source.p['height']));
          const levels = Number(source.p['building:levels']);
          expect(mine?.attributes.floors).toBe(levels > 0 ? Math.round(levels) : null);
          expect(mine?.attributes.basementFloors).toBeNull();
          expect(mine?.attributes.name).toBe('');
        }
      });
    }
    expect(worstShift).toBeLessThan(0.002);
    expect(worstShape).toBeLessThan(0.002);
    expect(counts.t2021).toBeGreaterThan(0);
    expect(counts.named).toBeGreaterThan(0);
    expect(counts.a2026).toBeGreaterThan(0);
    expect(counts.osm).toBeGreaterThan(0);
  });

  it('the plan is deterministic and is what the files hold', async () => {
    const gus = JSON.parse(readFileSync(path.join(DATA_DIR, 'boundaries/seoul_gu_kostat2013.geojson'), 'utf8')) as {
      features: { properties: Record<string, string>; geometry: { coordinates: number[][][] } }[];
    };
    const guList: Gu[] = gus.features
      .map((f) => ({ code: f.properties['code'], name: f.properties['name'], nameEng: f.properties['name_eng'], rings: f.geometry.coordinates }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const water = (
      JSON.parse(readFileSync(path.join(DATA_DIR, 'hydro/seoul_water_bodies.geojson'), 'utf8')) as {
        features: { geometry: { type: string; coordinates: unknown } }[];
      }
    ).features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][])));
    const footprints = await readRealFootprints(DATA_DIR);
    const options = { ...DEFAULT_PLAN, total: TOTAL };
    const a = planCity(footprints, guList, water, options);
    const b = planCity(footprints, guList, water, options);
    expect(b).toEqual(a);
    for (const g of a.gus) {
      const shp = shpFiles.find((f) => path.basename(f).includes(`_${g.gu.code}_`)) ?? '';
      expect((raw.get(shp) ?? []).map((r) => r.properties['SYN_ORIGIN'])).toEqual(g.placements.map((p) => footprints[p.footprint].origin));
    }
  }, 120_000);

  it('the pipeline reads the folder with tiles/sources/synthetic-city600k.json', async () => {
    const issues: BuildIssue[] = [];
    const model = await loadCityModel({ sourceDir: out, sourcesConfig: CONFIG }, { issue: (i) => issues.push(i), progress() {}, info() {} });
    expect(model.buildings).toHaveLength(TOTAL);
    expect(model.buildings.every((b) => b.id.startsWith('synthetic:city600k:SYNTHETIC-'))).toBe(true);
    const withHeight = [...ours.values()].flat().filter((f) => (f.attributes.height ?? 0) > 0).length;
    expect(model.buildings.filter((b) => b.heightSource === 'measured')).toHaveLength(withHeight);
    expect(issues.filter((i) => i.action === 'file-skipped')).toEqual([]);
    expect(model.attributions.join(' ')).toMatch(/SYNTHETIC/);
  }, 120_000);

  it('refuses to write into the data folder or over a folder that is not a fixture', async () => {
    await expect(generateSyntheticCity({ sourceDir: DATA_DIR, outDir: path.join(DATA_DIR, 'fixture') })).rejects.toThrow(/into the data folder/);
    // Reached through a symlink (CI has ../shared as one), on either side, with the output not yet there.
    const linked = path.join(path.dirname(out), 'data-link');
    symlinkSync(DATA_DIR, linked);
    await expect(generateSyntheticCity({ sourceDir: DATA_DIR, outDir: path.join(linked, 'fixture') })).rejects.toThrow(/into the data folder/);
    await expect(generateSyntheticCity({ sourceDir: linked, outDir: path.join(DATA_DIR, 'new', 'fixture') })).rejects.toThrow(/into the data folder/);
    expect(existsSync(path.join(DATA_DIR, 'fixture'))).toBe(false);
    expect(existsSync(path.join(DATA_DIR, 'new'))).toBe(false);
    const other = path.join(path.dirname(out), 'user-folder');
    mkdirSync(other);
    writeFileSync(path.join(other, 'notes.txt'), 'keep me');
    await expect(generateSyntheticCity({ sourceDir: DATA_DIR, outDir: other })).rejects.toThrow(/not a synthetic fixture/);
    expect(readFileSync(path.join(other, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});
