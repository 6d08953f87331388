// Least-squares line through (t, y) samples: the soak's "does memory grow without bound" rule.
export interface LinearFit {
  /** y units per hour. */
  slopePerHour: number;
  intercept: number;
  r2: number;
  n: number;
}

/** `tSeconds` and `y` of equal length; slope is reported per hour. */
export function linearFit(tSeconds: number[], y: number[]): LinearFit {
  const n = tSeconds.length;
  if (n < 2) return { slopePerHour: 0, intercept: y[0] ?? 0, r2: 0, n };
  const mt = tSeconds.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (tSeconds[i] - mt) * (y[i] - my);
    sxx += (tSeconds[i] - mt) ** 2;
    syy += (y[i] - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slopePerHour: slope * 3600, intercept: my - slope * mt, r2: syy === 0 || sxx === 0 ? 0 : (sxy * sxy) / (sxx * syy), n };
}

/**
 * The lower envelope of a noisy series: the minimum of each window of `windowSeconds`. Process
 * memory swings by a hundred MB within one tour loop (GPU/SwiftShader buffers, tile decoding);
 * a leak lifts the floor, so the floor's slope is what says "grows without bound".
 */
export function windowMinima(tSeconds: number[], y: number[], windowSeconds: number): { t: number[]; y: number[] } {
  const out = { t: [] as number[], y: [] as number[] };
  if (!tSeconds.length) return out;
  const start = tSeconds[0];
  for (let i = 0; i < tSeconds.length;) {
    const w = Math.floor((tSeconds[i] - start) / windowSeconds);
    let best = i;
    let j = i;
    while (j < tSeconds.length && Math.floor((tSeconds[j] - start) / windowSeconds) === w) {
      if (y[j] < y[best]) best = j;
      j++;
    }
    out.t.push(tSeconds[best]);
    out.y.push(y[best]);
    i = j;
  }
  return out;
}
