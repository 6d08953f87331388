// The fire-layer stage: CSV rows with broken syntax, bad or swapped coordinates, short rows and
// duplicate ids are reported one line each and left out; the rest is written as Float32 offsets +
// columnar attributes that decode back to the source values. Also the real files' counts.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildIssue, BuildLog } from '../../../tiles/model/cityModel.js';
import { FIRE_SOURCES, writeFireLayers } from '../../../tiles/layers/writeFireLayers.js';
import { gapsToCsv, gapsToGeoJson } from '../../../renderer/src/fire/coverageExport.js';
import { DATA_DIR } from '../../support/fireData.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-fire-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function collect(): { log: BuildLog; issues: BuildIssue[] } {
  const issues: BuildIssue[] = [];
  return { issues, log: { issue: (i) => issues.push(i), progress: () => {}, info: () => {} } };
}

describe('fire layers stage', () => {
  it('reports every broken row and writes the good ones exactly (hand-made fixture CSV)', async () => {
    const src = path.join(tmp, 'src');
    mkdirSync(path.join(src, 'fire'), { recursive: true });
    writeFileSync(
      path.join(src, 'fire/seoul_fire_water_facilities.csv'),
      [
        'facility_no,facility_type,gu,road_address,lot_address,lat,lon,safe_center,detail_location,type_label_seoul_csv',
        'FIX-1,소화전,중구,"서울특별시 중구 세종대로 110, 앞",,37.5663,126.9779,태평로119안전센터,,급수탑',
        'FIX-2,소화전,중구,주소 "따옴표,,37.5664,126.9780,,,',
        'FIX-3,소화전,중구,,,,126.9781,,,',
        'FIX-4,소화전,중구,,,126.9782,37.5665,,,',
        'FIX-5,소화전,중구,,,37.5666',
        'FIX-1,소화전,중구,,,37.5667,126.9783,,,',
        'FIX-6,소화전,강남구,서울특별시 강남구 양재대로 478,,37.4760652661,127.0672861878,,,',
      ].join('\n'),
    );
    const out = path.join(tmp, 'build');
    const { log, issues } = collect();
    const layers = await writeFireLayers(src, out, log, FIRE_SOURCES.slice(0, 1));
    expect(layers).toHaveLength(1);
    const info = layers[0];
    expect(info.count).toBe(2);
    expect(info.rejected).toBe(5);
    const problems = issues.map((i) => `${i.featureId}: ${i.problem}`);
    expect(problems).toEqual([
      expect.stringMatching(/^line 3: broken CSV record: Invalid Opening Quote/),
      'FIX-3 (line 4): bad coordinate lat="" lon="126.9781"',
      'FIX-4 (line 5): coordinate 37.5665, 126.9782 outside Seoul (lat and lon look swapped)',
      'FIX-5 (line 6): row has 6 field(s), the header 10',
      'FIX-1 (line 7): duplicate facility_no FIX-1; the first row is kept',
    ]);
    expect(issues.every((i) => i.action === 'skipped' && i.file === 'fire/seoul_fire_water_facilities.csv')).toBe(true);
    const f32 = new Float32Array(Uint8Array.from(readFileSync(path.join(out, info.positionsPath))).buffer);
    const attrs = JSON.parse(readFileSync(path.join(out, info.attributesPath), 'utf8')) as { columns: Record<string, string[]> };
    expect(attrs.columns.facility_no).toEqual(['FIX-1', 'FIX-6']);
    expect(attrs.columns.road_address[0]).toBe('서울특별시 중구 세종대로 110, 앞');
    // Float32 offsets from the origin keep millimetres: within 1e-7 degrees of the source.
    expect(Math.abs(f32[2] + info.origin[0] - 127.0672861878)).toBeLessThan(1e-7);
    expect(Math.abs(f32[3] + info.origin[1] - 37.4760652661)).toBeLessThan(1e-7);
    expect(info.caveats.type_label_seoul_csv).toMatch(/Unverified/);
  });

  it('a missing file is one issue line; the stage goes on', async () => {
    const { log, issues } = collect();
    const layers = await writeFireLayers(path.join(tmp, 'nowhere'), path.join(tmp, 'b2'), log);
    expect(layers).toEqual([]);
    expect(issues.map((i) => i.action)).toEqual(['file-skipped', 'file-skipped', 'file-skipped']);
  });

  it('reads the real files: 62,732 facilities, 2,695 devices, 177 stations, nothing rejected', async () => {
    const { log, issues } = collect();
    const layers = await writeFireLayers(DATA_DIR, path.join(tmp, 'real'), log);
    expect(Object.fromEntries(layers.map((l) => [l.id, l.count]))).toEqual({ 'fire-hydrants': 62_732, 'fire-emergency-devices': 2_695, 'fire-stations': 177 });
    expect(issues).toEqual([]);
  });
});

describe('coverage gap exports', () => {
  const row = {
    id: 'osm:way/1',
    name: '테스트, "건물"',
    use: 'apartments',
    zone: 'residential',
    limitM: 100,
    distanceM: 123.45,
    nearestFacility: 'FIX-1',
    hazardScore: 61.27,
    lon: 126.98,
    lat: 37.57,
    ring: [
      [126.98, 37.57],
      [126.981, 37.57],
      [126.981, 37.571],
    ],
  };
  it('CSV quotes fields with commas and quotes, starts with a BOM and the note', () => {
    const csv = gapsToCsv([row], 'fixture note');
    expect(csv.startsWith('\ufeff# fixture note\r\n')).toBe(true);
    expect(csv.split('\r\n')[2]).toBe('osm:way/1,"테스트, ""건물""",apartments,residential,100,123.5,FIX-1,61.3,126.980000,37.570000');
  });
  it('GeoJSON closes the ring and carries the figures', () => {
    const fc = JSON.parse(gapsToGeoJson([row], 'n')) as { features: Array<{ geometry: { coordinates: number[][][] }; properties: Record<string, unknown> }> };
    const ring = fc.features[0].geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(fc.features[0].properties.distance_m).toBe(123.5);
  });
});
