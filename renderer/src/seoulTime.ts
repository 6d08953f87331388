// Seoul time (KST, UTC+9, no daylight saving) is what users mean by "3 pm in Seoul", whatever the
// computer's own time zone. Pure functions, unit-tested in Node.
const KST_OFFSET_MINUTES = 9 * 60;
export const MINUTES_PER_DAY = 24 * 60;

export interface SeoulDateTime {
  /** yyyy-mm-dd in Seoul. */
  date: string;
  /** Minutes after Seoul midnight. */
  minutes: number;
}

export function toSeoul(instant: Date): SeoulDateTime {
  const shifted = new Date(instant.getTime() + KST_OFFSET_MINUTES * 60_000);
  return {
    date: shifted.toISOString().slice(0, 10),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

export function fromSeoul({ date, minutes }: SeoulDateTime): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + (minutes - KST_OFFSET_MINUTES) * 60_000);
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Now while the sun is up in Seoul (07:00–18:00), else noon today, so the city opens lit. */
export function defaultStartTime(now = new Date()): Date {
  const seoul = toSeoul(now);
  if (seoul.minutes >= 7 * 60 && seoul.minutes <= 18 * 60) return now;
  return fromSeoul({ date: seoul.date, minutes: 12 * 60 });
}
