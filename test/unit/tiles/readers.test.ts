// Readers against real and deliberately broken inputs. Fixtures are made inside the tests (temp
// dir); the CP949 shapefiles are written by GDAL's ogr2ogr, the reference shapefile writer.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGeoJsonBuildings } from '../../../tiles/readers/geojson.js';
import { readOsmBuildings } from '../../../tiles/readers/osm.js';
import { readShapefileBuildings } from '../../../tiles/readers/shapefile.js';
import { fromWgs84 } from '../../../common/crs.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
let dir: string;
const p = (name: string) => join(dir, name);

// Fixture (not Seoul data): two made-up footprints near City Hall with Korean attribute text.
const CITY_HALL_RING = [
  [126.9778, 37.5663],
  [126.9785, 37.5663],
  [126.9785, 37.5668],
  [126.9778, 37.5668],
  [126.9778, 37.5663],
];
const FIXTURE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { BLD_NM: '서울특별시청 (시험용)', HEIGHT: 51.5, GRND_FLR: 13, DGM_NM: '업무시설', HGT_X: 12, FLR_X: 4 },
      geometry: { type: 'Polygon', coordinates: [CITY_HALL_RING] },
    },
    {
      type: 'Feature',
      properties: { BLD_NM: '덕수궁 대한문 앞 가건물', HEIGHT: null, GRND_FLR: 2, DGM_NM: '제1종근린생활시설', HGT_X: 7, FLR_X: 2 },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [126.9762, 37.5657],
            [126.9765, 37.5657],
            [126.9765, 37.5659],
            [126.9762, 37.5659],
            [126.9762, 37.5657],
          ],
        ],
      },
    },
  ],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vseoul-readers-'));
  writeFileSync(p('fixture.geojson'), JSON.stringify(FIXTURE));
  for (const epsg of ['5186', '5174']) {
    execFileSync('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-lco',
      'ENCODING=CP949',
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      `EPSG:${epsg}`,
      p(`bld_${epsg}.shp`),
      p('fixture.geojson'),
    ]);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GeoJSON reader', () => {
  it('reports a truncated file as one file-level line', async () => {
    const text = JSON.stringify(FIXTURE);
    writeFileSync(p('truncated.geojson'), text.slice(0, text.length / 2));
    const r = await readGeoJsonBuildings(p('truncated.geojson'), { displayName: 'truncated.geojson' });
    expect(r.features).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: 'truncated.geojson', featureId: '*', action: 'file-skipped' });
    expect(r.issues[0].problem).toMatch(/not valid JSON/);
  });

  it('skips non-footprint geometries and features without geometry, one line each, and keeps the rest', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { osm_id: 1 }, geometry: { type: 'Point', coordinates: [126.97, 37.56] } },
        {
          type: 'Feature',
          properties: { osm_id: 2 },
          geometry: {
            type: 'LineString',
            coordinates: [
              [126.97, 37.56],
              [126.98, 37.56],
            ],
          },
        },
        { type: 'Feature', properties: { osm_id: 3 }, geometry: null },
        { type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: [[CITY_HALL_RING]] } },
        'junk',
      ],
    };
    writeFileSync(p('mixed.geojson'), JSON.stringify(doc));
    const r = await readGeoJsonBuildings(p('mixed.geojson'), { displayName: 'mixed.geojson' });
    expect(r.features).toHaveLength(1);
    expect(r.features[0].sourceId).toBe('#3'); // no properties at all: the index names it
    expect(r.features[0].attributes).toMatchObject({ name: '', use: '', height: null, floors: null });
    expect(r.issues.map((i) => [i.featureId, i.action])).toEqual([
      ['1', 'skipped'],
      ['2', 'skipped'],
      ['3', 'skipped'],
      ['#4', 'skipped'],
    ]);
    expect(r.issues[0].problem).toMatch(/Point is not a footprint/);
  });

  it('rejects a document that is not GeoJSON', async () => {
    writeFileSync(p('other.json'), JSON.stringify({ hello: 'world' }));
    const r = await readGeoJsonBuildings(p('other.json'), { displayName: 'other.json' });
    expect(r.issues[0]).toMatchObject({ action: 'file-skipped', problem: 'not a GeoJSON FeatureCollection or Feature' });
  });

  it('reads a projected GeoJSON written by ogr2ogr (crs member) and returns WGS84', async () => {
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:5186', p('fixture_5186.geojson'), p('fixture.geojson')]);
    expect(readFileSync(p('fixture_5186.geojson'), 'utf8')).toMatch(/EPSG::5186/);
    const r = await readGeoJsonBuildings(p('fixture_5186.geojson'), { displayName: 'fixture_5186.geojson' });
    expect(r.issues).toEqual([]);
    const [lon, lat] = r.features[0].polygons[0][0][0];
    expect(lon).toBeCloseTo(126.9778, 7);
    expect(lat).toBeCloseTo(37.5663, 7);
  });

  it('skips a file whose crs member is unknown unless a crs is configured', async () => {
    const doc = { ...FIXTURE, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32652' } } };
    writeFileSync(p('utm.geojson'), JSON.stringify(doc));
    const r = await readGeoJsonBuildings(p('utm.geojson'), { displayName: 'utm.geojson' });
    expect(r.features).toEqual([]);
    expect(r.issues[0]).toMatchObject({ action: 'file-skipped' });
    expect(r.issues[0].problem).toMatch(/unknown CRS/);
  });
});

