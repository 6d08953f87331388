// The Korean right-to-light rule on hand-built series, passing and failing each rule exactly at
// its threshold. A step k stands for [first + k*step, first + (k+1)*step) and counts inside a
// rule window only when the whole interval lies in it.
import { describe, expect, it } from 'vitest';
import { rightToLight, rightToLightFromBits } from '../../../workers/sun/rightToLight.js';

/** 10-minute steps from `first` (minutes after midnight) to `last`, sunlit where `lit(startMinute)`. */
function series(first: number, last: number, step: number, lit: (m: number) => boolean): number[] {
  const out: number[] = [];
  for (let m = first; m < last; m += step) out.push(lit(m) ? 1 : 0);
  return out;
}
const hm = (h: number, m = 0) => h * 60 + m;
const between = (a: number, b: number) => (m: number) => m >= a && m < b;

describe('right-to-light (winter solstice: 2 h continuous 09-15 or 4 h total 08-16)', () => {
  it('passes with exactly 2 consecutive hours inside 09:00-15:00', () => {
    for (const [a, b] of [
      [hm(9), hm(11)],
      [hm(13), hm(15)],
      [hm(11, 30), hm(13, 30)],
    ]) {
      const r = rightToLight(series(hm(8), hm(16), 10, between(a, b)), hm(8), 10);
      expect(r).toMatchObject({ pass: true, passesContinuous: true, passesTotal: false, longestContinuousMinutes: 120, totalMinutes: 120 });
    }
  });

  it('fails with one step less (1 h 50 min continuous)', () => {
    const r = rightToLight(series(hm(8), hm(16), 10, between(hm(9), hm(10, 50))), hm(8), 10);
    expect(r).toMatchObject({ pass: false, longestContinuousMinutes: 110, totalMinutes: 110 });
  });

  it('counts only the part of a run inside 09:00-15:00', () => {
    // 2 h of sun 08:10-10:10: only 09:00-10:10 (70 min) is inside the continuous window.
    const early = rightToLight(series(hm(8), hm(16), 10, between(hm(8, 10), hm(10, 10))), hm(8), 10);
    expect(early).toMatchObject({ pass: false, longestContinuousMinutes: 70, totalMinutes: 120 });
    // 2 h 13:10-15:10: 110 min inside.
    const late = rightToLight(series(hm(8), hm(16), 10, between(hm(13, 10), hm(15, 10))), hm(8), 10);
    expect(late).toMatchObject({ pass: false, longestContinuousMinutes: 110 });
  });

  it('a single shaded step splits a run', () => {
    // Sun 09:00-12:50 but not in [10:50, 11:00): runs of 110 and 110 min.
    const r = rightToLight(
      series(hm(8), hm(16), 10, (m) => between(hm(9), hm(12, 50))(m) && m !== hm(10, 50)),
      hm(8),
      10,
    );
    expect(r).toMatchObject({ pass: false, passesContinuous: false, longestContinuousMinutes: 110, totalMinutes: 220 });
  });

  it('passes with exactly 4 hours in total inside 08:00-16:00, none of it 2 h continuous', () => {
    // Every other 10-minute step: 24 sunlit steps = 240 min, longest run 10 min.
    const on = rightToLight(
      series(hm(8), hm(16), 10, (m) => (m / 10) % 2 === 0),
      hm(8),
      10,
    );
    expect(on).toMatchObject({ pass: true, passesContinuous: false, passesTotal: true, totalMinutes: 240, longestContinuousMinutes: 10 });
    // One of them shaded: 230 min.
    const off = rightToLight(
      series(hm(8), hm(16), 10, (m) => (m / 10) % 2 === 0 && m !== hm(12)),
      hm(8),
      10,
    );
    expect(off).toMatchObject({ pass: false, totalMinutes: 230 });
  });

  it('ignores sun outside 08:00-16:00 (whole-day series)', () => {
    // Sun 06:00-09:50 and 15:00-18:00: inside 08-16 that is 08:00-09:50 (110) + 15:00-16:00 (60).
    const r = rightToLight(
      series(0, 1440, 10, (m) => between(hm(6), hm(9, 50))(m) || between(hm(15), hm(18))(m)),
      0,
      10,
    );
    expect(r).toMatchObject({ pass: false, totalMinutes: 170, longestContinuousMinutes: 50 });
  });

  it('counts a step only when its whole interval lies in the window (30-minute steps from 08:45)', () => {
    // Steps [08:45,09:15) ... all sunlit until 11:15: the 08:45 step straddles 09:00 and is not
    // counted in the continuous window, so the run inside is 09:15-11:15 = 120 min.
    const r = rightToLight(series(hm(8, 45), hm(15, 45), 30, between(hm(8, 45), hm(11, 15))), hm(8, 45), 30);
    expect(r).toMatchObject({ pass: true, longestContinuousMinutes: 120, totalMinutes: 150 });
    const shorter = rightToLight(series(hm(8, 45), hm(15, 45), 30, between(hm(8, 45), hm(10, 45))), hm(8, 45), 30);
    expect(shorter).toMatchObject({ pass: false, longestContinuousMinutes: 90 });
  });

  it('reads bitsets the same way as arrays', () => {
    const s = series(hm(7), hm(17), 10, (m) => (m * 7919) % 13 < 6);
    const words = new Uint32Array(3 + Math.ceil(s.length / 32));
    s.forEach((v, k) => {
      if (v) words[3 + (k >> 5)] |= 1 << (k & 31);
    });
    expect(rightToLightFromBits(words, 3, s.length, hm(7), 10)).toEqual(rightToLight(s, hm(7), 10));
  });
});
