// The S-DoT wind inflow: which sites count, which readings are used, and the vector mean.
// Readings here are hand-made fixtures (the real replay sample's only sensor reports 0 m/s from 0°).
import { describe, expect, it } from 'vitest';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { isInflowProblem, sdotInflow, type SdotInflow, type WindSite } from '../../../workers/wind/sdotInflow.js';

const area = { minX: 0, minY: 0, maxX: 1000, maxY: 1000 };
const sites: WindSite[] = [
  { serial: 'A', x: 100, y: 100 },
  { serial: 'B', x: 900, y: 900 },
  { serial: 'C', x: 1500, y: 500 }, // 500 m outside: counts with the default 1 km margin
  { serial: 'D', x: 5000, y: 5000 }, // far away
];
const reading = (serial: string, dir: number | undefined, speed: number | undefined, time = '2026-11-22T10:00:00+09:00'): SdotReading => ({
  serial,
  time,
  values: { ...(dir === undefined ? {} : { windDirection: dir }), ...(speed === undefined ? {} : { windSpeed: speed }) },
  flags: [],
  source: 'fixture',
});
const inflow = (rs: SdotReading[], opts = {}): SdotInflow => {
  const r = sdotInflow(sites, rs, area, opts);
  if (isInflowProblem(r)) throw new Error(`unexpected problem ${r.problem}`);
  return r;
};

describe('sdotInflow', () => {
  it('averages directions as vectors across north', () => {
    const r = inflow([reading('A', 350, 4), reading('B', 10, 4)]);
    expect(Math.min(r.directionDeg, 360 - r.directionDeg)).toBeLessThan(1e-9);
    expect(r.speed).toBeCloseTo(4, 12);
    expect(r.steadiness).toBeCloseTo(Math.cos((10 * Math.PI) / 180), 12);
  });

  it('weights directions by speed and keeps the plain mean speed', () => {
    // 6 m/s from east and 2 m/s from north: resultant (6, 2)/2 -> from atan2(6, 2) = 71.565°.
    const r = inflow([reading('A', 90, 6), reading('B', 0, 2)]);
    expect(r.directionDeg).toBeCloseTo((Math.atan2(6, 2) * 180) / Math.PI, 9);
    expect(r.speed).toBeCloseTo(4, 12);
    expect(r.steadiness).toBeCloseTo(Math.hypot(3, 1) / 4, 12);
  });

  it('reports opposing winds as unsteady', () => {
    const r = inflow([reading('A', 90, 3), reading('B', 270, 3)]);
    expect(r.steadiness).toBeLessThan(1e-12);
    expect(r.speed).toBe(3);
  });

  it('uses only sites in the area or within the margin', () => {
    const rs = [reading('A', 200, 2), reading('C', 200, 2), reading('D', 20, 9)];
    expect(inflow(rs).used.sort()).toEqual(['A', 'C']);
    expect(inflow(rs, { marginM: 100 }).used).toEqual(['A']);
    expect(sdotInflow(sites, rs, { minX: 20_000, minY: 20_000, maxX: 21_000, maxY: 21_000 })).toEqual({ problem: 'no-sites', marginM: 1000 });
  });

  it('leaves out 0 m/s from 0°, readings without both values, and stale readings', () => {
    const rs = [
      reading('A', 0, 0),
      reading('B', 225, 5, '2026-11-22T10:00:00+09:00'),
      reading('C', 45, 5, '2026-11-22T07:00:00+09:00'), // 3 h older than the newest
      reading('A', undefined, 3), // direction rejected by validation
    ];
    const r = inflow(rs);
    expect(r.used).toEqual(['B']);
    expect(r.zero).toBe(1);
    expect(r.stale).toBe(1);
    expect(r.directionDeg).toBeCloseTo(225, 9);
    expect(r.from).toBe('2026-11-22T10:00:00+09:00');
    expect(inflow(rs, { maxAgeHours: 4 }).used.sort()).toEqual(['B', 'C']);
  });

  it('says when the sites near the area report no wind', () => {
    expect(sdotInflow(sites, [reading('A', 0, 0), reading('B', 0, 0)], area)).toEqual({ problem: 'no-wind', sites: 3, zero: 2 });
  });
});
