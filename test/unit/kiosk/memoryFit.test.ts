// The soak's growth rule: least-squares slope per hour and the lower envelope of noisy samples.
import { describe, expect, it } from 'vitest';
import { linearFit, windowMinima } from '../../soak/memoryFit.js';

describe('soak memory fit', () => {
  it('recovers the slope of an exact line, per hour', () => {
    const t = [0, 30, 60, 90, 120];
    const fit = linearFit(
      t,
      t.map((x) => 100 + x / 60),
    ); // 1 MB per minute
    expect(fit.slopePerHour).toBeCloseTo(60, 10);
    expect(fit.intercept).toBeCloseTo(100, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it('matches a hand-computed least-squares slope on noisy points', () => {
    // x̄ = 1.5, ȳ = 2.5; Sxy = (-1.5)(-1.5)+(-0.5)(0.5)+(0.5)(-0.5)+(1.5)(1.5) = 4; Sxx = 5 -> 0.8 per s.
    const fit = linearFit([0, 1, 2, 3], [1, 3, 2, 4]);
    expect(fit.slopePerHour).toBeCloseTo(0.8 * 3600, 8);
  });

  it('takes the floor of each window, so swings above a flat floor give no slope', () => {
    const t = Array.from({ length: 24 }, (_, i) => i * 30);
    const y = t.map((_, i) => 600 + (i % 4 === 1 ? 200 : i % 4 === 2 ? 120 : 0));
    const floor = windowMinima(t, y, 120);
    expect(floor.y).toEqual(Array(6).fill(600));
    expect(linearFit(floor.t, floor.y).slopePerHour).toBe(0);
    // A leak lifts the floor and is seen.
    const leaking = windowMinima(
      t,
      y.map((v, i) => v + i),
      120,
    );
    expect(linearFit(leaking.t, leaking.y).slopePerHour).toBeCloseTo(120, 0);
  });
});
