// Rainfall events for the flood engine: a constant intensity for a duration, or an hourly
// hyetograph read from CSV. Bad rows are refused with the line and the reason, never skipped.

export interface Rainfall {
  /** Intensity of each interval in mm/h; rain stops after the last one. */
  ratesMmPerHour: number[];
  /** Length of each interval in seconds (3600 for an hourly hyetograph). */
  stepSeconds: number;
}

/** Heaviest hourly rain that is physically plausible (world record ~305 mm/h); above is a typo. */
export const MAX_RAIN_MM_PER_HOUR = 400;

export function constantRain(mmPerHour: number, durationSeconds: number): Rainfall {
  if (!Number.isFinite(mmPerHour) || mmPerHour < 0 || mmPerHour > MAX_RAIN_MM_PER_HOUR) {
    throw new Error(`rain intensity ${mmPerHour} mm/h must be between 0 and ${MAX_RAIN_MM_PER_HOUR}`);
  }
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) throw new Error(`rain duration ${durationSeconds} s must be positive`);
  return { ratesMmPerHour: [mmPerHour], stepSeconds: durationSeconds };
}

/** Rain rate in m/s at time t (seconds from the start). */
export function rainRateAt(rain: Rainfall, t: number): number {
  const i = Math.floor(t / rain.stepSeconds);
  if (t < 0 || i >= rain.ratesMmPerHour.length) return 0;
  return rain.ratesMmPerHour[i] / 1000 / 3600;
}

/** Total rain depth of the event in metres. */
export function rainDepth(rain: Rainfall): number {
  return (rain.ratesMmPerHour.reduce((s, r) => s + r, 0) * (rain.stepSeconds / 3600)) / 1000;
}

/**
 * Hourly hyetograph CSV: one row per hour, `hour,mm_per_hour` (a header line is allowed; hours
 * must run consecutively from 0 or 1), or a single column of intensities. `#` starts a comment.
 */
export function parseHyetographCsv(text: string, file = 'hyetograph.csv'): Rainfall {
  const rates: number[] = [];
  const hours: number[] = [];
  let columns = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    const where = `${file} line ${i + 1}`;
    if (cells.some((c) => c !== '' && !Number.isFinite(Number(c)))) {
      if (rates.length === 0 && columns === 0) {
        columns = cells.length; // header
        return;
      }
      throw new Error(`${where}: "${line}" is not numbers (expected hour,mm_per_hour)`);
    }
    if (cells.length > 2 || cells.some((c) => c === '')) throw new Error(`${where}: expected "hour,mm_per_hour" or one intensity, got "${line}"`);
    if (columns && cells.length !== columns) throw new Error(`${where}: ${cells.length} columns where the header has ${columns}`);
    columns ||= cells.length;
    const rate = Number(cells[cells.length - 1]);
    if (rate < 0 || rate > MAX_RAIN_MM_PER_HOUR) throw new Error(`${where}: intensity ${rate} mm/h is outside 0..${MAX_RAIN_MM_PER_HOUR}`);
    if (cells.length === 2) {
      const hour = Number(cells[0]);
      if (!Number.isInteger(hour)) throw new Error(`${where}: hour ${cells[0]} is not a whole number`);
      const expected = hours.length === 0 ? (hour === 0 || hour === 1 ? hour : NaN) : hours[hours.length - 1] + 1;
      if (hour !== expected)
        throw new Error(`${where}: hour ${hour} does not follow ${hours.length ? hours[hours.length - 1] : 'the start (0 or 1)'}; hours must be consecutive`);
      hours.push(hour);
    }
    rates.push(rate);
  });
  if (rates.length === 0) throw new Error(`${file}: no intensities found (expected rows "hour,mm_per_hour")`);
  return { ratesMmPerHour: rates, stepSeconds: 3600 };
}
