// Analytic cases for the viewshed engine (workers/view/viewshed.ts): flat ground sees everything
// to the radius; a wall hides exactly the zone computed by hand behind it. Agreement with the real
// gdal_viewshed on the city's surface model is in test/integration/viewshedGdal.test.ts.
import { describe, expect, it } from 'vitest';
import { computeViewshed, viewshedStats, VIEWSHED_NODATA } from '../../../workers/view/viewshed.js';
import { mergeRowBands } from '../../../workers/pool/rowBands.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';

const N = 201; // cells; observer in the middle cell (100, 100)
const MID = 100;
const ORIGIN_X = 200_000;
const ORIGIN_Y = 550_000;

function flat(height = 10, size = N): RasterGrid {
  return { values: new Float32Array(size * size).fill(height), width: size, height: size, cellSize: 1, originX: ORIGIN_X, originY: ORIGIN_Y, noData: -9999 };
}
const centre = { x: ORIGIN_X + MID + 0.5, y: ORIGIN_Y - MID - 0.5 };
const at = (g: RasterGrid, col: number, row: number) => g.values[row * g.width + col];
/** Index of the first cell that differs (-1: identical); much faster than toEqual on big arrays. */
const firstDifference = (a: Float32Array, b: Float32Array) => (a.length !== b.length ? 0 : a.findIndex((v, i) => v !== b[i]));

describe('viewshed on flat ground', () => {
  it('sees every cell within the radius, and nothing is reported beyond it', () => {
    for (const curvatureCoeff of [0, 0.85714]) {
      const r = computeViewshed({ dsm: flat(), observer: { ...centre, heightAboveSurface: 1.6 }, radius: 80, curvatureCoeff });
      const g = r.visibility;
      // The window is the radius' bounding square of whole cells, like gdal_viewshed's output.
      expect([g.width, g.height, g.originX, g.originY]).toEqual([161, 161, ORIGIN_X + 20, ORIGIN_Y - 20]);
      let inside = 0;
      const wrong: string[] = [];
      for (let row = 0; row < g.height; row++)
        for (let col = 0; col < g.width; col++) {
          const dx = col - 80,
            dy = row - 80;
          const v = at(g, col, row);
          const expected = dx * dx + dy * dy <= 80 * 80 ? 1 : VIEWSHED_NODATA;
          if (expected === 1) inside++;
          if (v !== expected) wrong.push(`(${dx}, ${dy}): ${v}`);
        }
      expect(wrong, `cc ${curvatureCoeff}`).toEqual([]);
      expect(viewshedStats(g)).toEqual({ visible: inside, inRange: inside, share: 1 });
    }
  });

  it('sees the whole raster when the radius is 0 (gdal_viewshed -md 0)', () => {
    const r = computeViewshed({ dsm: flat(), observer: { ...centre, heightAboveSurface: 1.6 }, radius: 0, curvatureCoeff: 0 });
    expect(r.visibility.width).toBe(N);
    expect(viewshedStats(r.visibility).share).toBe(1);
    expect(r.observerZ).toBeCloseTo(11.6, 6);
  });
});

describe('viewshed behind a wall', () => {
  // A wall 11 m high across the whole raster, 20 rows north of an observer whose eye is 30.5 m
  // above flat ground at 0 m (no curvature). The sight line over the wall's top falls
  // (30.5 - 11) / 20 = 0.975 m per metre, so it meets a target of height t at
  // dy = 20 * (30.5 - t) / (30.5 - 11): the ground (t = 0) is hidden for 20 < dy < 31.28 and
  // seen again from dy = 32; a 2 m target is hidden for 20 < dy < 29.23.
  const wallRow = MID - 20;
  const dsm = flat(0);
  for (let c = 0; c < N; c++) dsm.values[wallRow * N + c] = 11;

  for (const [target, lastHidden] of [
    [0, 31],
    [2, 29],
  ] as const) {
    it(`hides exactly rows 21..${lastHidden} behind it for a ${target} m target, at every column`, () => {
      const r = computeViewshed({ dsm, observer: { ...centre, heightAboveSurface: 30.5 }, targetHeight: target, radius: 0, curvatureCoeff: 0 });
      const g = r.visibility;
      for (let row = 0; row < N; row++) {
        const dy = MID - row; // rows north of the observer
        const expected = dy > 20 && dy <= lastHidden ? 0 : 1;
        for (let col = 0; col < N; col++)
          if (at(g, col, row) !== expected) throw new Error(`cell (${col}, ${row}) dy ${dy}: ${at(g, col, row)}, expected ${expected}`);
      }
      // The same with the eye given as an absolute height (a floor of a building), and with GDAL's
      // other ways of interpolating the sight plane (all exact for a plane behind a straight wall).
      const abs = computeViewshed({ dsm, observer: { ...centre, absoluteHeight: 30.5 }, targetHeight: target, radius: 0, curvatureCoeff: 0 });
      expect(firstDifference(abs.visibility.values, g.values)).toBe(-1);
      for (const mode of ['diagonal', 'min', 'max'] as const) {
        const other = computeViewshed({ dsm, observer: { ...centre, heightAboveSurface: 30.5 }, targetHeight: target, radius: 0, curvatureCoeff: 0, mode });
        expect(firstDifference(other.visibility.values, g.values), mode).toBe(-1);
      }
    });
  }

  it('gives the least target height that shows over the wall: the sight line height above the ground', () => {
    const r = computeViewshed({ dsm, observer: { ...centre, heightAboveSurface: 30.5 }, radius: 0, curvatureCoeff: 0, output: 'minTargetHeight' });
    const g = r.visibility;
    for (const dy of [5, 20, 21, 25, 31, 32, 60]) {
      const expected = dy > 20 && dy < 31.28 ? 30.5 - 0.975 * dy : 0;
      for (const col of [0, 37, MID, 180]) expect(at(g, col, MID - dy), `dy ${dy} col ${col}`).toBeCloseTo(expected, 4);
    }
  });

  it('hides nothing once the eye is above the plane through the wall top', () => {
    // Eye at 11 m = wall top: the sight line over the wall is level, so the ground behind is hidden
    // all the way (a 0 m target never reaches 11 m).
    const low = computeViewshed({ dsm, observer: { ...centre, heightAboveSurface: 11 }, radius: 0, curvatureCoeff: 0 }).visibility;
    expect(at(low, MID, 0)).toBe(0);
    expect(at(low, MID, wallRow)).toBe(1); // the wall's own top is seen
    expect(at(low, MID, N - 1)).toBe(1); // south, nothing in the way
  });
});

