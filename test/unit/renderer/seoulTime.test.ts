import { describe, expect, it } from 'vitest';
import { defaultStartTime, formatMinutes, fromSeoul, toSeoul } from '../../../renderer/src/seoulTime.js';

describe('Seoul time (KST = UTC+9)', () => {
  it('converts instants to Seoul date and minutes, across the UTC date line', () => {
    // 2026-06-20T20:30Z is 05:30 on the 21st in Seoul.
    expect(toSeoul(new Date('2026-06-20T20:30:00Z'))).toEqual({ date: '2026-06-21', minutes: 5 * 60 + 30 });
    expect(toSeoul(new Date('2026-12-31T15:00:00Z'))).toEqual({ date: '2027-01-01', minutes: 0 });
  });

  it('converts Seoul date and minutes back to the same instant', () => {
    expect(fromSeoul({ date: '2026-06-21', minutes: 14 * 60 }).toISOString()).toBe('2026-06-21T05:00:00.000Z');
    for (const iso of ['2026-01-01T00:00:00Z', '2026-03-15T23:55:00Z', '2026-12-21T03:05:00Z']) {
      expect(fromSeoul(toSeoul(new Date(iso))).getTime()).toBe(new Date(iso).getTime());
    }
  });

  it('formats minutes of the day as HH:MM', () => {
    expect(formatMinutes(0)).toBe('00:00');
    expect(formatMinutes(8 * 60 + 5)).toBe('08:05');
    expect(formatMinutes(23 * 60 + 59)).toBe('23:59');
  });

  it('opens at the current time in daylight and at noon at night', () => {
    const day = new Date('2026-06-21T01:00:00Z'); // 10:00 in Seoul
    expect(defaultStartTime(day)).toBe(day);
    const night = new Date('2026-06-21T14:00:00Z'); // 23:00 in Seoul
    expect(defaultStartTime(night).toISOString()).toBe('2026-06-21T03:00:00.000Z');
  });
});
