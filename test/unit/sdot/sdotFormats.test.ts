// S-DoT decoding against the real files in ../shared/data/sdot: the field dictionary, the hourly
// sample (10 real readings), the 851 sensor sites. Hand-made records below are FIXTURES, built by
// encoding values with the dictionary; they are not Seoul data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeStored, encodeObserved, parseFieldDictionary, RAW_FIELDS } from '../../../common/sdot/fieldDictionary.js';
import { parseHourlyCsv } from '../../../common/sdot/hourlyCsv.js';
import { parseRawRecords } from '../../../common/sdot/rawRecords.js';
import { parseSdotTime } from '../../../common/sdot/sdotReading.js';
import { airQualityBand } from '../../../common/sdot/sdotQuantities.js';
import { parseSensorSites } from '../../../common/sdot/sensorSites.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const read = (name: string) => readFileSync(join(DATA_DIR, 'sdot', name), 'utf8');
const enc = (name: string) => RAW_FIELDS.find((f) => f.name === name)!.encoding!;

describe('field dictionary', () => {
  it('the transcribed table is exactly what the real dictionary file says', () => {
    const parsed = parseFieldDictionary(read('sdot_measurement_fields.csv'));
    expect(parsed).toHaveLength(23);
    expect(parsed.map((f) => [f.name, f.unit, f.encoding])).toEqual(RAW_FIELDS.map((f) => [f.name, f.unit, f.encoding]));
  });

  it('temperature is stored as (value + 100) × 10', () => {
    const t = enc('기온');
    expect(t).toEqual({ scale: 10, offset: 100, storedMin: 500, storedMax: 1800 });
    expect(decodeStored(t, 1194)).toBeCloseTo(19.4, 10);
    expect(decodeStored(t, 500)).toBe(-50);
    expect(decodeStored(t, 1800)).toBe(80);
    expect(decodeStored(t, 1000)).toBe(0);
    expect(encodeObserved(t, -12.3)).toBe(877);
  });

  it('wind ×10, UV ×10, vibration ×100, PM as observed', () => {
    expect(decodeStored(enc('풍속'), 35)).toBeCloseTo(3.5, 10);
    expect(decodeStored(enc('풍향'), 2705)).toBeCloseTo(270.5, 10);
    expect(decodeStored(enc('자외선'), 82)).toBeCloseTo(8.2, 10);
    expect(decodeStored(enc('진동(x)'), 110)).toBeCloseTo(1.1, 10);
    expect(decodeStored(enc('미세먼지10(미세먼지)'), 42)).toBe(42);
  });
});

/** FIXTURE: one raw record in dictionary order from observed values (hour 0 of the real sample). */
function fixtureRawRecord(over: Partial<Record<string, string>> = {}): string {
  const observed: Record<string, number> = {
    '미세먼지2.5(초미세먼지)': 8,
    '미세먼지10(미세먼지)': 12,
    기온: 19.4,
    상대습도: 71,
    풍향: 270.5,
    풍속: 3.5,
    '돌풍 풍향': 280,
    '돌풍 풍속': 6.1,
    조도: 2,
    자외선: 2,
    소음: 44,
    '진동(x)': 0.01,
    '진동(y)': 0.05,
    '진동(z)': 1.03,
    '진동(x) 최대': 0.07,
    '진동(y) 최대': 0.12,
    '진동(z) 최대': 1.1,
    '흑구 온도': 5,
  };
  return RAW_FIELDS.map((f) => {
    if (over[f.name] !== undefined) return over[f.name];
    if (f.name === '모델명') return 'FIXTURE-MODEL';
    if (f.name === '시리얼') return 'V02Q1940043';
    if (f.name === '측정시간') return '202005010002';
    if (f.encoding) return String(encodeObserved(f.encoding, observed[f.name]));
    return '24';
  }).join(',');
}

