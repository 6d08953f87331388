// The S-DoT layer's model (renderer/src/sensors/sensorModel.ts) and replay player
// (replayPlayer.ts) on the real data in ../shared/data/sdot: the 851 sites and the ten hourly
// readings of V02Q1940043 (2020-05-01, 00:00-09:00 KST). Feed states are built around those real
// readings; nothing here is a made-up value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SdotFeedState } from '../../../common/sdot/sdotFeedTypes.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { parseReplayText } from '../../../common/sdot/replayText.js';
import { parseSensorSites, type SensorSite } from '../../../common/sdot/sensorSites.js';
import { BAND_COLOURS, colourFor, cssColour } from '../../../renderer/src/sensors/sensorColours.js';
import { NO_READING_RGB, SensorModel } from '../../../renderer/src/sensors/sensorModel.js';
import { ReplayPlayer } from '../../../renderer/src/sensors/replayPlayer.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const read = (name: string) => readFileSync(join(DATA_DIR, 'sdot', name), 'utf8');
const SERIAL = 'V02Q1940043';
const GREY = cssColour(NO_READING_RGB);
const HOUR = 3600_000;

let sites: SensorSite[];
let readings: SdotReading[];
beforeAll(() => {
  sites = parseSensorSites(read('sdot_sensor_locations_2020.csv')).sites;
  readings = parseReplayText(read('sdot_sample_V02Q1940043_20200501_hourly.csv'), 'sample').readings;
});
afterEach(() => vi.useRealTimers());

function model(): SensorModel {
  const m = new SensorModel();
  m.setSites(
    sites.map((s) => s.serial),
    Float64Array.from(sites.flatMap((s) => [s.lon, s.lat])),
  );
  return m;
}

/** The feed's state with these real readings as the latest (live info: off, as without an API key). */
function feedWith(latest: SdotReading[], silent: string[] = []): SdotFeedState {
  return {
    live: {
      enabled: false,
      message: 'no key',
      state: 'off',
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
      nextPollAt: null,
      consecutiveFailures: 0,
      intervalSeconds: null,
    },
    latest,
    silent: silent.map((serial) => ({ serial, lastTime: latest[0]?.time ?? '', reason: 'no reading for 3 polls' })),
    rejected: [],
    counts: { received: latest.length, accepted: latest.length, rejected: 0 },
    version: 1,
    replayAvailable: false,
  };
}

describe('the real data', () => {
  it('has the 851 sites and the ten hourly readings the tests below rely on', () => {
    expect(sites).toHaveLength(851);
    expect(readings.map((r) => r.serial)).toEqual(Array(10).fill(SERIAL));
    expect(readings[0].values.pm25).toBeCloseTo(7.9, 6);
  });
});

