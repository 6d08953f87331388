// How far shadows reach in a sun batch run: the lowest sun of the run's window (one sun for every
// tile, at the run's site) and the relief a tile's halo holds — the tallest surface within the halo
// above the tile's lowest ground. reach = relief / tan(lowest elevation); the halo covers the
// tile exactly when reach <= halo (summary.json reports every tile).
import type { ParametersOf } from '../../common/analyses/analyses.js';
import type { LonLat } from '../../common/analyses/analysisSpec.js';
import { minuteOfDay } from '../../common/analyses/schemaParts.js';
import type { Box5186 } from '../../common/batch/batchRun.js';
import type { CityData } from '../../workers/data/cityData.js';
import { sunSteps, sunWindow } from '../../workers/sun/groundSunHours.js';

/** Degrees: the lowest elevation of the run's steps with the sun up (NaN when it never is). */
export function lowestSunElevation(p: ParametersOf<'sunHours'>, site: LonLat): number {
  const window = sunWindow({
    date: p.date,
    startMinute: minuteOfDay(p.start ?? '08:00'),
    endMinute: minuteOfDay(p.end ?? '16:00'),
    stepMinutes: p.stepMinutes ?? 10,
  });
  const up = sunSteps(window, { lon: site[0], lat: site[1] })
    .map((s) => s.elevation)
    .filter((e) => e > 0);
  return up.length ? Math.min(...up) : NaN;
}

/** Metres: the highest cell within `haloM` of the tile above the tile's lowest cell. */
export async function shadowRelief(city: CityData, tile: Box5186, haloM: number): Promise<number> {
  const win = await city.surfaceWindow(tile, haloM);
  const g = win.grid;
  let max = -Infinity;
  let min = Infinity;
  const c0 = Math.round((tile.minX - g.originX) / g.cellSize);
  const r0 = Math.round((g.originY - tile.maxY) / g.cellSize);
  const cells = Math.round((tile.maxX - tile.minX) / g.cellSize);
  for (let r = 0; r < g.height; r++) {
    const inRows = r >= r0 && r < r0 + cells;
    for (let c = 0; c < g.width; c++) {
      const v = g.values[r * g.width + c];
      if (v === g.noData || !Number.isFinite(v)) continue;
      if (v > max) max = v;
      if (inRows && c >= c0 && c < c0 + cells && v < min) min = v;
    }
  }
  return Number.isFinite(max) && Number.isFinite(min) ? Math.max(0, max - min) : 0;
}
