// Ground sunlight: hours of direct sun on every cell of the surface model (workers/sun/groundSunHours.ts).
import { AREA_MARGIN_M, declareAnalysis } from './analysisSpec.js';
import { SUN_HOURS_RAMP } from './colourRamps.js';
import { between, DATE_SCHEMA, minuteOfDay, TIME_SCHEMA } from './schemaParts.js';

export interface SunHoursParameters {
  /** KST date; default the winter solstice of the current year. */
  date?: string;
  start?: string;
  end?: string;
  stepMinutes?: number;
}

export const sunHoursAnalysis = declareAnalysis<'sunHours', SunHoursParameters>({
  type: 'sunHours',
  label: { en: 'Sunlight hours on the ground', ko: '지면 일조 시간' },
  description: 'Sunlight hours on the ground grid of the area (Korea Standard Time; default date the winter solstice, 08:00-16:00, 10-minute steps).',
  engine: 'groundSunHours',
  parameters: {
    properties: { date: DATE_SCHEMA, start: TIME_SCHEMA, end: TIME_SCHEMA, stepMinutes: between(1, 120) },
    defaults: { start: '08:00', end: '16:00', stepMinutes: 10 },
    examples: [
      {},
      { date: '2026-12-22', start: '08:00', end: '16:00', stepMinutes: 10 },
      { date: '2026-06-21', start: '06:00', end: '19:00', stepMinutes: 30 },
    ],
  },
  inputs: { surface: { marginM: AREA_MARGIN_M }, proposals: ['surface'] },
  split: {
    rowBands: true,
    tileHaloM: AREA_MARGIN_M,
    reason: 'each cell reads only the surface toward the sun, at most the shadow reach away: rows are independent, and a tile needs the shadow reach around it',
  },
  outputs: {
    hours: {
      kind: 'raster',
      label: { en: 'Sunlight hours on the ground', ko: '지면 일조 시간' },
      unit: 'h',
      legend: { title: { en: 'Sunlight hours on the ground', ko: '지면 일조 시간' }, unit: { en: 'h', ko: '시간' } },
      ramp: SUN_HOURS_RAMP,
      rampScale: (p) => (minuteOfDay(p.end ?? '16:00') - minuteOfDay(p.start ?? '08:00')) / 60 || 1,
      difference: true,
      exports: ['geotiff'],
      fileSuffix: '',
    },
  },
  figures: {
    date: { label: { en: 'Date (KST)', ko: '날짜 (KST)' } },
    window: { label: { en: 'Time window', ko: '시간 범위' } },
    cells: { label: { en: 'Cells', ko: '격자 수' } },
    meanHoursBefore: { label: { en: 'Mean hours before', ko: '평균 일조 (전)' }, unit: 'h' },
    meanHoursAfter: { label: { en: 'Mean hours after', ko: '평균 일조 (후)' }, unit: 'h' },
    largestLossHours: { label: { en: 'Largest loss', ko: '최대 감소' }, unit: 'h' },
    cellsLosingAnyTime: { label: { en: 'Cells losing any sun', ko: '일조 감소 격자' } },
    cellsLosingOneHourOrMore: { label: { en: 'Cells losing an hour or more', ko: '1시간 이상 감소 격자' } },
  },
});
