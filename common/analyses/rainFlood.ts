// Rainfall flooding of the area: local-inertial shallow water with drainage, buildings as walls
// (workers/flood/rainFlood.ts).
import { beforeAndAfter, declareAnalysis } from './analysisSpec.js';
import { ARRIVAL_RAMP, DEPTH_RAMP, DRAW_MIN_DEPTH_M } from './colourRamps.js';
import { between } from './schemaParts.js';

export interface RainFloodParameters {
  /** Constant rain for `rainHours`, unless `hourlyRain` is given. */
  rainMmPerHour?: number;
  rainHours?: number;
  /** An hourly hyetograph (mm/h of each hour from the start). */
  hourlyRain?: number[];
  drainageMmPerHour?: number;
  /** Simulated time, hours (may run past the rain). */
  simulateHours?: number;
  /** Simulation cell, metres: a multiple of the surface model's cell (1, 2 or 4 on today's builds). */
  cellSize?: number;
  snapshotMinutes?: number;
}

export const rainFloodAnalysis = declareAnalysis<'rainFlood', RainFloodParameters>({
  type: 'rainFlood',
  label: { en: 'Rainfall flooding', ko: '강우 침수' },
  description:
    'Rainfall flooding of the area: rain on the open ground, drains up to their capacity, the rest flowing over the surface model around the buildings (walls); maximum depth, arrival time, flooded buildings and the water budget.',
  engine: 'simulateRainFlood',
  parameters: {
    properties: {
      rainMmPerHour: between(0, 400),
      rainHours: between(0.25, 24),
      hourlyRain: { type: 'array', minItems: 1, maxItems: 48, items: between(0, 400) },
      drainageMmPerHour: between(0, 400),
      simulateHours: between(0.05, 48),
      cellSize: { type: 'number', enum: [1, 2, 4] },
      snapshotMinutes: between(1, 120),
    },
    defaults: { rainMmPerHour: 100, rainHours: 1, drainageMmPerHour: 95, simulateHours: 1.5, cellSize: 2, snapshotMinutes: 5 },
    examples: [{}, { rainMmPerHour: 80, rainHours: 2, drainageMmPerHour: 50, simulateHours: 3, cellSize: 4 }, { hourlyRain: [20, 60, 110, 30], cellSize: 1 }],
  },
  inputs: { surface: { marginM: 0 }, footprints: true, proposals: ['surface', 'walls'] },
  split: {
    rowBands: false,
    tileHaloM: null,
    reason: 'water flows across the whole area and every step couples neighbouring cells: it cannot be split or tiled (run each catchment-sized area whole)',
  },
  outputs: {
    maxDepth: {
      kind: 'raster',
      label: { en: 'Maximum depth', ko: '최대 침수심' },
      unit: 'm',
      legend: { title: { en: 'Maximum depth', ko: '최대 침수심' }, unit: { en: 'm', ko: 'm' } },
      ramp: DEPTH_RAMP,
      drawMin: DRAW_MIN_DEPTH_M,
      difference: true,
      exports: ['geotiff'],
      fileSuffix: '-maxDepth',
    },
    depthOverTime: {
      kind: 'rasterSeries',
      label: { en: 'Water depth', ko: '침수심' },
      unit: 'm',
      legend: { title: { en: 'Water depth', ko: '침수심' }, unit: { en: 'm', ko: 'm' } },
      ramp: DEPTH_RAMP,
      drawMin: DRAW_MIN_DEPTH_M,
      timeUnit: 's',
    },
    arrival: {
      kind: 'raster',
      label: { en: 'Arrival time', ko: '도달 시간' },
      unit: 'min',
      legend: { title: { en: 'Arrival time', ko: '도달 시간' }, unit: { en: 'min', ko: '분' } },
      ramp: ARRIVAL_RAMP,
      // The latest arrival drawn (the simulated time when the values are not known).
      rampScale: (p, values) => Math.max(values?.max ?? (p.simulateHours ?? 1.5) * 60, 1),
      difference: false,
      exports: ['geotiff'],
      fileSuffix: '-arrival',
    },
    floodedBuildings: {
      kind: 'table',
      label: { en: 'Flooded buildings', ko: '침수 건물' },
      columns: [
        { key: 'id', label: { en: 'Building', ko: '건물' } },
        { key: 'name', label: { en: 'Name', ko: '이름' } },
        { key: 'use', label: { en: 'Use', ko: '용도' } },
        { key: 'floors', label: { en: 'Floors', ko: '층수' } },
        { key: 'max_depth_m', label: { en: 'Depth (m)', ko: '침수심 (m)' }, unit: 'm' },
        { key: 'arrival_min', label: { en: 'Arrival (min)', ko: '도달 (분)' }, unit: 'min' },
        { key: 'semi_basement', label: { en: 'Semi-basement (assumed)', ko: '반지하 (가정)' } },
      ],
      geometry: 'polygon',
      comparison: { kind: 'each' },
      exports: ['csv', 'geojson'],
      fileSuffix: '-floodedBuildings',
    },
  },
  figures: {
    cellSize: { label: { en: 'Simulation cell', ko: '계산 격자' }, unit: 'm' },
    ...beforeAndAfter('rainInM3', { en: 'Rain in', ko: '강우 유입' }, 'm³'),
    ...beforeAndAfter('drainedM3', { en: 'Drained', ko: '배수' }, 'm³'),
    ...beforeAndAfter('outflowM3', { en: 'Outflow over the edges', ko: '경계 유출' }, 'm³'),
    ...beforeAndAfter('storedM3', { en: 'Water on the ground at the end', ko: '종료 시 지표 수량' }, 'm³'),
    ...beforeAndAfter('relativeMassError', { en: 'Water budget error (relative)', ko: '물수지 오차 (상대)' }),
    ...beforeAndAfter('floodedBuildings', { en: 'Flooded buildings', ko: '침수 건물' }),
    ...beforeAndAfter('semiBasement', { en: 'Semi-basement homes exposed (assumed)', ko: '반지하 노출 (가정)' }),
  },
});