describe('raw records (fixtures encoded with the dictionary)', () => {
  it('decodes every quantity as the dictionary says', () => {
    const header = RAW_FIELDS.map((f) => f.name).join(',');
    const { readings, rejected } = parseRawRecords(`${header}\n${fixtureRawRecord()}\n`, 'fixture.csv');
    expect(rejected).toEqual([]);
    expect(readings).toHaveLength(1);
    const r = readings[0];
    expect(r.serial).toBe('V02Q1940043');
    expect(r.time).toBe('2020-05-01T00:02:00+09:00');
    expect(r.values.temperature).toBeCloseTo(19.4, 10);
    expect(r.values.windSpeed).toBeCloseTo(3.5, 10);
    expect(r.values.windDirection).toBeCloseTo(270.5, 10);
    expect(r.values.uv).toBeCloseTo(2, 10);
    expect(r.values).toMatchObject({ pm25: 8, pm10: 12, humidity: 71, noise: 44, illuminance: 2 });
    expect(r.flags).toEqual([]);
  });

  it('flags stored values outside the dictionary range and missing values, rejects broken records', () => {
    const text = [
      fixtureRawRecord({ 기온: '2000' }), // 100 °C: outside 500–1800
      fixtureRawRecord({ '미세먼지10(미세먼지)': '' }),
      fixtureRawRecord({ 상대습도: 'abc' }),
      fixtureRawRecord({ 측정시간: '2020-13-01' }),
      fixtureRawRecord({ 시리얼: '' }),
      fixtureRawRecord().split(',').slice(0, 10).join(','), // truncated
    ].join('\n');
    const { readings, rejected } = parseRawRecords(text, 'fixture.csv');
    expect(readings).toHaveLength(3);
    expect(readings[0].values.temperature).toBeUndefined();
    expect(readings[0].flags[0].reason).toMatch(/temperature: stored 2000 is outside the dictionary range 500–1800 of 기온/);
    expect(readings[1].values.pm10).toBeUndefined();
    expect(readings[1].flags[0].reason).toMatch(/pm10: missing/);
    expect(readings[2].flags[0].reason).toMatch(/humidity: missing/);
    expect(rejected.map((r) => [r.at, r.reason.split(' ')[0]])).toEqual([
      ['fixture.csv:4', '측정시간'],
      ['fixture.csv:5', 'no'],
      ['fixture.csv:6', '10'],
    ]);
  });
});

describe('hourly CSV (the real sample)', () => {
  it('reads the 10 real hourly readings of V02Q1940043', () => {
    const { readings, rejected } = parseHourlyCsv(read('sdot_sample_V02Q1940043_20200501_hourly.csv'), 'sample.csv');
    expect(rejected).toEqual([]);
    expect(readings).toHaveLength(10);
    expect(readings.map((r) => r.time)).toEqual(Array.from({ length: 10 }, (_, h) => `2020-05-01T0${h}:00:00+09:00`));
    expect(readings.every((r) => r.serial === 'V02Q1940043')).toBe(true);
    expect(readings[0].values).toEqual({ pm25: 7.9, pm10: 12.13333, temperature: 19.39664, humidity: 70.7, noise: 43.86667, illuminance: 2, uv: 2 });
    expect(readings[9].values.pm25).toBe(10.142857);
    expect(readings[9].values.temperature).toBe(21.27496);
    // This unit reports every wind field as 0: flagged, never drawn as calm.
    expect(readings.every((r) => r.values.windSpeed === undefined && r.flags.some((f) => /anemometer/.test(f.reason)))).toBe(true);
  });

  it('rejects rows that are truncated or have impossible hours, flags implausible values', () => {
    const text = [
      'serial,date,hour,pm25_ugm3,pm10_ugm3,temp_c,rh_pct,wind_dir_deg,wind_speed_ms,gust_dir_deg,gust_speed_ms,illuminance_lux,uv_index,noise_db',
      'FIXTURE1,2020-05-01,25,1,1,1,1,0,0,0,0,1,1,40',
      'FIXTURE1,2020-05-01,3,1,1',
      'FIXTURE1,2020-05-01,4,-3,1,-40,130,90,2.5,100,4,1,1,40',
    ].join('\n');
    const { readings, rejected } = parseHourlyCsv(text, 'fixture.csv');
    expect(rejected.map((r) => r.at)).toEqual(['fixture.csv:2', 'fixture.csv:3']);
    expect(readings).toHaveLength(1);
    expect(readings[0].values).toEqual({ pm10: 1, illuminance: 1, uv: 1, noise: 40, windSpeed: 2.5, windDirection: 90 });
    expect(readings[0].flags.map((f) => f.quantity)).toEqual(['pm25', 'temperature', 'humidity']);
  });
});

