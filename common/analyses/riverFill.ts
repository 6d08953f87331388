// River flooding as a connected fill from the build's water layers (workers/flood/connectedFill.ts,
// GRASS r.lake's rule).
import { beforeAndAfter, declareAnalysis } from './analysisSpec.js';
import { DEPTH_RAMP, DRAW_MIN_DEPTH_M } from './colourRamps.js';
import { between } from './schemaParts.js';

export interface RiverFillParameters {
  /** Water level, metres above sea level (the surface model's datum). */
  level?: number;
  /** Without `level`: metres above the lowest surface of the water in the area (the stream bed). */
  rise?: number;
}

export const riverFillAnalysis = declareAnalysis<'riverFill', RiverFillParameters>({
  type: 'riverFill',
  label: { en: 'River flooding (connected fill)', ko: '하천 범람 (연결 채움)' },
  description:
    "River flooding: water raised to a level at the build's water polygons and waterway lines fills every cell connected to them whose surface lies below it (GRASS r.lake's rule). The level is given, or the water's lowest surface in the area plus a rise (default 3 m).",
  engine: 'fillConnected',
  parameters: {
    properties: { level: between(-10, 500), rise: between(0, 30) },
    defaults: { rise: 3 },
    examples: [{}, { rise: 2 }, { level: 28.5 }],
  },
  inputs: { surface: { marginM: 0 }, groundLayers: ['water', 'waterways'], proposals: ['surface'] },
  split: {
    rowBands: false,
    tileHaloM: null,
    reason: 'a fill spreads through connected cells and can run the whole length of a stream: it cannot be split or tiled',
  },
  outputs: {
    depth: {
      kind: 'raster',
      label: { en: 'River flood depth', ko: '하천 범람 수심' },
      unit: 'm',
      legend: { title: { en: 'River flood depth', ko: '하천 범람 수심' }, unit: { en: 'm', ko: 'm' } },
      ramp: DEPTH_RAMP,
      drawMin: DRAW_MIN_DEPTH_M,
      difference: true,
      exports: ['geotiff'],
      fileSuffix: '',
    },
  },
  figures: {
    level: { label: { en: 'Water level (above sea level)', ko: '수위 (해발)' }, unit: 'm' },
    bed: { label: { en: 'Lowest water surface in the area', ko: '영역 내 최저 수면' }, unit: 'm' },
    seedCells: { label: { en: 'Water cells (seeds)', ko: '수역 격자 (시작점)' } },
    seedsAboveLevel: { label: { en: 'Seeds at or above the level', ko: '수위 이상 시작점' } },
    ...beforeAndAfter('filledCells', { en: 'Flooded cells', ko: '침수 격자' }),
    ...beforeAndAfter('areaM2', { en: 'Flooded area', ko: '침수 면적' }, 'm²'),
    ...beforeAndAfter('volumeM3', { en: 'Water volume', ko: '수량' }, 'm³'),
  },
});
