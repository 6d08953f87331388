// Seoul Open API page parsing (both row generations), the reading store (duplicates, unknown
// serials, silence, history). All rows and readings here are hand-made FIXTURES in the real shapes.
import { describe, expect, it } from 'vitest';
import { ReadingStore } from '../../../main/feeds/sdot/readingStore.js';
import { parseSeoulApiPage, seoulApiUrl } from '../../../common/sdot/seoulOpenApi.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { resolveSdotConfig } from '../../../main/feeds/sdot/config.js';

const page = (rows: unknown[], total = rows.length) =>
  JSON.stringify({ IotVdata017: { list_total_count: total, RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' }, row: rows } });

describe('Seoul Open API pages', () => {
  it('builds the public URL pattern', () => {
    expect(seoulApiUrl('http://openapi.seoul.go.kr:8088/', 'k e y', 'IotVdata017', 1, 1000)).toBe(
      'http://openapi.seoul.go.kr:8088/k%20e%20y/json/IotVdata017/1/1000/',
    );
  });

  it('reads the newer (SN, MSRMT_HR, AVG_TP …) and older (SENSING_TIME, AVG_TEMP …) rows', () => {
    const p = parseSeoulApiPage(
      page([
        {
          MDL_NO: 'FIXTURE',
          SN: 'V02Q1940043',
          MSRMT_HR: '2026-04-11_13',
          CGG: '구로구',
          AVG_TP: '18.2',
          AVG_HUM: 40,
          AVG_NIS: '55.1',
          AVG_WSPD: '1.2',
          AVG_WD: '270',
          AVG_UV: '3',
        },
        {
          SERIAL_NO: 'V02Q1940612',
          SENSING_TIME: '2023-11-01_23:02:00',
          AVG_TEMP: 7.5,
          AVG_HUMI: 61,
          AVG_NOISE: 48,
          AVG_WIND_SPEED: 0.4,
          AVG_PM10: 33,
          AVG_PM25: 18,
        },
      ]),
    );
    expect(p.kind).toBe('rows');
    if (p.kind !== 'rows') return;
    expect(p.total).toBe(2);
    expect(p.rejected).toEqual([]);
    expect(p.readings[0]).toMatchObject({
      serial: 'V02Q1940043',
      time: '2026-04-11T13:00:00+09:00',
      values: { temperature: 18.2, humidity: 40, noise: 55.1, windSpeed: 1.2, windDirection: 270, uv: 3 },
      flags: [],
    });
    expect(p.readings[1]).toMatchObject({
      serial: 'V02Q1940612',
      time: '2023-11-01T23:02:00+09:00',
      values: { temperature: 7.5, humidity: 61, noise: 48, windSpeed: 0.4, pm10: 33, pm25: 18 },
      flags: [],
    });
  });

  it('flags missing and implausible fields, rejects rows without serial or time', () => {
    const p = parseSeoulApiPage(
      page([{ SN: 'A', MSRMT_HR: '2026-04-11_13', AVG_TP: -40, AVG_HUM: 'x', AVG_NIS: 50 }, { SN: 'B' }, { MSRMT_HR: '2026-04-11_13' }, 'oops']),
    );
    if (p.kind !== 'rows') throw new Error('expected rows');
    expect(p.readings).toHaveLength(1);
    expect(p.readings[0].values).toEqual({ noise: 50 });
    expect(p.readings[0].flags.map((f) => f.reason)).toEqual([
      'temperature: -40 °C is outside the plausible range -35–50',
      'humidity: "x" is not a number (row 1)',
    ]);
    expect(p.rejected.map((r) => r.reason)).toEqual([
      'time null (MSRMT_HR/SENSING_TIME) is missing or unreadable',
      'no serial (SN/SERIAL_NO/SERIAL)',
      'row is not an object',
    ]);
  });

  it('tells no-data and error codes apart and throws on malformed bodies', () => {
    expect(parseSeoulApiPage(JSON.stringify({ RESULT: { CODE: 'INFO-200', MESSAGE: '해당하는 데이터가 없습니다.' } }))).toEqual({
      kind: 'no-data',
      code: 'INFO-200',
      message: '해당하는 데이터가 없습니다.',
    });
    expect(parseSeoulApiPage(JSON.stringify({ RESULT: { CODE: 'INFO-100', MESSAGE: '인증키가 유효하지 않습니다.' } })).kind).toBe('error');
    expect(parseSeoulApiPage(JSON.stringify({ IotVdata017: { RESULT: { CODE: 'ERROR-500', MESSAGE: '서버 오류' } } }))).toMatchObject({
      kind: 'error',
      code: 'ERROR-500',
    });
    expect(() => parseSeoulApiPage('{"IotVdata017": {"list_total_count": 3, "row": [')).toThrow(/not JSON/);
    expect(() => parseSeoulApiPage('<html>502</html>')).toThrow(/not JSON/);
    expect(() => parseSeoulApiPage('{"other": 1}')).toThrow(/no "IotVdata017"/);
    expect(() => parseSeoulApiPage('{"IotVdata017": {"list_total_count": "many", "row": []}}')).toThrow(/not a count/);
  });
});

const fx = (serial: string, time: string, temperature = 20): SdotReading => ({ serial, time, values: { temperature }, flags: [], source: 'fixture' });

describe('reading store', () => {
  const sites = new Map(['A', 'B', 'C'].map((s) => [s, { serial: s, lon: 127, lat: 37.5 }]));

  it('rejects duplicates and unknown serials with reasons, keeps latest and history', () => {
    const store = new ReadingStore(sites);
    const r1 = store.ingest([
      fx('A', '2026-01-01T10:00:00+09:00', 1),
      fx('A', '2026-01-01T10:02:00+09:00', 2),
      fx('A', '2026-01-01T10:00:00+09:00', 1),
      fx('Z', '2026-01-01T10:00:00+09:00'),
    ]);
    expect(r1.accepted).toHaveLength(2);
    expect(r1.rejected.map((r) => [r.serial, r.reason.split(' ')[0]])).toEqual([
      ['A', 'duplicate'],
      ['Z', 'unknown'],
    ]);
    // A late, older record goes into the history, not over the latest.
    store.ingest([fx('A', '2026-01-01T09:58:00+09:00', 0)]);
    expect(store.latestReadings().map((r) => r.values.temperature)).toEqual([2]);
    expect(store.historyOf('A').map((r) => r.values.temperature)).toEqual([0, 1, 2]);
  });

  it('flags sensors silent for N intervals behind the newest reading', () => {
    const store = new ReadingStore(sites, { intervalMs: 120_000, silentAfterIntervals: 5 });
    store.ingest([fx('A', '2026-01-01T10:00:00+09:00'), fx('B', '2026-01-01T10:00:00+09:00')]);
    store.ingest([fx('A', '2026-01-01T10:10:00+09:00')]);
    expect(store.silentSensors()).toEqual([]); // B is 10 min behind: exactly 5 intervals, not more
    store.ingest([fx('A', '2026-01-01T10:12:00+09:00')]);
    expect(store.silentSensors()).toEqual([
      { serial: 'B', lastTime: '2026-01-01T10:00:00+09:00', reason: 'silent: no reading for 12 min (5 intervals of 2 min)' },
    ]);
  });

  it('caps the history', () => {
    const store = new ReadingStore(null, { historyLength: 3 });
    for (let m = 0; m < 6; m++) store.ingest([fx('A', `2026-01-01T10:0${m}:00+09:00`, m)]);
    expect(store.historyOf('A').map((r) => r.values.temperature)).toEqual([3, 4, 5]);
  });
});

describe('feed configuration', () => {
  it('is off without a key, with a message; flags beat the environment', () => {
    const off = resolveSdotConfig({ env: {} });
    expect(off.live).toBeNull();
    expect(off.liveOffReason).toMatch(/no Seoul Open Data API key/);
    const on = resolveSdotConfig({
      argv: ['--sdot-key', 'K1', '--sdot-replay', 'a.csv'],
      env: { VSEOUL_SDOT_KEY: 'K2', VSEOUL_SDOT_URL: 'http://127.0.0.1:9/' },
    });
    expect(on.live).toEqual({ baseUrl: 'http://127.0.0.1:9/', key: 'K1', service: 'IotVdata017', intervalMs: 120_000 });
    expect(on.replayFiles).toEqual(['a.csv']);
    expect(resolveSdotConfig({ file: { sdot: { key: 'K3', intervalSeconds: 5 } } }).live).toMatchObject({
      key: 'K3',
      intervalMs: 5000,
      baseUrl: 'http://openapi.seoul.go.kr:8088',
    });
  });
});