describe('viewshed split into row bands', () => {
  it('gives the same grid as one run when its bands are merged by the pool rules', () => {
    const dsm = flat(0);
    // A few blocks of different heights.
    for (let r = 30; r < 60; r++) for (let c = 120; c < 150; c++) dsm.values[r * N + c] = 25;
    for (let r = 140; r < 150; r++) for (let c = 20; c < 90; c++) dsm.values[r * N + c] = 14;
    const input = { dsm, observer: { ...centre, heightAboveSurface: 6 }, radius: 90, curvatureCoeff: 0.85714 };
    const whole = computeViewshed(input);
    const bands = [
      [0, 50],
      [50, MID + 1],
      [MID + 1, 170],
      [170, N],
    ] as [number, number][];
    const merged = mergeRowBands(bands.map((rows) => computeViewshed({ ...input, rows })));
    expect(merged.visibility.height).toBe(whole.visibility.height);
    expect(merged.visibility.originY).toBe(whole.visibility.originY);
    expect(firstDifference(merged.visibility.values, whole.visibility.values)).toBe(-1);
    const s = viewshedStats(whole.visibility);
    expect(s.visible).toBeLessThan(s.inRange); // the blocks do hide something
  });
});

describe('viewshed input errors', () => {
  it('refuses an observer outside the raster and bad numbers with a clear message', () => {
    expect(() => computeViewshed({ dsm: flat(), observer: { x: 0, y: 0, heightAboveSurface: 2 }, radius: 10 })).toThrow(/outside the surface raster/);
    expect(() => computeViewshed({ dsm: flat(), observer: { ...centre, heightAboveSurface: 2 }, radius: -1 })).toThrow(/radius/);
    expect(() => computeViewshed({ dsm: flat(), observer: { ...centre, heightAboveSurface: 2 }, radius: 5, output: 'bogus' as 'visibility' })).toThrow(
      /output 'bogus'/,
    );
    expect(() => computeViewshed({ dsm: { ...flat(), width: 5 }, observer: centre, radius: 10 })).toThrow(/values/);
    const hole = flat();
    hole.values[MID * N + MID] = -9999;
    expect(() => computeViewshed({ dsm: hole, observer: { ...centre, heightAboveSurface: 2 }, radius: 10 })).toThrow(/no data under the observer/);
  });

  it('reports no-data cells as no data and lets sight pass over them', () => {
    const dsm = flat(0);
    for (let c = 0; c < N; c++) dsm.values[(MID - 10) * N + c] = -9999;
    const g = computeViewshed({ dsm, observer: { ...centre, heightAboveSurface: 2 }, radius: 0, curvatureCoeff: 0 }).visibility;
    expect(at(g, MID, MID - 10)).toBe(VIEWSHED_NODATA);
    expect(at(g, MID, 0)).toBe(1);
  });
});

describe('viewshed progress and cancelling', () => {
  it('reports progress up to 1 and stops when cancelled', () => {
    const seen: number[] = [];
    computeViewshed(
      { dsm: flat(0, 301), observer: { x: ORIGIN_X + 150.5, y: ORIGIN_Y - 150.5, heightAboveSurface: 2 }, radius: 0 },
      { onProgress: (f) => void seen.push(f), progressIntervalMs: 0 },
    );
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.length).toBeGreaterThan(3);
    expect(() => computeViewshed({ dsm: flat(), observer: { ...centre, heightAboveSurface: 2 }, radius: 0 }, { cancel: { aborted: true } })).toThrow(
      /viewshed was cancelled/,
    );
  });
});
