// Ground layers from the real shared data, and a source dir with missing/broken files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundLayerInfo } from '../../../common/buildFormat.js';
import type { BuildIssue } from '../../../tiles/model/cityModel.js';
import { writeGroundLayers } from '../../../tiles/layers/writeGroundLayers.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
let out: string;
let layers: GroundLayerInfo[];
const issues: BuildIssue[] = [];
const collect = (list: BuildIssue[]) => ({ issue: (i: BuildIssue) => list.push(i), progress() {}, info() {} });

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vseoul-layers-'));
  layers = await writeGroundLayers(DATA_DIR, join(out, 'real'), collect(issues));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const read = (dir: string, path: string) => JSON.parse(readFileSync(join(out, dir, path), 'utf8'));

describe('ground layers from the real data', () => {
  it('writes water, waterways, parks, districts and roads with the source feature counts', () => {
    expect(issues).toEqual([]);
    expect(layers.map((l) => [l.id, l.path, l.kind, l.featureCount, l.defaultVisible])).toEqual([
      ['water', 'layers/water.geojson', 'polygon', 379 + 8, true], // 379 water bodies + 8 OSM water polygons
      ['waterways', 'layers/waterways.geojson', 'line', 11, true], // the 11 OSM river/stream lines
      ['parks', 'layers/parks.geojson', 'polygon', 1888 + 9, true],
      ['districts', 'layers/districts.geojson', 'polygon', 25, true],
      ['roads', 'layers/roads.geojson', 'line', 836, false],
    ]);
    for (const l of layers) {
      const doc = read('real', l.path);
      expect(doc.type).toBe('FeatureCollection');
      expect(doc.features).toHaveLength(l.featureCount);
      expect(l.attribution).not.toBe('');
    }
  });

  it('keeps names in Korean and English, and only the shown properties', () => {
    const districts = read('real', 'layers/districts.geojson').features;
    const jung = districts.find((f: { properties: { name: string } }) => f.properties.name === '중구');
    expect(jung.properties).toEqual({ name: '중구', nameEn: 'Jung-gu', kind: 'gu' });
    const parks = read('real', 'layers/parks.geojson').features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(parks).toContain('청진공원');
    const water = read('real', 'layers/waterways.geojson').features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(water).toContain('청계천');
  });

  it('rounds coordinates to 6 decimals', () => {
    const text = readFileSync(join(out, 'real', 'layers/water.geojson'), 'utf8');
    expect(text).not.toMatch(/\d\.\d{7,}/);
  });
});

describe('ground layers with missing and broken sources', () => {
  it('logs file-skipped lines and writes what it can', async () => {
    const src = join(out, 'src');
    mkdirSync(join(src, 'boundaries'), { recursive: true });
    mkdirSync(join(src, 'landuse'), { recursive: true });
    writeFileSync(
      join(src, 'boundaries/seoul_gu_kostat2013.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: '시험구', name_eng: 'Test-gu', code: '1' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [126.9, 37.5],
                  [127.0, 37.5],
                  [127.0, 37.6],
                  [126.9, 37.5],
                ],
              ],
            },
          },
          { type: 'Feature', properties: { code: '2' }, geometry: null },
        ],
      }),
    );
    writeFileSync(join(src, 'landuse/seoul_parks_upis.geojson'), '{"type": "FeatureCollection", "features": [');
    const found: BuildIssue[] = [];
    const result = await writeGroundLayers(src, join(out, 'partial'), collect(found));
    expect(result.map((l) => [l.id, l.featureCount])).toEqual([['districts', 1]]);
    expect(found.filter((i) => i.action === 'file-skipped').map((i) => i.file)).toEqual([
      'hydro/seoul_water_bodies.geojson',
      'hydro/seoul_osm_waterways_*.geojson',
      'hydro/seoul_osm_waterways_*.geojson',
      'landuse/seoul_parks_upis.geojson',
      'landuse/seoul_osm_parks_*.geojson',
      'roads/seoul_osm_roads_paths_*.geojson',
    ]);
    expect(found.find((i) => i.file === 'landuse/seoul_parks_upis.geojson')?.problem).toMatch(/invalid JSON/);
    expect(found.find((i) => i.action === 'skipped')).toMatchObject({ file: 'boundaries/seoul_gu_kostat2013.geojson', featureId: '2', action: 'skipped' });
  });
});
