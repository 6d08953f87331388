// Ground layers from the real shared data, and a source dir with missing/broken files. The imagery
// tiles are checked with GDAL: it decodes the PNGs, and gdal_rasterize draws the same GeoJSON onto
// the same tiles as the oracle for where each layer paints.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundLayerInfo } from '../../../common/buildFormat.js';
import { groundStyle, rgbOf } from '../../../common/groundStyle.js';
import { inRanges, tilesInRanges, type TileRange } from '../../../common/tileRanges.js';
import type { BuildIssue } from '../../../tiles/model/cityModel.js';
import { writeGroundLayers } from '../../../tiles/layers/writeGroundLayers.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
let out: string;
let layers: GroundLayerInfo[];
const issues: BuildIssue[] = [];
const collect = (list: BuildIssue[]) => ({ issue: (i: BuildIssue) => list.push(i), progress() {}, info() {} });

let seconds = 0;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vseoul-layers-'));
  const started = performance.now();
  layers = await writeGroundLayers(DATA_DIR, join(out, 'real'), collect(issues));
  seconds = (performance.now() - started) / 1000;
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

const CITY_HALL: [number, number] = [126.9779, 37.5663];

function tileBox(z: number, x: number, y: number): [number, number, number, number] {
  const size = 180 / 2 ** z;
  return [-180 + x * size, 90 - (y + 1) * size, -180 + (x + 1) * size, 90 - y * size];
}

/** Band 1 of a raster GDAL reads (palette indices of our PNGs), row-major from the top, as raw bytes. */
function gdalPixels(file: string): Uint8Array {
  execFileSync('gdal_translate', ['-q', '-of', 'ENVI', file, `${file}.bin`]);
  return readFileSync(`${file}.bin`);
}

/** The layer's GeoJSON as GDAL should draw it: district boundaries are drawn as lines (their rings). */
function oracleSource(layer: GroundLayerInfo): string {
  const source = join(out, 'real', layer.path);
  if (!groundStyle(layer.id).outlinePolygons) return source;
  const rings = join(out, `${layer.id}-rings.geojson`);
  execFileSync('ogr2ogr', ['-q', '-overwrite', '-nlt', 'MULTILINESTRING', rings, source]);
  return rings;
}

/**
 * gdal_rasterize of the layer's GeoJSON onto the tile, 1 where GDAL paints (polygons: the sample
 * point inside; lines: pixels the line crosses). `rows` other than 256 samples each pixel row that
 * many / 256 times, at the centres of equal horizontal strips.
 */
function gdalRasterized(source: string, z: number, x: number, y: number, rows = 256): Uint8Array {
  const raw = join(out, `oracle-${z}-${x}-${y}-${rows}.bin`);
  const te = tileBox(z, x, y).map(String);
  execFileSync('gdal_rasterize', ['-q', '-of', 'ENVI', '-burn', '1', '-ot', 'Byte', '-init', '0', '-te', ...te, '-ts', '256', String(rows), source, raw]);
  return readFileSync(raw);
}

function availableOf(layer: GroundLayerInfo): TileRange[][] {
  return JSON.parse(readFileSync(join(out, 'real', layer.imagery!.availablePath), 'utf8')).available;
}

/** Written tiles of level z, nearest City Hall first. */
function writtenNearCityHall(layer: GroundLayerInfo, z: number, count: number): [number, number][] {
  const size = 180 / 2 ** z;
  const tiles = availableOf(layer)[z].flatMap((r) => {
    const list: [number, number][] = [];
    for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) list.push([x, y]);
    return list;
  });
  const dist = ([x, y]: [number, number]) => Math.hypot(-180 + (x + 0.5) * size - CITY_HALL[0], 90 - (y + 0.5) * size - CITY_HALL[1]);
  return tiles.sort((a, b) => dist(a) - dist(b)).slice(0, count);
}

