// Visible share of named targets per floor (workers/view/targetShares.ts): a hand-built case where
// a wall hides exactly half of a target, plus the target models built from the shared data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeTargetShares, SightLines, windowPoint } from '../../../workers/view/targetShares.js';
import { hanRiverTarget, peakTarget, type ViewTarget } from '../../../workers/view/viewTargets.js';
import { LANDMARK_PEAKS } from '../../../workers/view/landmarkPeaks.js';
import { toWgs84 } from '../../../common/crs.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';

const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(__dirname, '../../../../shared/data');
const X0 = 200_000;
const Y0 = 550_000;
const S = 200;

// Flat ground (0 m) 200 m x 200 m; a 10 m x 10 m building 9.9 m high (3 floors) near the south
// edge; its north facade's window looks out at (200100, 549821). A wall 50 m high, one cell thick,
// 60.5 m north of the window, runs from the window's meridian (x = 200100) 60 m east.
function scene(): { dsm: RasterGrid; ring: [number, number][] } {
  const values = new Float32Array(S * S);
  const set = (x0: number, x1: number, y0: number, y1: number, h: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) values[(Y0 - y - 1) * S + (x - X0)] = h;
  };
  set(200095, 200105, 549810, 549820, 9.9);
  set(200100, 200160, 549881, 549882, 50);
  return {
    dsm: { values, width: S, height: S, cellSize: 1, originX: X0, originY: Y0, noData: -9999 },
    ring: [
      [200095, 549810],
      [200105, 549810],
      [200105, 549820],
      [200095, 549820],
    ],
  };
}

/** 20 samples at ground level in a row `north` metres north of the window, x offsets -95..95 m. */
function rowTarget(name: string, north: number): ViewTarget {
  const pts: number[] = [];
  for (let dx = -95; dx <= 95; dx += 10) pts.push(200100 + dx, 549821 + north, 0);
  return { name, points: new Float64Array(pts), model: 'hand-built test row' };
}

describe('target shares behind a wall', () => {
  it('sees exactly half of a target whose eastern half lies behind the wall, from every floor and the roof', () => {
    const { dsm, ring } = scene();
    // The sight line to a sample at x offset dx crosses the wall's row at dx * 60.5 / north: east of
    // the meridian it meets the wall (50 m, above every eye), west of it it does not.
    const targets = [rowTarget('far (beyond the surface model)', 1000), rowTarget('near (inside it)', 120)];
    const r = computeTargetShares({ dsm, building: { ring, height: 9.9, floors: 3 }, window: { x: 200100, y: 549820.2 }, targets });
    expect(r.samples).toEqual([20, 20]);
    expect(r.samplesInsideDsm).toEqual([0, 20]);
    expect(r.rows.map((row) => row.label)).toEqual(['floor 1', 'floor 2', 'floor 3', 'roof']);
    expect(r.floorHeight).toBeCloseTo(3.3, 9);
    expect(r.groundZ).toBe(0);
    // Eyes: one cell outside the north facade at each floor's mid-height; the roof 1.5 m above it.
    expect(r.rows.map((row) => [row.x, row.y])).toEqual([
      [200100, 549821],
      [200100, 549821],
      [200100, 549821],
      [200100, 549815],
    ]);
    r.rows.slice(0, 3).forEach((row, i) => expect(row.z).toBeCloseTo((i + 0.5) * 3.3, 9));
    expect(r.rows[3].z).toBeCloseTo(11.4, 9);
    for (const row of r.rows) {
      expect(row.shares).toEqual([0.5, 0.5]);
    }
  });

  it('sees all of it with the wall gone, and none of it when the wall spans the whole view', () => {
    const { dsm, ring } = scene();
    const open = { ...dsm, values: dsm.values.map((v, i) => (Math.floor(i / S) === Y0 - 549882 ? 0 : v)) };
    const targets = [rowTarget('far', 1000), rowTarget('near', 120)];
    const all = computeTargetShares({ dsm: open, building: { ring, height: 9.9, floors: 3 }, window: { x: 200100, y: 549820 }, targets });
    for (const row of all.rows) expect(row.shares).toEqual([1, 1]);
    const closed = { ...dsm, values: dsm.values.map((v, i) => (Math.floor(i / S) === Y0 - 549882 ? 50 : v)) };
    const none = computeTargetShares({ dsm: closed, building: { ring, height: 9.9, floors: 3 }, window: { x: 200100, y: 549820 }, targets });
    for (const row of none.rows) expect(row.shares).toEqual([0, 0]);
  });

  it('lets a high eye look over a low wall: the share follows the sight line over its top', () => {
    // Wall 5 m high at 60.5 m; ground samples 120 m north. The line from an eye at z over the wall
    // top reaches the ground at 60.5 * z / (z - 5): beyond 120 m for z < 10.08 (hidden), before it
    // for z above (seen). Floors at 1.65, 4.95, 8.25 m are below the wall line; the roof eye (11.4 m,
    // 6 m further south: 66.5 m to the wall, 126 m to the samples, needs z > 10.6 m) is above it.
    const { dsm, ring } = scene();
    const low = { ...dsm, values: dsm.values.map((v) => (v === 50 ? 5 : v)) };
    const r = computeTargetShares({
      dsm: low,
      building: { ring, height: 9.9, floors: 3 },
      window: { x: 200100, y: 549820 },
      targets: [rowTarget('near', 120)],
      curvatureCoeff: 0,
    });
    expect(r.rows.map((row) => row.shares[0])).toEqual([0.5, 0.5, 0.5, 1]);
  });

  it('puts the window one cell outside the facade nearest the picked point', () => {
    const ring: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 20],
      [0, 20],
    ];
    expect(windowPoint(ring, 1, { x: 10.2, y: 7 })).toEqual({ x: 11, y: 7 });
    expect(windowPoint([...ring].reverse(), 1, { x: 3, y: -0.1 })).toEqual({ x: 3, y: -1 });
    // No point picked: the middle of the longest edge.
    expect(windowPoint(ring, 2)).toEqual({ x: 12, y: 10 });
  });

  it('traces sight lines inside the surface model up to the target cell only', () => {
    const { dsm } = scene();
    const lines = new SightLines(dsm, { x: 200100, y: 549821, z: 1.65 }, 0);
    // The wall top itself is seen (its own cell does not hide it); the ground behind it is not.
    expect(lines.visible(200130.5, 549881.5, 50)).toBe(true);
    expect(lines.visible(200130.5, 549890.5, 0)).toBe(false);
    expect(lines.visible(200050.5, 549890.5, 0)).toBe(true);
  });
});

