// The rainfall flood engine against its physical oracles: water conservation, a lake at rest over
// uneven ground, and Ritter's analytic dam break. Grids here are hand-made fixtures.
import { describe, expect, it } from 'vitest';
import { simulateRainFlood, type RainFloodInput } from '../../../workers/flood/rainFlood.js';
import { constantRain, parseHyetographCsv } from '../../../workers/flood/hyetograph.js';
import { LocalInertialSolver } from '../../../workers/flood/localInertial.js';
import { EngineCancelledError } from '../../../workers/engineControl.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { toWgs84 } from '../../../common/crs.js';

const G = 9.81;

function grid(width: number, height: number, cellSize: number, f: (col: number, row: number) => number): RasterGrid {
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) values[r * width + c] = f(c, r);
  return { values, width, height, cellSize, originX: 200000, originY: 550000, noData: -9999 };
}

/** Fixture: a 2 m grid sloping south-east with bumps, a pit, and a 10 x 10 building block. */
function hillyDistrict(): RainFloodInput['surface'] {
  return grid(80, 60, 2, (c, r) => {
    let z = 50 - 0.02 * c - 0.03 * r + 0.4 * Math.sin(c / 3) * Math.cos(r / 4);
    if ((c - 20) ** 2 + (r - 40) ** 2 < 36) z -= 0.5; // a pit that ponds
    return z;
  });
}

