// Ground sunlight hours on analytic grids: a single tall box on flat ground against exact prism
// geometry (shadow length h / tan(elevation), per-step shading and hours), flat ground against the
// sun's own hours, row bands against the whole grid, and bad input.
import { describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { groundSunHours, sunWindow } from '../../../workers/sun/groundSunHours.js';
import { boxShadowed, sunVector } from '../../support/sunOracle.js';

const GROUND = 10;
const BOX_TOP = 40; // a 30 m building
const N = 241;
// Test fixture (not Seoul data): flat ground at 10 m with a 20 m x 20 m box, placed in central Seoul.
function boxGrid(): RasterGrid {
  const values = new Float32Array(N * N).fill(GROUND);
  for (let r = 110; r < 130; r++) for (let c = 110; c < 130; c++) values[r * N + c] = BOX_TOP;
  return { values, width: N, height: N, cellSize: 1, originX: 197_000, originY: 553_000, noData: -9999 };
}
/** The box in local metres: x = column, y = -row (north up). */
const BOX = { x0: 110, x1: 130, y0: -130, y1: -110, top: BOX_TOP };
const grown = (d: number) => ({ x0: BOX.x0 - d, x1: BOX.x1 + d, y0: BOX.y0 - d, y1: BOX.y1 + d, top: BOX_TOP });
const bit = (sunlit: Uint32Array, words: number, cell: number, k: number) => ((sunlit[cell * words + (k >> 5)] >>> (k & 31)) & 1) === 1;

describe('groundSunHours on a single box (winter solstice 2026, 10-minute steps)', () => {
  const dsm = boxGrid();
  const res = groundSunHours({ dsm, date: '2026-12-22', keepSteps: true });
  const up = res.steps.map((s, k) => ({ s, k })).filter(({ s }) => s.elevation > 0);

  it('casts a shadow of length h / tan(elevation) at midday', () => {
    const { s, k } = up.reduce((a, b) => (b.s.elevation > a.s.elevation ? b : a));
    const sun = sunVector(s.gridAzimuth, s.elevation);
    const expected = (BOX_TOP - GROUND) / sun.tanE;
    // Walk away from the sun from the middle of the box's north face; the farthest shaded cell
    // centre on that line, measured back to the face along the ray, is the shadow length.
    let farthest = 0;
    for (let t = 0.5; t < 150; t += 0.25) {
      const x = 120 - sun.dx * t;
      const y = BOX.y1 - sun.dy * t;
      const c = Math.floor(x);
      const r = Math.floor(-y);
      if (r < 0 || c < 0 || c >= N) break;
      const cx = c + 0.5;
      const cy = -(r + 0.5);
      if (dsm.values[r * N + c] !== GROUND || bit(res.sunlit!, res.wordsPerCell, r * N + c, k)) continue;
      farthest = Math.max(farthest, (cy - BOX.y1) / -sun.dy);
      expect(cx).toBeGreaterThan(0);
    }
    console.log(`box shadow at elevation ${s.elevation.toFixed(2)}°: ${farthest.toFixed(2)} m, h/tan(e) = ${expected.toFixed(2)} m`);
    expect(Math.abs(farthest - expected)).toBeLessThanOrEqual(1.5);
  });

  it('shades each ground cell at each step as the exact prism does, within one cell of the box outline', () => {
    let disagreements = 0;
    let cellSteps = 0;
    let outside = 0;
    const big = grown(1);
    const shrunk = grown(-1);
    for (const { s, k } of up) {
      const sun = sunVector(s.gridAzimuth, s.elevation);
      for (let r = 0; r < N; r++) {
        for (let c = 0; c < N; c++) {
          if (dsm.values[r * N + c] !== GROUND) continue;
          cellSteps++;
          const x = c + 0.5;
          const y = -(r + 0.5);
          const lit = bit(res.sunlit!, res.wordsPerCell, r * N + c, k);
          const exact = !boxShadowed(x, y, GROUND, sun, BOX);
          if (lit !== exact) disagreements++;
          // Lit => lit by the box shrunk by one cell; shaded => shaded by the box grown by one cell.
          if (lit ? boxShadowed(x, y, GROUND, sun, shrunk) : !boxShadowed(x, y, GROUND, sun, big)) outside++;
        }
      }
    }
    expect(outside).toBe(0);
    console.log(`box: ${disagreements} of ${cellSteps} cell-steps differ from the exact prism (${((100 * disagreements) / cellSteps).toFixed(3)}%)`);
    expect(disagreements / cellSteps).toBeLessThan(0.002);
  });

  it('gives hours between those of the box grown and shrunk by one cell, and exact hours away from the shadow edges', () => {
    const perStep = res.stepMinutes / 60;
    let exactCells = 0;
    let groundCells = 0;
    let outOfBounds = 0;
    let wrongExact = 0;
    let overOneStep = 0;
    for (let r = 0; r < N; r++) {
      for (let c = 0; c < N; c++) {
        if (dsm.values[r * N + c] !== GROUND) continue;
        const x = c + 0.5;
        const y = -(r + 0.5);
        let big = 0;
        let small = 0;
        let exact = 0;
        for (const { s } of up) {
          const sun = sunVector(s.gridAzimuth, s.elevation);
          if (!boxShadowed(x, y, GROUND, sun, grown(1))) big++;
          if (!boxShadowed(x, y, GROUND, sun, grown(-1))) small++;
          if (!boxShadowed(x, y, GROUND, sun, BOX)) exact++;
        }
        const hours = res.hours.values[r * N + c];
        if (hours < big * perStep - 1e-6 || hours > small * perStep + 1e-6) outOfBounds++;
        if (big === small) {
          if (Math.abs(hours - exact * perStep) > 1e-6) wrongExact++;
          exactCells++;
        }
        if (Math.abs(hours - exact * perStep) > perStep + 1e-6) overOneStep++;
        groundCells++;
      }
    }
    console.log(
      `box hours: ${exactCells} of ${groundCells} ground cells have no shadow edge within a cell all day; ${overOneStep} cells differ from the exact prism by more than one step`,
    );
    expect(outOfBounds).toBe(0);
    expect(wrongExact).toBe(0);
    expect(exactCells).toBeGreaterThan(groundCells * 0.6);
  });

  it('lights open flat ground for every step the sun is up (beyond the edge is unobstructed)', () => {
    const upHours = (up.length * res.stepMinutes) / 60;
    expect(res.hours.values[0]).toBeCloseTo(upHours, 6); // north-west corner, far from the box's shadow
    expect(upHours).toBeGreaterThan(9.3); // Seoul's solstice day is about 9 h 34 min
    expect(upHours).toBeLessThan(9.9);
    // The box's roof sees the sun all day too.
    expect(res.hours.values[120 * N + 120]).toBeCloseTo(upHours, 6);
    expect(res.rightToLight![0]).toBe(1);
  });
});

describe('groundSunHours bands and input', () => {
  it('returns exactly the whole-grid values for any row band', () => {
    const dsm = boxGrid();
    const whole = groundSunHours({ dsm, date: '2026-12-22', startMinute: 8 * 60, endMinute: 16 * 60, keepSteps: true });
    for (const rows of [
      [0, 100],
      [100, 125],
      [125, 241],
    ] as [number, number][]) {
      const band = groundSunHours({ dsm, date: '2026-12-22', startMinute: 8 * 60, endMinute: 16 * 60, keepSteps: true, rows });
      expect(band.hours.height).toBe(rows[1] - rows[0]);
      expect(band.hours.originY).toBe(dsm.originY - rows[0]);
      expect([...band.hours.values]).toEqual([...whole.hours.values.subarray(rows[0] * N, rows[1] * N)]);
      const w = whole.wordsPerCell;
      expect([...band.sunlit!]).toEqual([...whole.sunlit!.subarray(rows[0] * N * w, rows[1] * N * w)]);
    }
  });

  it('keeps noData cells as noData and lets them cast no shadow', () => {
    const dsm = boxGrid();
    dsm.values[5 * N + 5] = dsm.noData;
    const res = groundSunHours({ dsm, date: '2026-12-22', stepMinutes: 30 });
    expect(res.hours.values[5 * N + 5]).toBe(dsm.noData);
    expect(res.hours.values[6 * N + 5]).toBeCloseTo(res.hours.values[0], 6);
  });

  it('refuses bad windows and bands with a clear message', () => {
    const dsm = boxGrid();
    expect(() => groundSunHours({ dsm, date: '2026-13-01' })).toThrow(/does not exist|YYYY-MM-DD/);
    expect(() => groundSunHours({ dsm, startMinute: 600, endMinute: 500 })).toThrow(/time window/);
    expect(() => groundSunHours({ dsm, startMinute: 0, endMinute: 25, stepMinutes: 10 })).toThrow(/whole number/);
    expect(() => groundSunHours({ dsm, rows: [10, 500] })).toThrow(/rows \[10, 500\)/);
    expect(() => groundSunHours({ dsm: { ...dsm, values: new Float32Array(3) } })).toThrow(/3 values/);
  });

  it('defaults to the winter solstice, the whole day and 10-minute steps', () => {
    const w = sunWindow({});
    expect(w.date).toMatch(/^\d{4}-12-2[12]$/);
    expect([w.startMinute, w.endMinute, w.stepMinutes]).toEqual([0, 1440, 10]);
  });
});
