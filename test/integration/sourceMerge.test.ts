// Merging the real overlapping building sources of tiles/sources/seoul-all.json (official 2026,
// official 2021, OSM with names, OSM citywide): the counts per source pair agree with GDAL's
// independent computation (test/support/gdalMergeOracle.ts), the winner gives geometry and height,
// the others fill what it lacks, and every problem of the input is one line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_USES } from '../../common/buildingUses.js';
import { BUILD_PATHS, type CityManifest } from '../../common/buildFormat.js';
import { buildCity, BuildFailedError } from '../../tiles/buildCity.js';
import type { BuildIssue, CityModel } from '../../tiles/model/cityModel.js';
import { loadCityModel } from '../../tiles/model/loadCity.js';
import { gdalMergeCounts } from '../support/gdalMergeOracle.js';

const REPO = path.resolve(__dirname, '../..');
const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(REPO, '../shared/data');
const SEOUL_ALL = path.join(REPO, 'tiles/sources/seoul-all.json');
const A26 = 'buildings/gangnam_station_al_d010_2026_buildings.geojson';
const T21 = 'buildings/gangnam_teheran_building_register_2021_epsg5174.geojson';
const collect = (issues: BuildIssue[]) => ({ issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} });

interface Doc {
  features: { properties: Record<string, unknown> }[];
}
const readDoc = (file: string) => JSON.parse(readFileSync(path.join(SOURCE, file), 'utf8')) as Doc;

const config = JSON.parse(readFileSync(SEOUL_ALL, 'utf8')) as { buildings: { name: string; path: string }[] };
const LABEL = { a26: config.buildings[0].name, t21: config.buildings[1].name, nm: config.buildings[2].name, osm: config.buildings[3].name };

