// Viewshed over the surface model from a point at a floor, a height above the ground or the
// rooftop (workers/view/viewshed.ts, gdal_viewshed's model), with the visible target shares of the
// observer's building.
import { AREA_MARGIN_M, declareAnalysis, type LonLat } from './analysisSpec.js';
import { VISIBILITY_RAMP } from './colourRamps.js';
import { LON_LAT_SCHEMA, positive } from './schemaParts.js';
import { TARGET_SHARE_FIGURES, TARGET_SHARES_TABLE } from './targetShares.js';

export interface ViewshedParameters {
  observer: LonLat;
  floor?: number;
  heightAboveGround?: number;
  rooftop?: boolean;
  radius?: number;
}

export const viewshedAnalysis = declareAnalysis<'viewshed', ViewshedParameters>({
  type: 'viewshed',
  label: { en: 'Viewshed', ko: '가시권' },
  description:
    'Viewshed over the surface model from a point at a floor, a height above ground or the rooftop; and the visible share of named targets per floor of the observer building.',
  engine: 'computeViewshed',
  parameters: {
    properties: {
      observer: LON_LAT_SCHEMA,
      floor: { type: 'integer', minimum: 1, maximum: 200 },
      heightAboveGround: { type: 'number', minimum: 0, maximum: 2000 },
      rooftop: { type: 'boolean' },
      radius: positive(10000),
    },
    required: ['observer'],
    defaults: { radius: 1000 },
    examples: [
      { observer: [126.978241, 37.566607], floor: 10, radius: 500 },
      { observer: [126.97, 37.57], rooftop: true },
      { observer: [126.97, 37.57], heightAboveGround: 1.5 },
    ],
  },
  inputs: { surface: { marginM: AREA_MARGIN_M }, footprints: true, groundLayers: ['water'], proposals: ['surface'] },
  split: {
    rowBands: false,
    tileHaloM: 1000,
    tileHaloParameter: 'radius',
    reason: 'one observer sees up to the radius: the tile holding the observer needs the radius around it (a run takes under a second)',
  },
  outputs: {
    visibility: {
      kind: 'raster',
      label: { en: 'Viewshed', ko: '가시권' },
      unit: 'class',
      legend: { title: { en: 'Viewshed', ko: '가시권' }, unit: { en: '', ko: '' } },
      ramp: VISIBILITY_RAMP,
      classLabels: [
        { en: 'hidden', ko: '안 보임' },
        { en: 'visible', ko: '보임' },
      ],
      difference: true,
      exports: ['geotiff'],
      fileSuffix: '',
    },
    targetShares: TARGET_SHARES_TABLE,
  },
  figures: {
    observer: { label: { en: 'Observer', ko: '관측점' } },
    observerZ: { label: { en: 'Eye height (above sea level)', ko: '눈높이 (해발)' }, unit: 'm' },
    radius: { label: { en: 'Radius', ko: '반경' }, unit: 'm' },
    visibleCellsBefore: { label: { en: 'Visible cells before', ko: '보이는 격자 (전)' } },
    visibleCellsAfter: { label: { en: 'Visible cells after', ko: '보이는 격자 (후)' } },
    inRangeCells: { label: { en: 'Cells in range', ko: '범위 내 격자' } },
    ...TARGET_SHARE_FIGURES,
  },
});
