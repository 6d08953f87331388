// The Korean right-to-light test (일조권: the sunlight standard Korean courts apply, on the
// winter solstice) a window (or ground cell) passes when it gets
//   - at least 2 consecutive hours of sun between 09:00 and 15:00, OR
//   - at least 4 hours in total between 08:00 and 16:00 (KST).
//
// Input is a per-step sunlit series. A step k stands for the interval
// [firstStepMinute + k*step, firstStepMinute + (k+1)*step) in minutes after 00:00 KST, and counts
// toward a rule window only when the whole interval lies inside it (so with 10-minute steps from
// 08:00, the 09:00-15:00 window holds exactly steps 6..41). Consecutive means sunlit steps with no
// unlit step in between. Thresholds are inclusive: exactly 120 or 240 minutes pass.
//
// Facades: call rightToLight(series, firstStepMinute, stepMinutes) for each floor's series.

export const RIGHT_TO_LIGHT_RULES = {
  continuous: { fromMinute: 9 * 60, toMinute: 15 * 60, minutes: 120 },
  total: { fromMinute: 8 * 60, toMinute: 16 * 60, minutes: 240 },
} as const;

export interface RightToLightResult {
  pass: boolean;
  passesContinuous: boolean;
  passesTotal: boolean;
  /** Longest run of sunlit minutes inside 09:00-15:00. */
  longestContinuousMinutes: number;
  /** Sunlit minutes inside 08:00-16:00. */
  totalMinutes: number;
}

/** Core of the rule over any indexed sunlit test (kept allocation-free for per-cell use). */
function evaluate(n: number, sunlitAt: (k: number) => boolean, firstStepMinute: number, stepMinutes: number): RightToLightResult {
  if (!(stepMinutes > 0)) throw new Error(`rightToLight: stepMinutes ${stepMinutes} must be positive`);
  const c = RIGHT_TO_LIGHT_RULES.continuous;
  const t = RIGHT_TO_LIGHT_RULES.total;
  let run = 0;
  let longest = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const a = firstStepMinute + k * stepMinutes;
    const b = a + stepMinutes;
    const lit = sunlitAt(k);
    if (lit && a >= t.fromMinute && b <= t.toMinute) total += stepMinutes;
    if (a >= c.fromMinute && b <= c.toMinute) {
      run = lit ? run + stepMinutes : 0;
      if (run > longest) longest = run;
    } else run = 0;
  }
  const passesContinuous = longest >= c.minutes;
  const passesTotal = total >= t.minutes;
  return { pass: passesContinuous || passesTotal, passesContinuous, passesTotal, longestContinuousMinutes: longest, totalMinutes: total };
}

/**
 * Right-to-light of one series (booleans or 0/1 per step).
 * @param firstStepMinute start of step 0, minutes after 00:00 KST
 */
export function rightToLight(sunlit: ArrayLike<boolean | number>, firstStepMinute: number, stepMinutes: number): RightToLightResult {
  return evaluate(sunlit.length, (k) => Boolean(sunlit[k]), firstStepMinute, stepMinutes);
}

/** The same over a bitset (bit k of words[offset + (k >> 5)] = step k), as groundSunHours returns. */
export function rightToLightFromBits(words: Uint32Array, offset: number, nSteps: number, firstStepMinute: number, stepMinutes: number): RightToLightResult {
  return evaluate(nSteps, (k) => ((words[offset + (k >> 5)] >>> (k & 31)) & 1) === 1, firstStepMinute, stepMinutes);
}
