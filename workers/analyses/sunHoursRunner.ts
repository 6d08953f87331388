// Ground sunlight hours (declaration: common/analyses/sunHours.ts): groundSunHours on the area's
// rows of the window (the margin still casts its shadows in), cropped to the area.
import { minuteOfDay } from '../../common/analyses/schemaParts.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { differenceGrid, gridStats } from '../grid/cropGrid.js';
import { groundSunHours } from '../sun/groundSunHours.js';
import { round, type AnalysisRunner } from './analysisRunner.js';

function countLoss(diff: RasterGrid, threshold: number): number {
  let n = 0;
  for (const v of diff.values) if (v !== diff.noData && v <= -threshold) n++;
  return n;
}

export const sunHoursRunner: AnalysisRunner<'sunHours'> = {
  async run(ctx, p) {
    const surface = await ctx.surface();
    const rows = ctx.windowRows(surface);
    const stepMinutes = p.stepMinutes ?? 10;
    const sunSite = ctx.input.sunSite;
    const r = groundSunHours(
      {
        dsm: surface.grid,
        date: p.date,
        startMinute: minuteOfDay(p.start ?? '08:00'),
        endMinute: minuteOfDay(p.end ?? '16:00'),
        stepMinutes,
        rows,
        site: sunSite && { lon: sunSite[0], lat: sunSite[1] },
      },
      ctx.engineControl(0.05, 1),
    );
    return {
      rasters: { hours: ctx.cropToArea(r.hours, surface) },
      facts: { date: r.date, window: `${p.start ?? '08:00'}-${p.end ?? '16:00'} KST, ${stepMinutes} min steps` },
      rows: ctx.input.rows ?? [0, rows[1] - rows[0]],
    };
  },
  compare(before, after) {
    const b = before.rasters.hours,
      a = after.rasters.hours;
    const diff = differenceGrid(b, a);
    const sb = gridStats(b),
      sa = gridStats(a),
      sd = gridStats(diff);
    return {
      figures: {
        date: before.facts.date,
        window: before.facts.window,
        cells: sb.cells,
        meanHoursBefore: round(sb.mean),
        meanHoursAfter: round(sa.mean),
        largestLossHours: round(-sd.min),
        cellsLosingAnyTime: countLoss(diff, 1e-6),
        cellsLosingOneHourOrMore: countLoss(diff, 1 - 1e-6),
      },
    };
  },
};
