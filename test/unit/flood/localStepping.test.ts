// A lake at rest stays at rest through the engine (simulateRainFlood), with local time stepping
// (the default) and with the global step, for 10 minutes: the gentle lake with an island of
// rainFlood.test.ts, and a deep one (up to 10 m of water over a bed sloping up to 1 m per cell, like
// the closed hollows of the SRTM-based ground) that exposed two instabilities: the global step at
// alpha 0.7 (3 m of sloshing within 10 s) and local stepping at Courant 0.35 where levels meet
// (0.9 m within 10 min). Hand-made fixtures.
import { describe, expect, it } from 'vitest';
import { simulateRainFlood } from '../../../workers/flood/rainFlood.js';
import { constantRain } from '../../../workers/flood/hyetograph.js';

const W = 60,
  H = 50;
const rim = (c: number, r: number) => c < 3 || r < 3 || c >= W - 3 || r >= H - 3;
const BEDS = {
  // The same bed as the global-step lake test in rainFlood.test.ts.
  gentle: (c: number, r: number) =>
    8 + 1.5 * Math.sin(c * 0.7) * Math.cos(r * 0.45) + ((c * 7 + r * 13) % 5) * 0.3 + ((c - 30) ** 2 + (r - 25) ** 2 < 16 ? 5 : 0),
  deep: (c: number, r: number) => 4 + 5 * Math.sin(c * 0.2) * Math.cos(r * 0.15) + ((c * 7 + r * 13) % 5) * 0.3,
};

describe('rain flood: a lake at rest stays at rest', () => {
  for (const [name, bed] of Object.entries(BEDS)) {
    for (const timeStepping of ['local', 'global'] as const) {
      it(`${name} lake, ${timeStepping} time stepping, 10 minutes`, () => {
        const values = new Float32Array(W * H);
        for (let r = 0; r < H; r++) for (let c = 0; c < W; c++) values[r * W + c] = rim(c, r) ? 20 : bed(c, r);
        const level = 9.5;
        const init = new Float32Array(W * H);
        for (let k = 0; k < init.length; k++) init[k] = Math.max(0, level - values[k]);
        const r = simulateRainFlood({
          surface: { values, width: W, height: H, cellSize: 1, originX: 200000, originY: 550000, noData: -9999 },
          rain: constantRain(0, 3600),
          drainageMmPerHour: 0,
          durationSeconds: 600,
          snapshotIntervalSeconds: 600,
          initialDepth: init,
          solver: { boundary: 'closed' },
          ...(timeStepping === 'global' ? { timeStepping } : {}),
        });
        expect(r.timeStepping).toBe(timeStepping);
        if (timeStepping === 'local') expect(r.subSteps).toBeGreaterThan(r.steps); // more than one level in use
        const h = r.snapshots.subarray(0, W * H);
        let maxDh = 0;
        for (let k = 0; k < init.length; k++) maxDh = Math.max(maxDh, Math.abs(h[k] - init[k]));
        expect(maxDh).toBeLessThan(1e-6); // float32 initial depths
        expect(r.budget.relativeError).toBeLessThan(1e-12);
      });
    }
  }
});
