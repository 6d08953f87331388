// Wind over the area: 3D lattice-Boltzmann flow over the surface model for an inflow direction and
// speed (workers/wind/windEngine.ts); pedestrian-level speed ratio and corridors.
import { AREA_MARGIN_M, beforeAndAfter, declareAnalysis } from './analysisSpec.js';
import { CORRIDOR_RAMP, WIND_RATIO_RAMP } from './colourRamps.js';
import { between } from './schemaParts.js';

export interface WindParameters {
  /** Direction the wind comes FROM, degrees clockwise from north. */
  directionDeg?: number;
  /** Speed at 10 m, m/s. */
  speed?: number;
  /** Lattice cell, metres. */
  cellSize?: number;
  /** Domain height above the ground, metres. */
  height?: number;
  corridorThreshold?: number;
  /** Step limit (default: four flow-throughs of the longer side). */
  maxSteps?: number;
}

const RATIO_LEGEND = { title: { en: 'Pedestrian wind speed ratio', ko: '보행자 높이 풍속비' }, unit: { en: 'of 10 m inflow', ko: '10 m 유입 대비' } };

export const windAnalysis = declareAnalysis<'wind', WindParameters>({
  type: 'wind',
  label: { en: 'Wind', ko: '바람' },
  description:
    'Wind over the area from a direction at a speed (at 10 m): lattice-Boltzmann flow over the buildings to steady state; the pedestrian-level speed ratio, its east/north components and the wind corridors across the area.',
  engine: 'simulateWind',
  parameters: {
    properties: {
      directionDeg: between(0, 360),
      speed: between(0.5, 40),
      cellSize: between(2, 20),
      height: between(40, 400),
      corridorThreshold: between(0.1, 1.5),
      maxSteps: { type: 'integer', minimum: 1, maximum: 100000 },
    },
    defaults: { directionDeg: 270, speed: 5, cellSize: 8, height: 120, corridorThreshold: 0.4 },
    examples: [{}, { directionDeg: 315, speed: 3.5, cellSize: 4, height: 160, corridorThreshold: 0.5 }, { maxSteps: 500 }],
  },
  inputs: { surface: { marginM: AREA_MARGIN_M }, proposals: ['surface'] },
  split: {
    rowBands: false,
    tileHaloM: null,
    reason: 'every step couples neighbouring cells and the inflow enters at the edges of the area: the flow cannot be split or tiled',
  },
  outputs: {
    ratio: {
      kind: 'raster',
      label: RATIO_LEGEND.title,
      unit: 'ratio',
      legend: RATIO_LEGEND,
      ramp: WIND_RATIO_RAMP,
      difference: true,
      exports: ['geotiff'],
      fileSuffix: '-ratio',
    },
    corridors: {
      kind: 'raster',
      label: { en: 'Wind corridors', ko: '바람길' },
      unit: 'class',
      legend: { title: { en: 'Wind corridors', ko: '바람길' }, unit: { en: '', ko: '' } },
      ramp: CORRIDOR_RAMP,
      classLabels: [{ en: 'corridor', ko: '바람길' }],
      difference: false,
      exports: ['geotiff'],
      fileSuffix: '-corridors',
    },
    east: {
      kind: 'raster',
      label: { en: 'Pedestrian wind, east component', ko: '보행자 높이 바람 (동쪽 성분)' },
      unit: 'ratio',
      legend: RATIO_LEGEND,
      ramp: WIND_RATIO_RAMP,
      difference: false,
      exports: ['geotiff'],
      fileSuffix: '-east',
    },
    north: {
      kind: 'raster',
      label: { en: 'Pedestrian wind, north component', ko: '보행자 높이 바람 (북쪽 성분)' },
      unit: 'ratio',
      legend: RATIO_LEGEND,
      ramp: WIND_RATIO_RAMP,
      difference: false,
      exports: ['geotiff'],
      fileSuffix: '-north',
    },
    residuals: {
      kind: 'series',
      label: { en: 'Residual (change of the speed field per step)', ko: '잔차 (단계당 속도장 변화)' },
      unit: '1',
      x: { label: { en: 'Step', ko: '단계' }, unit: 'step' },
      log: true,
    },
    corridorList: {
      kind: 'table',
      label: { en: 'Wind corridors', ko: '바람길' },
      columns: [
        { key: 'id', label: { en: 'Corridor', ko: '바람길' } },
        { key: 'sides', label: { en: 'Sides', ko: '면' } },
        { key: 'cells', label: { en: 'Cells', ko: '격자 수' } },
        { key: 'meanRatio', label: { en: 'Mean ratio', ko: '평균 풍속비' }, unit: 'ratio' },
      ],
      geometry: null,
      comparison: { kind: 'each' },
      exports: ['csv'],
      fileSuffix: '-corridors',
    },
  },
  figures: {
    lattice: { label: { en: 'Lattice (cells)', ko: '격자 (셀)' } },
    ...beforeAndAfter('steps', { en: 'Steps', ko: '반복 수' }),
    ...beforeAndAfter('steadiness', { en: 'Steadiness', ko: '정상 상태' }),
    ...beforeAndAfter('meanRatio', { en: 'Mean pedestrian ratio', ko: '평균 보행자 풍속비' }, 'ratio'),
    ...beforeAndAfter('corridors', { en: 'Corridors', ko: '바람길 수' }),
  },
});