describe('ground layers drawn into imagery tiles', () => {
  it('draws every layer, and tiles.json lists exactly the tiles on disk', () => {
    const total = layers.reduce((n, l) => n + l.imagery!.tileCount, 0);
    const bytes = layers.reduce((n, l) => n + l.imagery!.bytes, 0);
    console.log(`imagery: ${total} tiles, ${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s for all ground layers (GeoJSON included)`);
    for (const l of layers) {
      expect(l.imagery).toMatchObject({ tiles: `layers/${l.id}/{z}/{x}/{y}.png`, availablePath: `layers/${l.id}/tiles.json`, maxLevel: 16 });
      const available = availableOf(l);
      expect(available).toHaveLength(17);
      const onDisk: string[] = [];
      const root = join(out, 'real', 'layers', l.id);
      for (const z of readdirSync(root).filter((d) => /^\d+$/.test(d)))
        for (const x of readdirSync(join(root, z))) for (const f of readdirSync(join(root, z, x))) onDisk.push(`${z}/${x}/${f.replace('.png', '')}`);
      expect(onDisk).toHaveLength(available.reduce((n, ranges) => n + tilesInRanges(ranges), 0));
      for (const key of onDisk) {
        const [z, x, y] = key.split('/').map(Number);
        expect(inRanges(available[z], x, y)).toBe(true);
      }
      expect(onDisk.length).toBe(l.imagery!.tileCount);
      expect(l.bbox![0]).toBeLessThan(l.bbox![2]);
    }
    // The whole city, not the building patches: districts reach from Gangseo to Gangdong.
    const districts = layers.find((l) => l.id === 'districts')!;
    expect(districts.bbox![0]).toBeLessThan(126.8);
    expect(districts.bbox![2]).toBeGreaterThan(127.15);
  });

  it('PNGs GDAL decodes: 256 x 256, a palette of the layer colour from clear to its opacity', () => {
    for (const l of layers) {
      const [x, y] = writtenNearCityHall(l, 14, 1)[0];
      const info = JSON.parse(execFileSync('gdalinfo', ['-json', join(out, 'real', 'layers', l.id, '14', String(x), `${y}.png`)], { encoding: 'utf8' }));
      expect(info.size).toEqual([256, 256]);
      const entries: number[][] = info.bands[0].colorTable.entries;
      const style = groundStyle(l.id);
      const fills = !style.outlinePolygons && style.fill !== null;
      const rgb = rgbOf(fills ? style.fill! : style.line);
      expect(entries[0]).toEqual([...rgb, 0]);
      expect(entries[entries.length - 1]).toEqual([...rgb, Math.round(255 * (fills ? style.fillAlpha : style.lineAlpha))]);
    }
  });

  // GDAL paints a polygon's pixel when its centre is inside. We draw area coverage sampled on 4
  // sub-scanlines per pixel row (y = row + 1/8, 3/8, 5/8, 7/8), exactly along each. So where we paint
  // a pixel fully, all 4 sub-scanlines are (almost) covered across the pixel, and GDAL sampling the
  // same 4 strips (256 x 1024) paints all 4 points of that pixel's centre column. A sliver thinner
  // than a strip between two parks can hide between the strips, so the 256 x 256 centre rule may differ.
  it('paints where gdal_rasterize paints the same GeoJSON; they differ only in anti-aliased edge pixels', () => {
    for (const l of layers) {
      const polygons = l.kind === 'polygon' && !groundStyle(l.id).outlinePolygons;
      const source = oracleSource(l);
      let compared = 0,
        missed = 0,
        extra = 0,
        centreOnly = 0,
        edgeOnly = 0;
      for (const z of [11, 14, 16]) {
        for (const [x, y] of writtenNearCityHall(l, z, 2)) {
          const mine = gdalPixels(join(out, 'real', 'layers', l.id, String(z), String(x), `${y}.png`));
          const oracle = gdalRasterized(source, z, x, y);
          const strips = polygons ? gdalRasterized(source, z, x, y, 1024) : oracle;
          for (let i = 0; i < mine.length; i++) {
            compared++;
            if (oracle[i] && mine[i] === 0) missed++;
            if (!polygons) continue;
            const [row, column] = [Math.floor(i / 256), i % 256];
            const stripsPainted = [0, 1, 2, 3].every((q) => strips[(4 * row + q) * 256 + column] === 1);
            if (mine[i] === 63 && !stripsPainted) extra++;
            if (mine[i] === 63 && !oracle[i]) centreOnly++;
            if (Boolean(oracle[i]) !== mine[i] >= 32) edgeOnly += mine[i] > 0 && mine[i] < 63 ? 1 : 0;
          }
        }
      }
      console.log(
        `${l.id}: ${compared} pixels compared with gdal_rasterize: ${missed} painted by GDAL only, ${extra} fully painted by us where GDAL's 4 strips are not, ` +
          `${centreOnly} fully painted by us with the centre outside (a sliver between the strips), ${edgeOnly} edge pixels rounded the other way`,
      );
      // Slivers thinner than 1/126 of a pixel may round to clear while GDAL paints their pixel centre.
      expect(missed).toBeLessThan(compared * 0.001);
      expect(extra).toBe(0);
      expect(centreOnly).toBeLessThan(compared * 0.0001);
    }
  });

  it('leaves out only tiles that are blank or filled throughout (gdal_rasterize says the same)', () => {
    // Every level-14 tile over the layer's box, rasterized by GDAL in one go (raw bytes, ENVI).
    const z = 14;
    const size = 180 / 2 ** z;
    for (const l of layers.filter((x) => x.id === 'water' || x.id === 'parks')) {
      const available = availableOf(l);
      const [west, south, east, north] = l.bbox!;
      const [x0, x1] = [Math.floor((west + 180) / size), Math.floor((east + 180) / size)];
      const [y0, y1] = [Math.floor((90 - north) / size), Math.floor((90 - south) / size)];
      const [columns, rows] = [(x1 - x0 + 1) * 256, (y1 - y0 + 1) * 256];
      const raw = join(out, `oracle-${l.id}-z${z}.bin`);
      const te = [...tileBox(z, x0, y1).slice(0, 2), ...tileBox(z, x1, y0).slice(2)].map(String);
      execFileSync('gdal_rasterize', [
        '-q',
        '-of',
        'ENVI',
        '-burn',
        '1',
        '-ot',
        'Byte',
        '-init',
        '0',
        '-te',
        ...te,
        '-ts',
        String(columns),
        String(rows),
        join(out, 'real', l.path),
        raw,
      ]);
      const pixels = readFileSync(raw);
      expect(pixels.length).toBe(columns * rows);
      let blank = 0,
        filled = 0,
        written = 0;
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          if (inRanges(available[z], x, y)) {
            written++;
            continue;
          }
          const first = pixels[(y - y0) * 256 * columns + (x - x0) * 256];
          let uniform = true;
          for (let r = 0; r < 256 && uniform; r++) {
            const at = ((y - y0) * 256 + r) * columns + (x - x0) * 256;
            for (let c = 0; c < 256; c++) if (pixels[at + c] !== first) uniform = false;
          }
          expect(uniform, `${l.id} ${z}/${x}/${y} was left out but GDAL paints part of it`).toBe(true);
          if (first) filled++;
          else blank++;
        }
      console.log(`${l.id}, level ${z} over its box: ${written} tiles written, ${blank} left out blank, ${filled} left out filled (GDAL agrees on all)`);
      expect(written).toBeGreaterThan(0);
      expect(blank).toBeGreaterThan(0);
      if (l.id === 'parks') expect(filled).toBeGreaterThan(0); // inside Bukhansan, Gwanaksan
    }
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
