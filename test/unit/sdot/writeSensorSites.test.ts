// The sensor-sites pipeline stage on the real locations file, and on a broken source (FIXTURE).
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildIssue } from '../../../tiles/model/cityModel.js';
import { writeSensorSites } from '../../../tiles/layers/writeSensorSites.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const out = mkdtempSync(join(tmpdir(), 'vseoul-sdot-sites-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const log = (issues: BuildIssue[]) => ({ issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} });

describe('writeSensorSites', () => {
  it('writes the 851 real sites as a point layer whose positions round-trip to the CSV', async () => {
    const issues: BuildIssue[] = [];
    const [layer] = await writeSensorSites(DATA_DIR, join(out, 'real'), log(issues));
    expect(issues).toEqual([]);
    expect(layer).toMatchObject({
      id: 'sdot-sites',
      group: 'sensors',
      count: 851,
      rejected: 0,
      idColumn: 'serial',
      positionsPath: 'sensors/sdot-sites.positions.f32',
    });
    const f32 = new Float32Array(readFileSync(join(out, 'real', layer.positionsPath)).buffer.slice(0));
    const serials = (JSON.parse(readFileSync(join(out, 'real', layer.attributesPath), 'utf8')) as { columns: { serial: string[] } }).columns.serial;
    expect(f32.length).toBe(851 * 2);
    const csv = readFileSync(join(DATA_DIR, 'sdot', 'sdot_sensor_locations_2020.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    csv.forEach(([serial, lat, lon], i) => {
      expect(serials[i]).toBe(serial);
      expect(Math.abs(f32[2 * i] + layer.origin[0] - Number(lon))).toBeLessThan(1e-6); // ~0.1 m
      expect(Math.abs(f32[2 * i + 1] + layer.origin[1] - Number(lat))).toBeLessThan(1e-6);
    });
  });

  it('reports a missing file and bad rows as issues', async () => {
    const src = join(out, 'src');
    const issues: BuildIssue[] = [];
    expect(await writeSensorSites(src, join(out, 'none'), log(issues))).toEqual([]);
    expect(issues[0]).toMatchObject({ file: 'sdot/sdot_sensor_locations_2020.csv', action: 'file-skipped' });
    mkdirSync(join(src, 'sdot'), { recursive: true });
    writeFileSync(join(src, 'sdot', 'sdot_sensor_locations_2020.csv'), '시리얼,위도,경도\nFIXTURE1,37.5,127.0\nFIXTURE2,,\n');
    const issues2: BuildIssue[] = [];
    const [layer] = await writeSensorSites(src, join(out, 'bad'), log(issues2));
    expect(layer.count).toBe(1);
    expect(layer.rejected).toBe(1);
    expect(issues2).toEqual([
      { file: 'sdot/sdot_sensor_locations_2020.csv', featureId: 'FIXTURE2', problem: 'missing coordinates; row skipped', action: 'skipped' },
    ]);
  });
});