describe('shapefile reader (CP949 .dbf, Korean grids)', () => {
  for (const epsg of ['5186', '5174']) {
    it(`reads Korean text and EPSG:${epsg} coordinates of a shapefile written by ogr2ogr`, async () => {
      expect(readFileSync(p(`bld_${epsg}.cpg`), 'utf8').trim()).toBe('CP949');
      // The bytes really are CP949: 서 is B C0 AD in CP949/EUC-KR.
      expect(readFileSync(p(`bld_${epsg}.dbf`)).includes(Buffer.from([0xbc, 0xad]))).toBe(true);
      const r = await readShapefileBuildings(p(`bld_${epsg}.shp`), { displayName: `bld_${epsg}.shp` });
      expect(r.issues).toEqual([]);
      expect(r.features.map((f) => f.attributes.name)).toEqual(['서울특별시청 (시험용)', '덕수궁 대한문 앞 가건물']);
      expect(r.features[0].attributes).toMatchObject({ use: '업무시설', height: 51.5, floors: 13 });
      expect(r.features[1].attributes).toMatchObject({ use: '제1종근린생활시설', height: null, floors: 2 });
      // Every input vertex comes back (shapefile rings may start elsewhere/run the other way).
      const got = r.features[0].polygons[0][0];
      for (const [lon, lat] of CITY_HALL_RING) {
        const nearest = Math.min(...got.map(([x, y]) => Math.hypot(x - lon, y - lat)));
        expect(nearest).toBeLessThan(1e-7); // ~1 cm: ogr2ogr (PROJ) forward, proj4 back
      }
    });
  }

  it('decodes CP949 without a .cpg (Korean default) and with a configured field map', async () => {
    for (const ext of ['shp', 'shx', 'dbf', 'prj']) copyFileSync(p(`bld_5186.${ext}`), p(`nocpg.${ext}`));
    const r = await readShapefileBuildings(p('nocpg.shp'), {
      displayName: 'nocpg.shp',
      fields: { height: 'HGT_X', floors: 'FLR_X', name: 'BLD_NM', use: 'DGM_NM' },
    });
    expect(r.features[1].attributes).toMatchObject({ name: '덕수궁 대한문 앞 가건물', height: 7, floors: 2 });
  });

  it('skips a shapefile without .prj as unknown CRS, and reads it when the CRS is configured', async () => {
    for (const ext of ['shp', 'shx', 'dbf', 'cpg']) copyFileSync(p(`bld_5174.${ext}`), p(`noprj.${ext}`));
    const r = await readShapefileBuildings(p('noprj.shp'), { displayName: 'noprj.shp' });
    expect(r.features).toEqual([]);
    expect(r.issues).toEqual([
      { file: 'noprj.shp', featureId: '*', problem: 'unknown CRS: no .prj file; set crs in the sources config', action: 'file-skipped' },
    ]);
    const ok = await readShapefileBuildings(p('noprj.shp'), { displayName: 'noprj.shp', crs: 'EPSG:5174' });
    expect(ok.features).toHaveLength(2);
  });

  it('reports a corrupt or missing .dbf as a file-level line', async () => {
    for (const ext of ['shp', 'shx', 'prj', 'cpg']) copyFileSync(p(`bld_5186.${ext}`), p(`corrupt.${ext}`));
    writeFileSync(p('corrupt.dbf'), 'this is not a dBASE file');
    const r = await readShapefileBuildings(p('corrupt.shp'), { displayName: 'corrupt.shp' });
    expect(r.features).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: 'corrupt.shp', action: 'file-skipped' });
    expect(r.issues[0].problem).toMatch(/^broken shapefile/);
    rmSync(p('corrupt.dbf'));
    const missing = await readShapefileBuildings(p('corrupt.shp'), { displayName: 'corrupt.shp' });
    expect(missing.issues[0].problem).toMatch(/no \.dbf/);
  });

  it('reports a truncated .shp as a file-level line', async () => {
    for (const ext of ['dbf', 'shx', 'prj', 'cpg']) copyFileSync(p(`bld_5186.${ext}`), p(`short.${ext}`));
    const shp = readFileSync(p('bld_5186.shp'));
    writeFileSync(p('short.shp'), shp.subarray(0, 60));
    const r = await readShapefileBuildings(p('short.shp'), { displayName: 'short.shp' });
    expect(r.issues.some((i) => i.action === 'file-skipped')).toBe(true);
  });
});

