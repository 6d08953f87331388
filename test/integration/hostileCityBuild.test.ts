// Hostile or careless input to the city build (issue 15, "City build"): every file is made by the
// test in a temp folder, from real footprints of the shared data (OSM Cheonggyecheon patch) where a
// footprint is needed, and every defect must come out as one line (file, feature, problem, what was
// done) while the rest of the file builds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_PATHS } from '../../common/buildFormat.js';
import { buildCity, BuildFailedError } from '../../tiles/buildCity.js';
import type { BuildIssue, CityBuilding } from '../../tiles/model/cityModel.js';
import { createElevationModel } from '../../tiles/model/elevation.js';
import { MAX_TEXT_CHARS } from '../../tiles/model/featureLimits.js';
import { loadCityModel } from '../../tiles/model/loadCity.js';
import { writeSurfaceTiles } from '../../tiles/raster/writeSurfaceTiles.js';
import { readShapefileBuildings } from '../../tiles/readers/shapefile.js';

const REPO = path.resolve(__dirname, '../..');
const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(REPO, '../shared/data');
const OSM = 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson';
const collect = (issues: BuildIssue[]) => ({ issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} });
const quiet = { issue() {}, progress() {}, info() {} };

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}
/** The first `n` single-polygon buildings of the real OSM patch, as GeoJSON features. */
function realFeatures(n: number): Feature[] {
  const doc = JSON.parse(readFileSync(path.join(SOURCE, OSM), 'utf8')) as { features: Feature[] };
  return doc.features.filter((f) => f.geometry.type === 'Polygon' && f.geometry.coordinates.length === 1).slice(0, n);
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-hostile-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const writeGeoJson = (name: string, features: Feature[]) => {
  const file = path.join(tmp, name);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
};
const writeConfig = (buildings: object[]) => {
  const file = path.join(tmp, `sources-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ buildings }));
  return file;
};
/** The model from one GeoJSON file (no elevation grids: the checks are about the buildings). */
async function loadOne(file: string, extra: object = {}) {
  const issues: BuildIssue[] = [];
  const model = await loadCityModel({ sourceDir: tmp, sourcesConfig: writeConfig([{ path: file, format: 'geojson', ...extra }]) }, collect(issues));
  return { model, issues, lines: issues.filter((i) => i.action !== 'defaulted') };
}
/** GDAL writes the shapefile from a GeoJSON file (as the national layers are made). */
function ogrShapefile(shp: string, geojson: string, encoding: string): void {
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', `ENCODING=${encoding}`, shp, geojson]);
}

describe('a hole far outside its outer ring', () => {
  /** A real footprint with a copy of itself 5 km east as its "hole". */
  const holeFarAway = () => {
    const [f] = realFeatures(1);
    const outer = f.geometry.coordinates[0];
    const hole = [...outer].reverse().map(([lon, lat]) => [lon + 0.057, lat]);
    return { f: { ...f, geometry: { type: 'Polygon' as const, coordinates: [outer, hole] } }, outer };
  };

  it('is dropped with one line; the building keeps its outer ring', async () => {
    const { f, outer } = holeFarAway();
    const { model, lines } = await loadOne(writeGeoJson('hole.geojson', [f, ...realFeatures(3).slice(1)]));
    expect(model.buildings).toHaveLength(3);
    const id = String(f.properties['osm_id']);
    expect(lines).toEqual([
      { file: 'hole.geojson', featureId: id, problem: 'hole 1 lies outside the outer ring; hole dropped, outer ring kept', action: 'repaired' },
    ]);
    const b = model.buildings.find((x) => x.sourceId === id)!;
    expect(b.polygons).toHaveLength(1);
    expect(b.polygons[0]).toHaveLength(1);
    expect(b.polygons[0][0]).toHaveLength(outer.length - 1);
  });

  it('does not stretch the surface model: its extent comes from the outer rings', async () => {
    const { f } = holeFarAway();
    const { model } = await loadOne(writeGeoJson('plain.geojson', [realFeatures(1)[0]]));
    const plain = model.buildings[0];
    // The building as a reader would hand it over without the repair: the far hole still attached.
    const withHole: CityBuilding = { ...plain, polygons: [[plain.polygons[0][0], f.geometry.coordinates[1].slice(0, -1) as [number, number][]]] };
    const elevation = createElevationModel([]);
    const a = await writeSurfaceTiles({ buildings: [plain], elevation }, path.join(tmp, 'surface-plain'), quiet);
    const b = await writeSurfaceTiles({ buildings: [withHole], elevation }, path.join(tmp, 'surface-hole'), quiet);
    expect(b.tiles).toEqual(a.tiles);
    expect(b.areas.map(({ minX, minY, maxX, maxY }) => [minX, minY, maxX, maxY])).toEqual(
      a.areas.map(({ minX, minY, maxX, maxY }) => [minX, minY, maxX, maxY]),
    );
    expect(a.tiles.length).toBeLessThanOrEqual(4);
  });

  it('a hole crossing its outer ring is cut out of it, one line', async () => {
    const [f] = realFeatures(1);
    const outer = f.geometry.coordinates[0];
    const lons = outer.map((p) => p[0]),
      lats = outer.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    // A box over the eastern half of the footprint reaching well past it.
    const mid = (w + e) / 2;
    const hole = [
      [mid, s - 0.001],
      [e + 0.001, s - 0.001],
      [e + 0.001, n + 0.001],
      [mid, n + 0.001],
      [mid, s - 0.001],
    ];
    const { model, lines } = await loadOne(writeGeoJson('crossing.geojson', [{ ...f, geometry: { type: 'Polygon', coordinates: [outer, hole] } }]));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: 'crossing.geojson', featureId: String(f.properties['osm_id']), action: 'repaired' });
    expect(lines[0].problem).toMatch(/^1 hole\(s\) cross the outer ring; cut out of it \(\d+ polygon\(s\) left\)$/);
    const kept = model.buildings[0].polygons.flatMap((p) => p[0]);
    expect(Math.max(...kept.map((p) => p[0]))).toBeLessThanOrEqual(mid + 1e-12);
    expect(model.buildings[0].polygons.every((p) => p.length === 1)).toBe(true);
  });
});

describe('implausible heights and floors', () => {
  it('are flagged and not built as measured; the building falls back to floors or the default by use', async () => {
    const [a, b, c] = realFeatures(3);
    const feats = [
      { ...a, properties: { ...a.properties, height_m: 1_000_000, levels: 12 } },
      { ...b, properties: { ...b.properties, height_m: null, levels: 99_999 } },
      { ...c, properties: { ...c.properties, height_m: 90, levels: 20 } },
    ];
    const { model, lines } = await loadOne(writeGeoJson('heights.geojson', feats));
    const by = (f: Feature) => model.buildings.find((x) => x.sourceId === String(f.properties['osm_id']))!;
    expect(by(a)).toMatchObject({ heightSource: 'floors', floors: 12, height: 39.6 });
    expect(by(a).heightNote).toBe('12 floors x 3.3 m; source height 1000000 m (above 600 m) ignored as implausible');
    expect(by(b).heightSource).toBe('default-by-use');
    expect(by(b).heightNote).toMatch(/\(assumed\); source 99999 floors \(above 150\) ignored as implausible$/);
    expect(by(c)).toMatchObject({ heightSource: 'measured', height: 90 });
    expect(lines).toEqual([
      {
        file: 'heights.geojson',
        featureId: String(a.properties['osm_id']),
        problem: 'height 1000000 m (above 600 m) implausible: not trusted as measured; built 39.6 m from the floors',
        action: 'note',
      },
      {
        file: 'heights.geojson',
        featureId: String(b.properties['osm_id']),
        problem: `99999 floors (above 150) implausible: not trusted as measured; built ${by(b).height} m from the default by use`,
        action: 'note',
      },
    ]);
  });

  it('give way to a plausible record of another source describing the same building', async () => {
    const [a] = realFeatures(1);
    const bad = writeGeoJson('bad-height.geojson', [
      { ...a, properties: { ...a.properties, height_m: 1_000_000, levels: null, height_basis: 'osm_height_tag' } },
    ]);
    const good = writeGeoJson('good-height.geojson', [{ ...a, properties: { ...a.properties, height_m: 21.5, levels: 6, height_basis: 'osm_height_tag' } }]);
    const issues: BuildIssue[] = [];
    const model = await loadCityModel(
      {
        sourceDir: tmp,
        sourcesConfig: writeConfig([
          { path: bad, format: 'geojson', priority: 2, idScheme: 'osm:way' },
          { path: good, format: 'geojson', priority: 1, idScheme: 'osm:way' },
        ]),
      },
      collect(issues),
    );
    expect(model.buildings).toHaveLength(1);
    expect(model.buildings[0]).toMatchObject({ source: 'bad-height.geojson', heightSource: 'measured', height: 21.5 });
    expect(issues).toContainEqual({
      file: 'bad-height.geojson',
      featureId: String(a.properties['osm_id']),
      problem: `height 1000000 m (above 600 m) implausible: not trusted as measured; taken from good-height.geojson [${String(a.properties['osm_id'])}]`,
      action: 'note',
    });
  });
});

describe('oversized properties', () => {
  it('a 10 MB name is truncated with one line; the other buildings are untouched', async () => {
    const feats = realFeatures(3);
    const huge = 'A'.repeat(10 * 1024 * 1024);
    feats[1] = { ...feats[1], properties: { ...feats[1].properties, name: huge } };
    const { model, lines } = await loadOne(writeGeoJson('huge-name.geojson', feats));
    expect(model.buildings).toHaveLength(3);
    const id = String(feats[1].properties['osm_id']);
    expect(model.buildings.find((b) => b.sourceId === id)!.name).toBe('A'.repeat(MAX_TEXT_CHARS));
    expect(lines).toEqual([
      {
        file: 'huge-name.geojson',
        featureId: id,
        problem: 'the name is 10,485,760 characters long (at most 256): truncated to the first 256',
        action: 'repaired',
      },
    ]);
  });
});

describe('buildings outside the city', () => {
  /** Real footprints moved to Tokyo (the same shapes, 12.7 degrees east and 1.9 south). */
  const tokyo = () =>
    realFeatures(5).map((f) => ({
      ...f,
      geometry: { type: 'Polygon' as const, coordinates: f.geometry.coordinates.map((r) => r.map(([lon, lat]) => [lon + 12.7, lat - 1.9])) },
    }));

  it('are refused with one line for the file; the config can allow them', async () => {
    const file = writeGeoJson('tokyo.geojson', [...tokyo(), ...realFeatures(7).slice(5)]);
    const refused = await loadOne(file);
    expect(refused.model.buildings).toHaveLength(2);
    expect(refused.model.skipped).toBe(5);
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).toMatchObject({ file: 'tokyo.geojson', featureId: String(tokyo()[0].properties['osm_id']), action: 'skipped' });
    expect(refused.lines[0].problem).toMatch(
      /^5 building\(s\) lie outside the city's extent \(lon 126\.65 to 127\.3, lat 37\.35 to 37\.8\), the first at \(139\.6\d+, 35\.6\d+\): refused; set "allowOutsideCity": true/,
    );
    const allowed = await loadOne(file, { allowOutsideCity: true });
    expect(allowed.model.buildings).toHaveLength(7);
    expect(allowed.lines).toEqual([]);
  });

  it('a build of buildings in Tokyo fails and leaves the Seoul build in place', async () => {
    const out = path.join(tmp, 'city-build');
    const seoul = writeGeoJson('seoul.geojson', realFeatures(20));
    const first = await buildCity(
      { sourceDir: SOURCE, outDir: out, sourcesConfig: writeConfig([{ path: seoul, format: 'geojson' }]), skipSurfaceModel: true, terrain: { maxLevel: 10 } },
      quiet,
    );
    expect(first.buildingsBuilt).toBe(20);
    const before = readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8');
    const found: BuildIssue[] = [];
    const attempt = buildCity(
      { sourceDir: SOURCE, outDir: out, sourcesConfig: writeConfig([{ path: writeGeoJson('only-tokyo.geojson', tokyo()), format: 'geojson' }]) },
      collect(found),
    );
    await expect(attempt).rejects.toThrow(BuildFailedError);
    expect(found.filter((i) => i.file.endsWith('only-tokyo.geojson')).map((i) => i.problem)).toEqual([
      expect.stringMatching(/^5 building\(s\) lie outside the city's extent/),
    ]);
    expect(readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8')).toBe(before);
  });
});

describe('shapefiles', () => {
  const dir = () => mkdtempSync(path.join(tmp, 'shp-'));

  it('an empty .shp (header only) and a 0-byte .shp are one clear line each, no internal error', async () => {
    const d = dir();
    const empty = writeGeoJson('empty.geojson', []);
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-nlt', 'POLYGON', '-a_srs', 'EPSG:4326', path.join(d, 'empty.shp'), empty]);
    expect(readFileSync(path.join(d, 'empty.shp')).byteLength).toBe(100);
    const header = await readShapefileBuildings(path.join(d, 'empty.shp'), { displayName: 'empty.shp' });
    expect(header).toEqual({
      features: [],
      issues: [{ file: 'empty.shp', featureId: '*', problem: 'the .shp holds no shapes (a header only): no buildings in this file', action: 'file-skipped' }],
    });
    writeFileSync(path.join(d, 'empty.shp'), Buffer.alloc(0));
    const zero = await readShapefileBuildings(path.join(d, 'empty.shp'), { displayName: 'empty.shp' });
    expect(zero).toEqual({
      features: [],
      issues: [
        {
          file: 'empty.shp',
          featureId: '*',
          problem: 'the .shp is 0 bytes, shorter than its 100-byte header: empty or cut off, no shapes read',
          action: 'file-skipped',
        },
      ],
    });
  });

  /** Real Korean-named buildings of the patch, as a shapefile in `encoding`. */
  const koreanShapefile = (d: string, encoding: string) => {
    const named = JSON.parse(readFileSync(path.join(SOURCE, OSM), 'utf8')) as { features: Feature[] };
    const feats = named.features
      .filter((f) => f.geometry.type === 'Polygon' && typeof f.properties['name'] === 'string' && /[가-힣]/.test(f.properties['name']))
      .slice(0, 6);
    const src = writeGeoJson(`named-${encoding}.geojson`, feats);
    ogrShapefile(path.join(d, 'b.shp'), src, encoding);
    return feats;
  };

  it('a CP949 .dbf whose .cpg says UTF-8: one line suggesting CP949', async () => {
    const d = dir();
    const feats = koreanShapefile(d, 'CP949');
    writeFileSync(path.join(d, 'b.cpg'), 'UTF-8');
    const r = await readShapefileBuildings(path.join(d, 'b.shp'), { displayName: 'b.shp' });
    expect(r.features).toHaveLength(feats.length);
    expect(r.features.every((f) => f.attributes.name.includes('\uFFFD'))).toBe(true);
    expect(r.issues).toEqual([
      {
        file: 'b.shp',
        featureId: String(feats[0].properties['osm_id']),
        problem: `the .dbf text is not in the encoding it was read as (the .cpg says UTF-8) but in CP949: ${feats.length} record(s) with garbled text (${feats.length} with U+FFFD replacement characters); write CP949 into the .cpg; kept as read`,
        action: 'note',
      },
    ]);
    // As the .cpg should say: no line, the names as GDAL wrote them.
    writeFileSync(path.join(d, 'b.cpg'), 'CP949');
    const right = await readShapefileBuildings(path.join(d, 'b.shp'), { displayName: 'b.shp' });
    expect(right.issues).toEqual([]);
    expect(right.features.map((f) => f.attributes.name)).toEqual(feats.map((f) => f.properties['name']));
  });

  it('a UTF-8 .dbf read as CP949 (no .cpg): one line suggesting UTF-8', async () => {
    const d = dir();
    const feats = koreanShapefile(d, 'UTF-8');
    rmSync(path.join(d, 'b.cpg'));
    const r = await readShapefileBuildings(path.join(d, 'b.shp'), { displayName: 'b.shp' });
    expect(r.features).toHaveLength(feats.length);
    expect(r.features.map((f) => f.attributes.name)).not.toEqual(feats.map((f) => f.properties['name']));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: 'b.shp', featureId: String(feats[0].properties['osm_id']), action: 'note' });
    expect(r.issues[0].problem).toMatch(
      new RegExp(
        `^the \\.dbf text is not in the encoding it was read as \\(CP949 is the default\\) but in UTF-8: ${feats.length} record\\(s\\) with garbled text.*; set "encoding": "utf-8" for this source in the sources config; kept as read$`,
      ),
    );
    const right = await readShapefileBuildings(path.join(d, 'b.shp'), { displayName: 'b.shp', encoding: 'utf-8' });
    expect(right.issues).toEqual([]);
    expect(right.features.map((f) => f.attributes.name)).toEqual(feats.map((f) => f.properties['name']));
  });

  it('a GeoJSON file holding CP949 bytes: one line naming the file and suggesting the conversion', async () => {
    const feats = realFeatures(40).filter((f) => typeof f.properties['name'] === 'string' && /[가-힣]/.test(f.properties['name']));
    expect(feats.length).toBeGreaterThan(0);
    const utf8 = path.join(tmp, 'named-utf8.geojson');
    writeFileSync(utf8, JSON.stringify({ type: 'FeatureCollection', features: feats }));
    const cp949 = path.join(tmp, 'named-cp949.geojson');
    writeFileSync(cp949, execFileSync('iconv', ['-f', 'utf-8', '-t', 'cp949', utf8]));
    const { lines } = await loadOne(cp949);
    expect(lines).toEqual([
      {
        file: 'named-cp949.geojson',
        featureId: String(feats[0].properties['osm_id']),
        problem: `${feats.length} name(s) hold U+FFFD replacement characters: the text was not UTF-8 when the file was written (CP949?); convert the source from CP949 to UTF-8 (e.g. iconv -f cp949 -t utf-8); kept as read`,
        action: 'note',
      },
    ]);
  });
});