describe('sensor sites (the real file)', () => {
  it('has 851 unique sites inside the published bbox', () => {
    const { sites, problems } = parseSensorSites(read('sdot_sensor_locations_2020.csv'));
    expect(problems).toEqual([]);
    expect(sites).toHaveLength(851);
    expect(new Set(sites.map((s) => s.serial)).size).toBe(851);
    expect(Math.min(...sites.map((s) => s.lon))).toBeCloseTo(126.80862, 5);
    expect(Math.max(...sites.map((s) => s.lat))).toBeCloseTo(37.69099, 5);
    expect(sites.find((s) => s.serial === 'V02Q1940043')).toMatchObject({ lat: expect.closeTo(37.49003, 5), lon: expect.closeTo(126.88355, 5) });
  });

  it('skips broken rows with one line each', () => {
    const { sites, problems } = parseSensorSites('시리얼,위도,경도\nA,37.5,127.0\nA,37.5,127.0\nB,,127\nC,0,0\n,37.5,127\n', 'fixture.csv');
    expect(sites.map((s) => s.serial)).toEqual(['A']);
    expect(problems).toEqual([
      'fixture.csv:3: A: duplicate serial; later row skipped',
      'fixture.csv:4: B: missing coordinates; row skipped',
      'fixture.csv:5: C: 0, 0 is outside Seoul; row skipped',
      'fixture.csv:6: no serial; row skipped',
    ]);
  });
});

describe('times and air-quality bands', () => {
  it('parses the S-DoT time forms as Seoul time', () => {
    expect(parseSdotTime('202005010902')).toBe('2020-05-01T09:02:00+09:00');
    expect(parseSdotTime('2023-11-01_23')).toBe('2023-11-01T23:00:00+09:00');
    expect(parseSdotTime('2023-11-01_23:04:00')).toBe('2023-11-01T23:04:00+09:00');
    expect(parseSdotTime('2023-02-30 10:00')).toBeNull();
    expect(parseSdotTime('yesterday')).toBeNull();
  });

  it('uses the Korean forecast grades at their boundaries', () => {
    expect([30, 31, 80, 81, 150, 151].map((v) => airQualityBand('pm10', v))).toEqual(['good', 'moderate', 'moderate', 'bad', 'bad', 'veryBad']);
    expect([15, 16, 35, 36, 75, 76].map((v) => airQualityBand('pm25', v))).toEqual(['good', 'moderate', 'moderate', 'bad', 'bad', 'veryBad']);
    expect(airQualityBand('pm25', 15.4)).toBe('good');
  });
});

describe('replay files', () => {
  it('the hourly CSV replay reproduces the 10 real readings, in time order', async () => {
    const { loadReplayFiles, detectReplayFormat } = await import('../../../main/feeds/sdot/replayFiles.js');
    const file = join(DATA_DIR, 'sdot', 'sdot_sample_V02Q1940043_20200501_hourly.csv');
    const replay = await loadReplayFiles([file, join(DATA_DIR, 'sdot', 'no-such-file.csv')]);
    expect(replay.files.map((f) => [f.format, f.readings, f.problem === null])).toEqual([
      ['hourly-csv', 10, true],
      [null, 0, false],
    ]);
    expect(replay.readings.map((r) => [r.time.slice(11, 13), r.values.pm10])).toEqual([
      ['00', 12.13333],
      ['01', 13.96429],
      ['02', 13.91667],
      ['03', 12.18519],
      ['04', 13],
      ['05', 13.28],
      ['06', 13.26087],
      ['07', 13.65217],
      ['08', 14.04],
      ['09', 15.75],
    ]);
    expect(detectReplayFormat('{"IotVdata017":{}}')).toBe('seoul-api-json');
    expect(detectReplayFormat(`모델명,시리얼\n`)).toBe('raw-record');
  });
});