describe('rainfall flood (local-inertial)', () => {
  it('conserves water: rain in - drained = stored + outflow, to 1e-6 relative', () => {
    const surface = hillyDistrict();
    // A building footprint as the build writes it (lon/lat), over the middle of the grid.
    const rain = parseHyetographCsv('hour,mm_per_hour\n0,60\n1,140\n2,20\n');
    rain.stepSeconds = 900; // the same shape in quarter hours keeps the test quick
    const r = simulateRainFlood({ surface, rain, drainageMmPerHour: 30, durationSeconds: 3600, snapshotIntervalSeconds: 900 });
    const b = r.budget;
    expect(b.rainIn).toBeGreaterThan(0);
    expect(b.drained).toBeGreaterThan(0);
    expect(b.outflow).toBeGreaterThan(0);
    expect(b.stored).toBeGreaterThan(0);
    const imbalance = Math.abs(b.initial + b.rainIn - b.drained - b.outflow - b.stored) / (b.initial + b.rainIn);
    expect(imbalance).toBeLessThan(1e-6);
    expect(r.budget.relativeError).toBeCloseTo(imbalance, 12);
    // Rain volume is exactly the hyetograph over the open area.
    expect(b.rainIn).toBeCloseTo(((60 + 140 + 20) / 4 / 1000) * 80 * 60 * 4, 6);
    expect(r.snapshotTimes).toEqual([900, 1800, 2700, 3600]);
    // The pit holds the deepest water.
    let deepest = 0;
    for (let k = 1; k < r.maxDepth.length; k++) if (r.maxDepth[k] > r.maxDepth[deepest]) deepest = k;
    expect(Math.hypot((deepest % 80) - 20, Math.floor(deepest / 80) - 40)).toBeLessThan(6);
  });

  it('drainage never takes more than is there, and drains all of a light rain', () => {
    const surface = grid(30, 30, 2, () => 10); // flat, closed: no outflow
    const r = simulateRainFlood({ surface, rain: constantRain(20, 1800), drainageMmPerHour: 50, durationSeconds: 3600, solver: { boundary: 'closed' } });
    expect(r.budget.drained).toBeCloseTo(r.budget.rainIn, 9);
    expect(r.budget.stored).toBeLessThan(1e-9);
    for (const d of r.maxDepth) expect(d).toBeGreaterThanOrEqual(0);
  });

  it('keeps a lake at rest over uneven ground: no flow, depths unchanged', () => {
    const W = 60,
      H = 50;
    // Uneven bed, islands above the lake level, and a rim that keeps the lake off the edges.
    const surface = grid(W, H, 1, (c, r) => {
      const rim = c < 3 || r < 3 || c >= W - 3 || r >= H - 3;
      return rim ? 20 : 8 + 1.5 * Math.sin(c * 0.7) * Math.cos(r * 0.45) + ((c * 7 + r * 13) % 5) * 0.3 + ((c - 30) ** 2 + (r - 25) ** 2 < 16 ? 5 : 0);
    });
    const level = 9.5;
    const init = new Float32Array(W * H);
    for (let k = 0; k < init.length; k++) init[k] = Math.max(0, level - surface.values[k]);
    const solver = new LocalInertialSolver(W, H, 1, Float64Array.from(surface.values), new Uint8Array(W * H).fill(1), { manningN: 0.03 }, init);
    for (let s = 0; s < 2000; s++) solver.step(solver.stableDt(10), 0, 0);
    let maxQ = 0;
    for (const q of solver.qx) maxQ = Math.max(maxQ, Math.abs(q));
    for (const q of solver.qy) maxQ = Math.max(maxQ, Math.abs(q));
    expect(maxQ).toBeLessThan(1e-12);
    let maxDh = 0;
    for (let k = 0; k < init.length; k++) maxDh = Math.max(maxDh, Math.abs(solver.h[k] - init[k]));
    expect(maxDh).toBeLessThan(1e-6); // float32 initial depths, float64 state
    expect(solver.budget.outflow).toBe(0);
  });

  it("follows Ritter's dam break: depth profile L1 error < 8 %, bore where Ritter's depth is 0.2 h0", () => {
    // 1D channel, 1 m cells, still water 1 m deep upstream of x = 1000 m, dry bed downstream,
    // frictionless. Ritter (1892): h = (2 sqrt(g h0) - x/t)^2 / (9 g) for -sqrt(g h0) t < x < 2 sqrt(g h0) t.
    const W = 2000,
      h0 = 1,
      x0 = 1000,
      T = 50;
    const surface = grid(W, 1, 1, () => 0);
    const init = new Float32Array(W);
    for (let c = 0; c < W; c++) init[c] = c + 0.5 < x0 ? h0 : 0;
    const r = simulateRainFlood({
      surface,
      rain: constantRain(0, 3600),
      drainageMmPerHour: 0,
      durationSeconds: T,
      snapshotIntervalSeconds: T,
      initialDepth: init,
      solver: { manningN: 0, boundary: 'closed', hDry: 1e-6 },
    });
    const h = r.snapshots.subarray(0, W);
    const c0 = Math.sqrt(G * h0);
    const ritter = (x: number) => (x <= -c0 * T ? h0 : x >= 2 * c0 * T ? 0 : (2 * c0 - x / T) ** 2 / (9 * G));
    let l1 = 0,
      ref = 0,
      front = -Infinity;
    for (let c = 0; c < W; c++) {
      const x = c + 0.5 - x0;
      l1 += Math.abs(h[c] - ritter(x));
      ref += ritter(x);
      if (h[c] > 1e-3) front = x;
    }
    expect(l1 / ref).toBeLessThan(0.08); // measured 0.060
    // Without the convective term the scheme turns Ritter's thin tip into a bore; it stands where
    // the exact depth is about 0.2 h0 (x = t (2 c0 - 3 sqrt(0.2 g h0)) = 103 m), measured 105 m.
    const x02 = T * (2 * c0 - 3 * Math.sqrt(0.2 * G * h0));
    expect(Math.abs(front - x02) / x02).toBeLessThan(0.1);
    // Water is conserved (closed channel).
    expect(r.budget.relativeError).toBeLessThan(1e-12);
  });

  it('treats building cells as walls and reports the water around them', () => {
    const surface = grid(40, 40, 1, (c) => 10 - 0.01 * c);
    // Fixture footprint: a 16 m square in the middle of the grid, written as the build writes
    // footprints (lon/lat; PROJ-checked conversion from common/crs.ts).
    const corners: [number, number][] = [
      [200012, 549972],
      [200028, 549972],
      [200028, 549988],
      [200012, 549988],
      [200012, 549972],
    ];
    const lonLat = corners.flatMap(([x, y]) => toWgs84('EPSG:5186', x, y));
    const buildings = { ids: ['fixture:1'], names: ['fixture'], uses: ['apartments'], floors: [3], offsets: [0, 5], lonLat };
    const r = simulateRainFlood({
      surface,
      buildings,
      rain: constantRain(120, 3600),
      drainageMmPerHour: 0,
      durationSeconds: 3600,
      solver: { boundary: 'closed' },
      floodThresholdM: 0.05,
    });
    const wallCells = r.walls.reduce((s, w) => s + (w === 1 ? 1 : 0), 0);
    expect(wallCells).toBe(256); // 16 x 16 cell centres inside
    for (let k = 0; k < r.walls.length; k++) if (r.walls[k] === 1) expect(r.maxDepth[k]).toBe(r.noData);
    expect(r.buildings).toHaveLength(1);
    expect(r.buildings[0].semiBasement).toBe('assumed');
    expect(r.buildings[0].maxDepth).toBeGreaterThan(0.05);
    expect(r.buildings[0].arrivalSeconds).toBeGreaterThan(0);
    expect(r.budget.relativeError).toBeLessThan(1e-6);

    // The same home described by the building register (use code, one floor below ground): recorded.
    const registered = { ...buildings, uses: ['공동주택 (02000)'], basementFloors: [1] };
    const rr = simulateRainFlood({
      surface,
      buildings: registered,
      rain: constantRain(120, 3600),
      drainageMmPerHour: 0,
      durationSeconds: 3600,
      solver: { boundary: 'closed' },
      floodThresholdM: 0.05,
    });
    expect(rr.buildings.map((b) => b.semiBasement)).toEqual(['recorded']);
    expect(rr.assumptions.some((a) => a.startsWith('semi-basement homes: recorded where'))).toBe(true);
    expect(() =>
      simulateRainFlood({ surface, buildings: { ...registered, basementFloors: [] }, rain: constantRain(1, 60), drainageMmPerHour: 0, durationSeconds: 60 }),
    ).toThrow(/basementFloors has 0 entries for 1 buildings/);
  });

  it('refuses bad input with a clear message and can be cancelled', () => {
    const surface = grid(10, 10, 1, () => 0);
    expect(() => simulateRainFlood({ surface, rain: constantRain(10, 60), drainageMmPerHour: -1, durationSeconds: 60 })).toThrow(/drainage capacity -1/);
    expect(() => simulateRainFlood({ surface, rain: { ratesMmPerHour: [10, 900], stepSeconds: 3600 }, drainageMmPerHour: 0, durationSeconds: 60 })).toThrow(
      /interval 2 has 900 mm\/h/,
    );
    expect(() =>
      simulateRainFlood({ surface: { ...surface, values: new Float32Array(5) }, rain: constantRain(10, 60), drainageMmPerHour: 0, durationSeconds: 60 }),
    ).toThrow(/5 values for 10 x 10/);
    expect(() =>
      simulateRainFlood(
        { surface, rain: constantRain(10, 60), drainageMmPerHour: 0, durationSeconds: 3600, maxStepSeconds: 0.001 },
        { cancel: { aborted: true } },
      ),
    ).toThrow(EngineCancelledError);
  });
});