describe('OSM readers', () => {
  it('reads the real dron_lab Cheonggyecheon snapshot', async () => {
    const r = await readOsmBuildings(join(DATA_DIR, 'osm/dron_lab_cheonggyecheon_osm-snapshot.json'), {
      displayName: 'osm/dron_lab_cheonggyecheon_osm-snapshot.json',
    });
    expect(r.issues).toEqual([]);
    expect(r.features).toHaveLength(1029);
    const cityHall = r.features.find((f) => f.attributes.name === '서울특별시청');
    expect(cityHall?.attributes).toMatchObject({ use: 'yes', floors: 12, height: 38.4, heightBasis: 'levels_x_3.2_probable', area: 'cheonggyecheon' });
    // Same classification as the curated GeoJSON: 46 exact levels x 3.2 in this patch (SOURCES.md).
    expect(r.features.filter((f) => f.attributes.heightBasis === 'levels_x_3.2_probable')).toHaveLength(46);
  });

  it('reads Overpass JSON: ways with geometry, ways with node refs, multipolygon relations', async () => {
    const [x, y] = [126.978, 37.566];
    const n = (id: number, lon: number, lat: number) => ({ type: 'node', id, lon, lat });
    const doc = {
      elements: [
        {
          type: 'way',
          id: 10,
          tags: { building: 'office', name: '시험 빌딩', height: '45 m', 'building:levels': '12' },
          geometry: [
            { lat: y, lon: x },
            { lat: y, lon: x + 1e-4 },
            { lat: y + 1e-4, lon: x + 1e-4 },
            { lat: y, lon: x },
          ],
        },
        n(1, x + 2e-4, y),
        n(2, x + 3e-4, y),
        n(3, x + 3e-4, y + 1e-4),
        { type: 'way', id: 11, tags: { building: 'yes' }, nodes: [1, 2, 3, 1] },
        { type: 'way', id: 12, tags: { building: 'yes' }, nodes: [1, 2, 99, 1] },
        { type: 'way', id: 13, tags: { highway: 'primary' }, nodes: [1, 2] },
        {
          type: 'relation',
          id: 20,
          tags: { type: 'multipolygon', building: 'school', 'building:levels': '4' },
          members: [
            // Outer ring split into two ways, one of them reversed.
            {
              type: 'way',
              ref: 1,
              role: 'outer',
              geometry: [
                { lat: y + 5e-4, lon: x },
                { lat: y + 5e-4, lon: x + 4e-4 },
                { lat: y + 9e-4, lon: x + 4e-4 },
              ],
            },
            {
              type: 'way',
              ref: 2,
              role: 'outer',
              geometry: [
                { lat: y + 5e-4, lon: x },
                { lat: y + 9e-4, lon: x },
                { lat: y + 9e-4, lon: x + 4e-4 },
              ],
            },
            {
              type: 'way',
              ref: 3,
              role: 'inner',
              geometry: [
                { lat: y + 6e-4, lon: x + 1e-4 },
                { lat: y + 6e-4, lon: x + 2e-4 },
                { lat: y + 7e-4, lon: x + 2e-4 },
                { lat: y + 6e-4, lon: x + 1e-4 },
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(p('overpass.json'), JSON.stringify(doc));
    const r = await readOsmBuildings(p('overpass.json'), { displayName: 'overpass.json' });
    expect(r.features.map((f) => `${f.idPrefix}/${f.sourceId}`)).toEqual(['osm:way/10', 'osm:way/11', 'osm:relation/20']);
    expect(r.features[0].attributes).toMatchObject({ name: '시험 빌딩', use: 'office', height: 45, floors: 12, heightBasis: 'osm_height_tag' });
    expect(r.features[1].polygons[0][0]).toHaveLength(4);
    expect(r.features[2].polygons).toHaveLength(1);
    expect(r.features[2].polygons[0]).toHaveLength(2); // outer + hole
    expect(r.features[2].polygons[0][0]).toHaveLength(5); // joined and closed
    expect(r.issues).toEqual([
      { file: 'overpass.json', featureId: 'way/12', problem: '1 referenced node(s) missing from the file (e.g. node 99)', action: 'skipped' },
    ]);
  });

  it('reports truncated OSM JSON and unknown documents', async () => {
    const text = readFileSync(join(DATA_DIR, 'osm/dron_lab_hongjecheon_osm-snapshot.json'), 'utf8');
    writeFileSync(p('cut.json'), text.slice(0, 5000));
    const r = await readOsmBuildings(p('cut.json'), { displayName: 'cut.json' });
    expect(r.issues[0]).toMatchObject({ action: 'file-skipped' });
    writeFileSync(p('empty.json'), '{}');
    expect((await readOsmBuildings(p('empty.json'), { displayName: 'empty.json' })).issues[0].problem).toMatch(/neither/);
  });
});

describe('projection sanity for fixtures', () => {
  it('the 5186 fixture lies where cs2cs puts City Hall', () => {
    const [x, y] = fromWgs84('EPSG:5186', 126.9778, 37.5663);
    const out = execFileSync('cs2cs', ['-f', '%.3f', 'EPSG:4326', '+to', 'EPSG:5186'], { input: '37.5663 126.9778\n', encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(Math.abs(out[0] - y)).toBeLessThan(0.002);
    expect(Math.abs(out[1] - x)).toBeLessThan(0.002);
  });
});
