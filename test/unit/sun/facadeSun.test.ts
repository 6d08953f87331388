// Facade sunlight per floor against hand-computed geometry: boxes on flat ground, where whether a
// ray to the sun clears an obstacle is a line of trigonometry. The sun positions themselves are
// the engine's reported steps (sunPosition.ts has its own tests against the NREL SPA paper).
import { describe, expect, it } from 'vitest';
import { facadeSun, mergeFacadeSun, type FacadeSunInput } from '../../../workers/sun/facadeSun.js';
import { runSplitNode } from '../../../workers/pool/nodePool.js';
import { rightToLight } from '../../../workers/sun/rightToLight.js';
import { winterSolsticeKst } from '../../../workers/sun/sunPosition.js';

const D2R = Math.PI / 180;
const X0 = 200_000;
const Y0 = 550_000;
const DATE = winterSolsticeKst(2026);
type XY = [number, number];
const rect = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** Target: 10 x 10 m, 30 m, 10 floors of 3 m; its facade 0 is the south wall (ring starts south-west, CCW). */
const TARGET = { id: 'target', ring: rect(X0, Y0, X0 + 10, Y0 + 10), base: 0, top: 30, floors: 10 };

describe('facadeSun', () => {
  it('a wall 20 m to the south shades exactly the floors and steps the geometry says', async () => {
    const gap = 20;
    const wallTop = 25;
    // 2 km wide east-west, so whether a ray is blocked depends only on the sun's height over the wall.
    const wall = { id: 'wall', ring: rect(X0 - 1000, Y0 - gap - 10, X0 + 1010, Y0 - gap), base: 0, top: wallTop };
    const input: FacadeSunInput = { proposals: [TARGET, wall], buildings: ['target'], date: DATE, stepMinutes: 10, offset: 0.1 };
    const r = await facadeSun(input);
    const south = r.floors.filter((f) => f.facade === 0);
    expect(south).toHaveLength(10);
    expect(south.every((f) => Math.abs(f.facing - 180) < 1e-6)).toBe(true);
    const n = r.steps.length;
    let mismatches = 0;
    let litSomewhere = 0;
    let shadedSomewhere = 0;
    for (const f of south) {
      const row = r.floors.indexOf(f);
      // Sample points stand `offset` in front of the wall, at mid-floor height.
      const z = (f.floor + 0.5) * 3;
      const distance = gap - 0.1;
      const series = new Uint8Array(n);
      for (let s = 0; s < n; s++) {
        const { gridAzimuth: az, elevation: el } = r.steps[s];
        const facing = -Math.cos(az * D2R) > 0; // south wall: the sun's direction has a southward part
        // Horizontal run to the wall's north face, and the ray's height when it gets there.
        const run = distance / -Math.cos(az * D2R);
        const clears = z + run * Math.tan(el * D2R) > wallTop;
        series[s] = el > 0 && facing && clears ? 1 : 0;
        const got = r.sunlitPercent![row * n + s];
        expect(got === 0 || got === 100).toBe(true); // every sample of a floor sees the same
        if ((got === 100 ? 1 : 0) !== series[s]) mismatches++;
        if (series[s]) litSomewhere++;
        else if (el > 0) shadedSomewhere++;
      }
      const hours = series.reduce((a, b) => a + b, 0) / 6;
      expect(Math.abs(f.hours - hours)).toBeLessThanOrEqual(1 / 6 + 1e-9);
      expect(rightToLight(series, r.startMinute, r.stepMinutes).pass).toBe(f.rightToLight.pass);
    }
    // At most one step in all floors may fall on the other side of a shadow edge.
    expect(mismatches).toBeLessThanOrEqual(1);
    expect(litSomewhere).toBeGreaterThan(100);
    expect(shadedSomewhere).toBeGreaterThan(100);
    // Low floors fail right-to-light, the top floor passes; the failing list names exactly the failures.
    expect(south[0].rightToLight.pass).toBe(false);
    expect(south[9].rightToLight.pass).toBe(true);
    const failing = new Set(r.failing);
    r.floors.forEach((f, i) => expect(failing.has(i)).toBe(!f.rightToLight.pass));
  });

  it('with nothing in front, a south wall is lit from sunrise to sunset on the winter solstice; north never, east only before noon', async () => {
    const r = await facadeSun({ proposals: [TARGET], buildings: ['target'], date: DATE, stepMinutes: 10 });
    const up = r.steps.map((s) => s.elevation > 0);
    const daylight = up.filter(Boolean).length;
    // On this date the sun rises and sets south of east/west, so it is never behind a south wall.
    expect(r.steps.every((s) => !(s.elevation > 0) || Math.cos(s.gridAzimuth * D2R) < 0)).toBe(true);
    expect(daylight).toBeGreaterThan(50); // ~9.6 h of day in Seoul
    const n = r.steps.length;
    for (const f of r.floors) {
      const row = r.floors.indexOf(f);
      const facing = f.facade === 0 ? 'south' : f.facade === 1 ? 'east' : f.facade === 2 ? 'north' : 'west';
      const expected = r.steps.map((s) => {
        if (!(s.elevation > 0)) return 0;
        const az = s.gridAzimuth * D2R;
        const dot = facing === 'south' ? -Math.cos(az) : facing === 'north' ? Math.cos(az) : facing === 'east' ? Math.sin(az) : -Math.sin(az);
        return dot > 0 ? 100 : 0;
      });
      expect(Array.from(r.sunlitPercent!.subarray(row * n, (row + 1) * n))).toEqual(expected);
      if (facing === 'south') expect(f.hours).toBeCloseTo(daylight / 6, 9);
      if (facing === 'north') expect(f.hours).toBe(0);
    }
    expect(r.failing.length).toBe(r.floors.filter((f) => f.facade === 2).length); // only the north wall fails
  });

  it('names buildings it cannot analyse and refuses unusable proposals', async () => {
    const r = await facadeSun({ proposals: [TARGET], buildings: ['target', 'osm:way/0'], date: DATE });
    expect(r.problems).toEqual([expect.stringContaining('osm:way/0')]);
    await expect(facadeSun({ proposals: [{ ...TARGET, id: 'flat', top: 0 }], buildings: ['flat'] })).rejects.toThrow(/proposal flat: top/);
  });

  it('splits by building ranges: parts merged (also over the Node worker pool) equal one run', async () => {
    const other = { id: 'other', ring: rect(X0 + 40, Y0, X0 + 60, Y0 + 15), base: 0, top: 12, floors: 4 };
    const common: FacadeSunInput = { proposals: [TARGET, other], buildings: ['other', 'target'], date: DATE, stepMinutes: 20 };
    const whole = await facadeSun(common);
    expect(whole.failing.length).toBeGreaterThan(0);
    const a = await facadeSun({ ...common, rows: [0, 1] });
    const b = await facadeSun({ ...common, rows: [1, 2] });
    const merged = mergeFacadeSun([a, b]);
    expect(merged.floors).toEqual(whole.floors);
    expect(merged.failing).toEqual(whole.failing);
    expect(merged.sunlitPercent).toEqual(whole.sunlitPercent);
    const pooled = await runSplitNode('facadeSun', common, { parts: 2, workers: 2, height: 2, merge: mergeFacadeSun });
    expect(pooled.floors).toEqual(whole.floors);
    expect(pooled.failing).toEqual(whole.failing);
  });
});