describe('SensorModel', () => {
  it('before any reading: every site grey "no reading yet", no reading time, no snapshot readings', () => {
    const m = model();
    m.refresh();
    expect(m.counts).toEqual({ withValue: 0, flagged: 0, silent: 0 });
    expect(m.lastReadingTime).toBeNull();
    expect(new Set(m.looks.map((l) => l.css))).toEqual(new Set([GREY]));
    expect(m.colourOf(SERIAL)).toBe(GREY);
    expect(m.colourOf('not-a-serial')).toBeNull();
    expect(m.snapshot()?.readings).toEqual([]);
  });

  it('live: the feed latest reading colours its site by the Korean PM2.5 band (7.9 µg/m³: good, blue)', () => {
    const m = model();
    m.feed = feedWith([readings[0]]);
    m.refresh();
    expect(m.counts.withValue).toBe(1);
    expect(m.colourOf(SERIAL)).toBe(cssColour(BAND_COLOURS.good));
    expect(m.lastReadingTime).toBe('2020-04-30T15:00:00.000Z');
    const i = m.indexOf(SERIAL)!;
    expect(m.surfacePoints()).toEqual([{ lon: m.lonLat[2 * i], lat: m.lonLat[2 * i + 1], value: readings[0].values.pm25 }]);
    // Every other site stays grey.
    expect(m.looks.filter((l) => l.css === GREY)).toHaveLength(850);
  });

  it('a quantity the sensor rejected rings the site red; a silent sensor rings it orange', () => {
    const m = model();
    m.feed = feedWith([readings[0]]);
    m.quantity = 'windSpeed'; // this unit's wind fields are all 0: rejected, not drawn
    m.refresh();
    expect(m.counts).toEqual({ withValue: 0, flagged: 1, silent: 0 });
    expect(m.looks[m.indexOf(SERIAL)!]).toMatchObject({ css: GREY, ring: 'flagged' });
    expect(m.surfacePoints()).toEqual([]);
    m.feed = feedWith([readings[0]], [SERIAL]);
    m.quantity = 'pm25';
    m.refresh();
    expect(m.counts).toEqual({ withValue: 1, flagged: 0, silent: 1 });
    expect(m.looks[m.indexOf(SERIAL)!].ring).toBe('silent');
  });

  it('replay: follows the player; without one it stays live; live pauses the player', () => {
    vi.useFakeTimers();
    const m = model();
    m.feed = feedWith([readings[0]]);
    m.setMode('replay');
    expect(m.mode).toBe('live');
    const player = new ReplayPlayer(readings);
    expect(m.usePlayer(player)).toBeNull();
    expect(m.mode).toBe('replay');
    const before = m.dataVersion();
    player.seek(player.end);
    m.quantity = 'temperature';
    m.refresh();
    expect(m.dataVersion()).toBeGreaterThan(before);
    expect(m.lastReadingTime).toBe('2020-05-01T00:00:00.000Z'); // 09:00 KST
    expect(m.colourOf(SERIAL)).toBe(cssColour(colourFor('temperature', readings[9].values.temperature!)));
    player.play();
    m.setMode('live');
    expect(player.playing).toBe(false);
    expect(m.readings()).toEqual([readings[0]]);
  });

  it('snapshot: every site in EPSG:5186 metres (Seoul lies near 200 km E, 550 km N of the grid origin)', () => {
    const m = model();
    expect(new SensorModel().snapshot()).toBeNull();
    const snap = m.snapshot()!;
    expect(snap.sites).toHaveLength(851);
    for (const s of snap.sites) {
      expect(s.x).toBeGreaterThan(170_000);
      expect(s.x).toBeLessThan(230_000);
      expect(s.y).toBeGreaterThan(530_000);
      expect(s.y).toBeLessThan(575_000);
    }
    expect(() => m.setSites(['a', 'b'], new Float64Array(2))).toThrow(/2 serials but 1 positions/);
  });
});

describe('ReplayPlayer', () => {
  it('shows, per sensor, the latest reading at or before its time and not older than maxAge', () => {
    const p = new ReplayPlayer([...readings].reverse());
    expect(p.end - p.start).toBe(9 * HOUR);
    expect(p.current()).toEqual([readings[0]]);
    p.seek(p.start + 2.5 * HOUR);
    expect(p.current()).toEqual([readings[2]]);
    expect(p.historyOf(SERIAL)).toEqual(readings.slice(0, 3));
    p.seek(p.end + 10 * HOUR);
    expect(p.time).toBe(p.end);
    p.seek(0);
    expect(p.time).toBe(p.start);
    const strict = new ReplayPlayer(readings, 10 * 60_000);
    strict.seek(strict.start + 0.5 * HOUR);
    expect(strict.current()).toEqual([]);
  });

  it('plays at its speed to the end, then pauses; destroy() stops it and its listeners', () => {
    vi.useFakeTimers();
    const p = new ReplayPlayer(readings);
    p.speed = 3600; // one simulated hour per real second
    let changes = 0;
    const off = p.onChange(() => changes++);
    p.play();
    vi.advanceTimersByTime(4000);
    expect(p.time).toBe(p.start + 4 * HOUR);
    expect(p.playing).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect([p.time, p.playing]).toEqual([p.end, false]);
    const heard = changes;
    off();
    p.seek(p.start);
    expect(changes).toBe(heard);
    p.onChange(() => changes++);
    p.play();
    p.destroy();
    vi.advanceTimersByTime(5000);
    expect(p.playing).toBe(false);
    expect(changes).toBe(heard + 1); // the play() itself, then nothing
    expect(vi.getTimerCount()).toBe(0);
  });
});
