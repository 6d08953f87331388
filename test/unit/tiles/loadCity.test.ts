// The city model from the real shared data (../shared/data): counts, provenance, City Hall.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildIssue, CityModel } from '../../../tiles/model/cityModel.js';
import { loadCityModel } from '../../../tiles/model/loadCity.js';
import { expandPath } from '../../../tiles/model/readSources.js';
import { DEFAULT_SOURCES_FILE, PATCH_SOURCES_FILE, parseSourcesConfig, readSourcesConfig } from '../../../tiles/model/sourcesConfig.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const collect = (issues: BuildIssue[]) => ({ issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} });

let model: CityModel;
const issues: BuildIssue[] = [];
let dir: string;
beforeAll(async () => {
  model = await loadCityModel({ sourceDir: DATA_DIR, sourcesConfig: PATCH_SOURCES_FILE }, collect(issues));
  dir = mkdtempSync(join(tmpdir(), 'vseoul-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the default sources config', () => {
  it('names every building file of the shared data once, except the sample the patch file supersedes', async () => {
    const config = await readSourcesConfig(DEFAULT_SOURCES_FILE);
    const named = (await Promise.all(config.buildings.map((b) => expandPath(DATA_DIR, b.path)))).flat();
    const onDisk = execFileSync('find', [join(DATA_DIR, 'buildings'), '-name', '*.geojson'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    expect(named.sort()).toEqual(onDisk.filter((f) => !f.endsWith('cityhall_gwanghwamun_osm_buildings_sample.geojson')));
    expect(new Set(named).size).toBe(named.length);
  });
});

describe('loadCityModel on the real data (the OSM patches)', () => {
  it('builds all 1,358 OSM buildings, none repaired or skipped', () => {
    expect(model.buildings).toHaveLength(1358);
    expect(model.repaired).toBe(0);
    expect(model.skipped).toBe(0);
    expect(model.sourceFiles).toEqual([
      'terrain/cityhall_cheonggyecheon_srtm30_grid.json',
      'terrain/hongjecheon_srtm30_grid.json',
      'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson',
    ]);
    expect(new Set(model.buildings.map((b) => b.id)).size).toBe(1358);
  });

  it('records where every height came from', () => {
    const counts: Record<string, number> = {};
    for (const b of model.buildings) counts[b.heightSource] = (counts[b.heightSource] ?? 0) + 1;
    // 154 OSM height tags + 7 ambiguous (kept as measured); 48 levels x 3.2 derived -> floors; rest by use.
    expect(counts).toEqual({ measured: 161, floors: 48, 'default-by-use': 1149 });
    expect(issues.filter((i) => i.action === 'defaulted')).toHaveLength(1149);
    expect(issues.filter((i) => i.action !== 'defaulted')).toEqual([]);
  });

  it('fills every property', () => {
    for (const b of model.buildings) {
      expect(b.id).toMatch(/^osm:way\/\d+$/);
      expect(b.source).toBe('buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson');
      expect(typeof b.name).toBe('string');
      expect(b.use).not.toBe('');
      expect(b.height).toBeGreaterThan(0);
      expect(b.minHeight).toBeGreaterThanOrEqual(0);
      expect(b.minHeight).toBeLessThan(b.height);
      expect(b.heightNote).not.toBe('');
      expect(Number.isFinite(b.baseElevation)).toBe(true);
      expect(['cheonggyecheon', 'hongjecheon']).toContain(b.area);
    }
    expect(model.buildings.filter((b) => b.use === 'roof').every((b) => b.minHeight > 0)).toBe(true);
  });

  it('has City Hall with a sensible height and a base on the terrain', () => {
    const ch = model.buildings.find((b) => b.name === '서울특별시청');
    expect(ch).toBeDefined();
    if (!ch) return;
    expect(ch).toMatchObject({ id: 'osm:way/198561926', floors: 12, heightSource: 'floors' });
    expect(ch.height).toBeCloseTo(39.6, 6);
    // Base = lowest terrain under the footprint: not above any vertex's terrain, and within the
    // terrain range there (SRTM 27.6-116 m orthometric + ~22.9 m EGM96 undulation).
    const ring = ch.polygons[0][0];
    const heights = ring.map(([lon, lat]) => model.elevation.ellipsoidHeightAt(lon, lat));
    expect(ch.baseElevation).toBeLessThanOrEqual(Math.min(...heights) + 1e-3);
    expect(ch.baseElevation).toBeGreaterThan(Math.min(...heights) - 5);
    expect(ch.baseElevation).toBeGreaterThan(27.6 + 22);
    expect(ch.baseElevation).toBeLessThan(116.2 + 24);
  });
});

describe('sources config', () => {
  it('explains every problem of an invalid config', () => {
    let message = '';
    try {
      parseSourcesConfig({ buildings: [{ path: 'a.shp', format: 'dxf', crs: 'EPSG:3857', colour: 'red' }] });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'sources config is invalid:',
      '  /buildings/0 has unknown property "colour"',
      '  /buildings/0/format must be one of geojson, osm, shapefile',
      '  /buildings/0/crs must be one of EPSG:4326, EPSG:5174, EPSG:5179, EPSG:5181, EPSG:5185, EPSG:5186, EPSG:5187',
    ]);
    expect(() => parseSourcesConfig({})).toThrow(/must have required property 'buildings'/);
  });

  it('reads several sources, merges the same buildings by id, reports missing files, and never crashes', async () => {
    const config = {
      buildings: [
        { path: 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson', format: 'geojson' },
        { path: 'osm/dron_lab_*_osm-snapshot.json', format: 'osm' },
        { path: 'buildings/not_there.geojson', format: 'geojson' },
      ],
      elevation: [{ path: 'terrain/*_srtm30_grid.json' }],
    };
    writeFileSync(join(dir, 'sources.json'), JSON.stringify(config));
    const found: BuildIssue[] = [];
    const m = await loadCityModel({ sourceDir: DATA_DIR, sourcesConfig: join(dir, 'sources.json') }, collect(found));
    expect(m.buildings).toHaveLength(1358);
    // The snapshots hold the same buildings as the curated GeoJSON (same OSM way ids): with no
    // priorities or dates the earlier source wins and every snapshot building is merged into it.
    expect(m.merged).toBe(1358);
    expect(m.skipped).toBe(0);
    expect(m.merge?.pairs).toHaveLength(1);
    expect(m.merge?.pairs[0]).toMatchObject({
      winner: 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson',
      other: 'osm/dron_lab_*_osm-snapshot.json',
      kept: 1358,
      replaced: 1358,
      byId: 1358,
      byOverlap: 0,
      idWithoutOverlap: 0,
    });
    expect(m.buildings.every((b) => b.source === 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson')).toBe(true);
    expect(m.buildings.every((b) => /^osm\/dron_lab_(cheonggyecheon|hongjecheon)_osm-snapshot\.json \[\d+\] same id: /.test(b.mergedFrom ?? ''))).toBe(true);
    expect(found.filter((i) => i.problem.startsWith('duplicate of'))).toEqual([]);
    const fileLevel = found.filter((i) => i.action === 'file-skipped');
    expect(fileLevel).toHaveLength(1);
    expect(fileLevel[0]).toMatchObject({ file: 'buildings/not_there.geojson', featureId: '*' });
    expect(fileLevel[0].problem).toMatch(/^cannot read file: ENOENT/);
  });

  it('says once per source which options its format ignores, and still reads the files', async () => {
    const config = {
      buildings: [{ path: 'osm/dron_lab_*_osm-snapshot.json', format: 'osm', crs: 'EPSG:5186', encoding: 'cp949', area: 'snapshot' }],
      elevation: [{ path: 'terrain/*_srtm30_grid.json' }],
    };
    writeFileSync(join(dir, 'osm-options.json'), JSON.stringify(config));
    const found: BuildIssue[] = [];
    const m = await loadCityModel({ sourceDir: DATA_DIR, sourcesConfig: join(dir, 'osm-options.json') }, collect(found));
    expect(m.buildings).toHaveLength(1358);
    expect(m.buildings.every((b) => b.area === 'snapshot')).toBe(true);
    expect(found.filter((i) => i.featureId === '*')).toEqual([
      { file: 'osm/dron_lab_*_osm-snapshot.json', featureId: '*', problem: 'the osm reader does not use crs, encoding; ignored', action: 'note' },
    ]);
  });

  it('reads a Korean shapefile listed in the config, with its field names, CRS and area', async () => {
    // Fixture (not Seoul data): one made-up footprint near City Hall, written by ogr2ogr as CP949 / EPSG:5174 without .prj.
    const fixture = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 건물명: '시험 건물', 높이: 0, 층수: 5, 용도: '업무시설' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [126.9778, 37.5663],
                [126.9785, 37.5663],
                [126.9785, 37.5668],
                [126.9778, 37.5663],
              ],
            ],
          },
        },
      ],
    };
    writeFileSync(join(dir, 'fixture.geojson'), JSON.stringify(fixture));
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP949', '-t_srs', 'EPSG:5174', join(dir, 'kr.shp'), join(dir, 'fixture.geojson')]);
    rmSync(join(dir, 'kr.prj'));
    const config = {
      buildings: [
        {
          path: join(dir, 'kr.shp'),
          format: 'shapefile',
          crs: 'EPSG:5174',
          encoding: 'cp949',
          area: 'fixture',
          fields: { height: '높이', floors: '층수', name: '건물명', use: '용도' },
        },
      ],
      elevation: [{ path: 'terrain/*_srtm30_grid.json' }],
    };
    writeFileSync(join(dir, 'kr.json'), JSON.stringify(config));
    const found: BuildIssue[] = [];
    const m = await loadCityModel({ sourceDir: DATA_DIR, sourcesConfig: join(dir, 'kr.json') }, collect(found));
    expect(m.buildings).toHaveLength(1);
    expect(m.buildings[0]).toMatchObject({ name: '시험 건물', use: '업무시설', floors: 5, heightSource: 'floors', area: 'fixture', sourceId: '1' });
    expect(m.buildings[0].height).toBeCloseTo(16.5, 6);
    expect(m.buildings[0].id).toMatch(/^shp:.*kr\.shp:1$/);
    expect(found.map((i) => i.action)).toEqual(['note']); // height 0 ignored, said so
    expect(found[0].problem).toMatch(/height 0 m is not positive/);
  });
});