describe('named target models', () => {
  it('takes the Han River from the shared water polygons', () => {
    const water = JSON.parse(readFileSync(path.join(SOURCE, 'hydro/seoul_water_bodies.geojson'), 'utf8'));
    const issues: string[] = [];
    const han = hanRiverTarget(water, { onIssue: (m) => issues.push(m) });
    expect(issues).toEqual([]);
    expect(han.model).toMatch(/^24 water polygons/);
    const n = han.points.length / 3;
    // The Han polygons total about 30 km²: one sample per 50 m x 50 m.
    expect(n).toBeGreaterThan(10_000);
    expect(n).toBeLessThan(14_000);
    for (let i = 0; i < han.points.length; i += 3 * 97) {
      const [lon, lat] = toWgs84('EPSG:5186', han.points[i], han.points[i + 1]);
      // Every sample lies in the Han's band across Seoul (south of the old city, north of Gangnam's hills).
      expect(lat).toBeGreaterThan(37.5);
      expect(lat).toBeLessThan(37.61);
      expect(lon).toBeGreaterThan(126.76);
      expect(lon).toBeLessThan(127.19);
      expect(han.points[i + 2]).toBe(2.5);
    }
    // A feature that is not a polygon is reported, not dropped silently.
    const bad = hanRiverTarget(
      { features: [{ properties: { fid: 7 }, geometry: { type: 'Point', coordinates: [127, 37.5] } }] },
      { onIssue: (m) => issues.push(m) },
    );
    expect(bad.points.length).toBe(0);
    expect(issues).toEqual(['water feature 7: geometry Point is not a polygon; skipped']);
  });

  it('models Namsan and Bukhansan as the top of their cited summits', () => {
    for (const p of LANDMARK_PEAKS) expect(p.source).toMatch(/Wikipedia/);
    const namsan = peakTarget('Namsan');
    expect(namsan.points.length / 3).toBe(21);
    expect(namsan.points[2]).toBe(270);
    expect(namsan.points[namsan.points.length - 1]).toBe(170);
    expect(() => peakTarget('Gwanaksan')).toThrow(/no summit known/);
  });
});