describe('hyetograph CSV', () => {
  it('reads hour,mm_per_hour rows with a header, and a single column', () => {
    expect(parseHyetographCsv('hour,mm_per_hour\n1,10\n2,141.5\n3,0\n')).toEqual({ ratesMmPerHour: [10, 141.5, 0], stepSeconds: 3600 });
    expect(parseHyetographCsv('# 2022-08-08 storm, fixture\n20\n80\n')).toEqual({ ratesMmPerHour: [20, 80], stepSeconds: 3600 });
  });
  it('names the line and the problem', () => {
    expect(() => parseHyetographCsv('hour,mm\n0,10\n2,20\n', 'storm.csv')).toThrow('storm.csv line 3: hour 2 does not follow 0; hours must be consecutive');
    expect(() => parseHyetographCsv('0,10\n1,abc\n', 'storm.csv')).toThrow(/storm.csv line 2: "1,abc" is not numbers/);
    expect(() => parseHyetographCsv('0,-5\n', 'storm.csv')).toThrow(/line 1: intensity -5 mm\/h is outside/);
    expect(() => parseHyetographCsv('hour,mm\n', 'storm.csv')).toThrow(/storm.csv: no intensities/);
    expect(() => parseHyetographCsv('0,1,2\n', 'storm.csv')).toThrow(/line 1: expected "hour,mm_per_hour"/);
  });
});