let model: CityModel;
let oracle: Record<string, number>;
const issues: BuildIssue[] = [];
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-merge-'));
  // The oracle runs in GDAL's processes meanwhile.
  [model, oracle] = await Promise.all([loadCityModel({ sourceDir: SOURCE, sourcesConfig: SEOUL_ALL }, collect(issues)), gdalMergeCounts(SOURCE)]);
}, 600_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('all of Seoul from merged sources', () => {
  it('ranks the sources official 2026 > official 2021 > OSM with names > OSM citywide and reads every building', () => {
    const sources = model.merge!.sources;
    expect(sources.map((s) => s.source)).toEqual([LABEL.a26, LABEL.t21, LABEL.nm, LABEL.osm]);
    expect(sources.map((s) => s.read)).toEqual([6428, 2079, 1358, 162_005]);
    for (const s of sources) expect(s.kept + s.replaced).toBe(s.read);
    expect(model.buildings).toHaveLength(sources.reduce((n, s) => n + s.kept, 0));
    expect(model.merged).toBe(sources.reduce((n, s) => n + s.replaced, 0));
    expect(model.skipped).toBe(0);
  });

  it('counts kept, replaced and filled buildings per source pair as GDAL computes them', () => {
    const pair = (w: keyof typeof LABEL, o: keyof typeof LABEL) => model.merge!.pairs.find((p) => p.winner === LABEL[w] && p.other === LABEL[o]);
    const check = (w: 'a26' | 't21' | 'nm', o: 't21' | 'osm') => {
      const p = pair(w, o)!;
      expect(p, `${w} <- ${o}`).toBeDefined();
      const key = (metric: string) => oracle[`${w}|${o}|${metric}`] ?? 0;
      expect({ byId: p.byId, byOverlap: p.byOverlap, kept: p.kept, partial: p.partialOverlaps }, `${w} <- ${o}`).toEqual({
        byId: key('byId'),
        byOverlap: key('byOverlap'),
        kept: key('kept'),
        partial: key('partial'),
      });
      expect(p.replaced).toBe(p.byId + p.byOverlap);
    };
    check('a26', 't21');
    check('a26', 'osm');
    check('t21', 'osm');
    check('nm', 'osm');
    expect(model.merge!.pairs).toHaveLength(4); // the named OSM patches lie far from the official files
    // What the 2021 register fills in the 2026 layer (which has no names, uses or floors below ground).
    expect(pair('a26', 't21')!.filledFields).toMatchObject({
      name: oracle['a26|t21|filled name'],
      use: oracle['a26|t21|filled use'],
      'basement floors': oracle['a26|t21|filled basement floors'],
    });
    expect(model.merge!.sources[1].kept).toBe(oracle['t21 kept']);
    // The figures the report's comparison rests on, so a silently empty oracle cannot pass.
    expect(oracle['a26|t21|byId']).toBe(1155);
    expect(oracle['a26|osm|byOverlap']).toBeGreaterThan(3000);
    expect(oracle['nm|osm|byId']).toBe(1353);
  });

  it('keeps the 2026 geometry and height and fills name, use and floors below ground from the 2021 register', () => {
    const a26 = new Map(readDoc(A26).features.map((f) => [f.properties['id'] as string, f.properties]));
    let checked = 0;
    for (const f of readDoc(T21).features) {
      const r = f.properties;
      const newer = a26.get(r['UFID'] as string);
      if (!newer) continue;
      const b = model.buildings.find((x) => x.id === `kr:bldg:${String(r['UFID'])}`)!;
      expect(b.source).toBe(A26);
      if (newer['height'] !== undefined) expect(b.height).toBeCloseTo(Number(newer['height']), 3);
      const code = r['USABILITY'] as keyof typeof NATIONAL_USES | null;
      expect(b.use).toBe(code ? `${NATIONAL_USES[code].ko} (${code})` : 'yes');
      expect(b.basementFloors).toBe(r['UGRND_FLR']);
      expect(b.name !== '').toBe(Boolean(r['BLD_NM']));
      expect(b.mergedFrom).toContain(`${T21} [${String(r['UFID'])}] same id: `);
      checked++;
    }
    expect(checked).toBe(1155);
    const wework = model.buildings.find((b) => b.id === 'kr:bldg:2007203777864444692200000000')!;
    expect(wework).toMatchObject({ name: '위워크타워(WeWork Tower)', use: '업무시설 (14000)', basementFloors: 6, floors: 22, heightSource: 'measured' });
    expect(wework.height).toBeCloseTo(96.32, 3);
    expect(wework.mergedFrom?.split('\n')[0]).toBe(`${T21} [2007203777864444692200000000] same id: filled name, use, basement floors`);
  });

  it("never lets a default replace a recorded height: a winner without one takes another source's", () => {
    const filledHeight = model.merge!.pairs.reduce((n, p) => n + (p.filledFields['height'] ?? 0), 0);
    const taken = model.buildings.filter((b) => / \(.+ has none\)$/.test(b.heightNote));
    expect(taken).toHaveLength(filledHeight);
    expect(filledHeight).toBeGreaterThan(50);
    for (const b of taken) {
      expect(b.heightSource).not.toBe('default-by-use');
      expect(b.mergedFrom).toMatch(/filled height/);
    }
  });

  it('keeps City Hall from the named OSM file, with the citywide copy merged by way id', () => {
    const hall = model.buildings.find((b) => b.name === '서울특별시청')!;
    expect(hall).toMatchObject({ id: 'osm:way/198561926', source: 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson' });
    expect(hall.mergedFrom).toMatch(/^buildings\/osm_citywide_2026-07\/seoul_osm_buildings_\d{5}_[a-z]+\.geojson \[198561926\] same id: /);
  });

  it('says each conflict between two sources in one line, and credits the official sources', () => {
    const conflicts = issues.filter((i) => /disagree on height/.test(i.problem));
    expect(conflicts).toHaveLength(model.merge!.pairs.filter((p) => p.heightConflicts > 0).length);
    for (const line of conflicts) expect(line).toMatchObject({ featureId: '*', action: 'note' });
    expect(issues.filter((i) => /CP949/.test(i.problem))).toHaveLength(1); // the repair of the 2021 names
    expect(model.attributions).toEqual([
      '국토교통부 GIS건물통합정보, 브이월드 제공 (via AIMA0719/shelter)',
      '국토교통부 건물통합정보 (via PARKCHEOLHEE-lab/ghpython-toys)',
    ]);
  });
});

describe('bad official input', () => {
  const load = async (buildings: object[]) => {
    const file = path.join(tmp, `sources-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ buildings, elevation: [{ path: 'terrain/*_srtm30_grid.json' }] }));
    const found: BuildIssue[] = [];
    const m = await loadCityModel({ sourceDir: SOURCE, sourcesConfig: file }, collect(found));
    return { m, found: found.filter((i) => i.featureId === '*') };
  };
  const official2026 = { path: A26, format: 'geojson', idScheme: 'kr:bldg', date: '2026-05-09' };

  it('a file without a CRS and none configured: one line, the other sources still built', async () => {
    const { m, found } = await load([official2026, { path: T21, format: 'geojson', idScheme: 'kr:bldg' }]);
    expect(m.buildings).toHaveLength(6428);
    expect(found).toEqual([expect.objectContaining({ file: T21, action: 'file-skipped', problem: expect.stringMatching(/states no CRS/) })]);
  });

  it('a source that matches nothing (wrong CRS: 100 km south): one line, all its buildings kept', async () => {
    // 100 km south lies outside the city's extent: allowOutsideCity builds them anyway, as merging must cope with.
    const { m, found } = await load([
      official2026,
      { path: T21, format: 'geojson', crs: 'EPSG:5186', textRepair: 'cp949-read-as-latin1', allowOutsideCity: true },
    ]);
    expect(m.buildings).toHaveLength(6428 + 2079);
    const lines = found.filter((i) => /matches another source/.test(i.problem));
    expect(lines).toHaveLength(1);
    expect(lines[0].file).toBe(T21);
    expect(lines[0].problem).toMatch(/it lies 9\d\.\d km from the nearest other source/);
  });

  it('conflicting sources (the same ids, footprints 100 km apart): one line, merged as configured', async () => {
    const { m, found } = await load([
      official2026,
      { path: T21, format: 'geojson', crs: 'EPSG:5186', idScheme: 'kr:bldg', textRepair: 'cp949-read-as-latin1', allowOutsideCity: true },
    ]);
    expect(m.merged).toBe(1155);
    const lines = found.filter((i) => /share an id/.test(i.problem));
    expect(lines).toHaveLength(1);
    expect(lines[0].problem).toMatch(/^1155 building\(s\) share an id with/);
  });

  it('a build whose only source cannot be placed fails with that line and leaves the previous build usable', async () => {
    const out = path.join(tmp, 'city-build');
    const quiet = { issue() {}, progress() {}, info() {} };
    const sources = (buildings: object[]) => {
      const file = path.join(tmp, `build-${buildings.length}-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify({ buildings }));
      return file;
    };
    const first = await buildCity(
      {
        sourceDir: SOURCE,
        outDir: out,
        sourcesConfig: sources([{ path: T21, format: 'geojson', crs: 'EPSG:5174', textRepair: 'cp949-read-as-latin1' }]),
        skipSurfaceModel: true,
        terrain: { maxLevel: 10 },
      },
      quiet,
    );
    expect(first.buildingsBuilt).toBe(2079);
    const before = readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8');
    expect((JSON.parse(before) as CityManifest).dsm).toEqual([]);

    const found: BuildIssue[] = [];
    await expect(buildCity({ sourceDir: SOURCE, outDir: out, sourcesConfig: sources([{ path: T21, format: 'geojson' }]) }, collect(found))).rejects.toThrow(
      BuildFailedError,
    );
    expect(found.filter((i) => i.action === 'file-skipped')).toEqual([expect.objectContaining({ file: T21, problem: expect.stringMatching(/states no CRS/) })]);
    expect(readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8')).toBe(before);
  });
});
