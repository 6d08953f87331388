// The official Teheran-ro building file as users receive it: no CRS stated (EPSG:5174), national
// use codes. Checked against GDAL (ogr2ogr reprojecting the same file with PROJ), the published
// positions of two towers (SOURCES.md) and the raw attribute values.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIONAL_USES, nationalUseCode, nationalUseFromCode, useLabel } from '../../../common/buildingUses.js';
import type { BuildIssue } from '../../../tiles/model/cityModel.js';
import { readBuildingSources } from '../../../tiles/model/readSources.js';
import { readGeoJsonBuildings } from '../../../tiles/readers/geojson.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const TEHERAN = 'buildings/gangnam_teheran_building_register_2021_epsg5174.geojson';
const M_PER_DEG_LAT = 111_133;
const M_PER_DEG_LON = 111_320 * Math.cos((37.5 * Math.PI) / 180);

interface Doc {
  features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } }[];
}
const raw = JSON.parse(readFileSync(join(DATA_DIR, TEHERAN), 'utf8')) as Doc;
const collect = (issues: BuildIssue[]) => ({ issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} });

describe('a GeoJSON file that states no CRS', () => {
  it('without a configured crs: one line for the file, no building placed at a wrong spot', async () => {
    const found: BuildIssue[] = [];
    const read = await readBuildingSources(DATA_DIR, [{ path: TEHERAN, format: 'geojson' }], collect(found));
    expect(read.sources[0].buildings).toEqual([]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: TEHERAN, featureId: '*', action: 'file-skipped' });
    expect(found[0].problem).toMatch(/states no CRS and its coordinates are not lon\/lat \(e\.g\. 2033\d\d\.\d+, 4441\d\d\.\d+\): set "crs"/);
  });

  it('with crs EPSG:5174 from the config: every vertex where GDAL/PROJ puts it', async () => {
    const ours = await readGeoJsonBuildings(join(DATA_DIR, TEHERAN), { displayName: TEHERAN, crs: 'EPSG:5174' });
    expect(ours.issues).toEqual([]);
    expect(ours.features).toHaveLength(2079);
    const gdal = JSON.parse(
      execFileSync(
        'ogr2ogr',
        ['-f', 'GeoJSON', '-s_srs', 'EPSG:5174', '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=9', '/vsistdout/', join(DATA_DIR, TEHERAN)],
        {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      ),
    ) as Doc;
    expect(gdal.features).toHaveLength(2079);
    let worst = 0;
    let vertices = 0;
    gdal.features.forEach((f, i) => {
      expect(ours.features[i].sourceId).toBe(f.properties['UFID']);
      f.geometry.coordinates.forEach((poly, p) =>
        poly.forEach((ring, r) =>
          ring.forEach(([lon, lat], v) => {
            const [x, y] = ours.features[i].polygons[p][r][v];
            worst = Math.max(worst, Math.hypot((x - lon) * M_PER_DEG_LON, (y - lat) * M_PER_DEG_LAT));
            vertices++;
          }),
        ),
      );
    });
    expect(vertices).toBe(raw.features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0));
    expect(worst).toBeLessThan(0.01); // metres
  });

  it('puts Trade Tower and Gangnam Finance Center within 60 m of their published positions', async () => {
    const read = await readBuildingSources(DATA_DIR, [{ path: TEHERAN, format: 'geojson', crs: 'EPSG:5174', textRepair: 'cp949-read-as-latin1' }], collect([]));
    const centre = (name: string) => {
      const b = read.sources[0].buildings.find((x) => x.attributes.name === name);
      expect(b, name).toBeDefined();
      const ring = b!.polygons[0][0];
      return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    };
    const off = ([lon, lat]: number[], [lon0, lat0]: number[]) => Math.hypot((lon - lon0) * M_PER_DEG_LON, (lat - lat0) * M_PER_DEG_LAT);
    expect(off(centre('무역회관'), [127.06095, 37.51024])).toBeLessThan(60);
    expect(off(centre('강남파이낸스센터'), [127.03652, 37.49998])).toBeLessThan(60);
  });
});

describe('national use codes (건축법 시행령 별표 1)', () => {
  it('become readable uses that keep their code', () => {
    expect(nationalUseFromCode('02000')).toBe('공동주택 (02000)');
    expect(nationalUseFromCode(14000)).toBe('업무시설 (14000)');
    expect(nationalUseFromCode('99000')).toBeNull();
    expect(nationalUseFromCode('yes')).toBeNull();
    expect(nationalUseCode('공동주택 (02000)')).toBe('02000');
    expect(nationalUseCode('01000')).toBe('01000');
    expect(nationalUseCode('apartments')).toBeNull();
    expect(useLabel('공동주택 (02000)', 'en')).toBe('apartment houses (02000)');
    expect(useLabel('제2종근린생활시설 (04000)', 'ko')).toBe('제2종근린생활시설 (04000)');
    expect(useLabel('commercial', 'en')).toBe('commercial');
    expect(Object.keys(NATIONAL_USES)).toHaveLength(29);
  });

  it('every USABILITY code of the Teheran-ro file becomes its use, the rest stay unknown', async () => {
    const read = await readBuildingSources(DATA_DIR, [{ path: TEHERAN, format: 'geojson', crs: 'EPSG:5174' }], collect([]));
    const byId = new Map(read.sources[0].buildings.map((b) => [b.sourceId, b.attributes]));
    const seen = new Set<string>();
    for (const f of raw.features) {
      const code = f.properties['USABILITY'] as string | null;
      const a = byId.get(f.properties['UFID'] as string)!;
      expect(a.use).toBe(code === null ? '' : `${NATIONAL_USES[code as keyof typeof NATIONAL_USES].ko} (${code})`);
      expect(a.basementFloors).toBe(f.properties['UGRND_FLR']);
      if (code) seen.add(code);
    }
    expect([...seen].sort()).toEqual([
      '01000',
      '02000',
      '03000',
      '04000',
      '05000',
      '06000',
      '07000',
      '09000',
      '10000',
      '11000',
      '14000',
      '15000',
      '16000',
      '19000',
      '20000',
    ]);
  });
});
