// Visible share of the named view targets (Han River, Namsan, Bukhansan) per floor of a building
// and from its roof (workers/view/targetShares.ts), over the surface model.
import { AREA_MARGIN_M, declareAnalysis, type FigureSpec, type LonLat, type TableOutputSpec } from './analysisSpec.js';
import { LON_LAT_SCHEMA } from './schemaParts.js';

export interface TargetSharesParameters {
  /** A point inside the building, near the facade its windows look out of. */
  observer: LonLat;
}

export const TARGET_SHARES_TABLE: TableOutputSpec = {
  kind: 'table',
  label: { en: 'Visible share of targets per floor', ko: '층별 대상 가시 비율' },
  columns: [
    { key: 'building', label: { en: 'Building', ko: '건물' } },
    { key: 'floor', label: { en: 'Floor', ko: '층' } },
    { key: 'eyeZ', label: { en: 'Eye height (above sea level)', ko: '눈높이 (해발)' }, unit: 'm' },
    { key: '{target}', label: { en: '{target} visible share', ko: '{target} 가시 비율' }, unit: 'share' },
  ],
  geometry: null,
  comparison: {
    kind: 'joined',
    columns: [
      { key: 'building', label: { en: 'Building', ko: '건물' } },
      { key: 'floor', label: { en: 'Floor', ko: '층' } },
      { key: 'eyeZ', label: { en: 'Eye height (above sea level)', ko: '눈높이 (해발)' }, unit: 'm' },
      { key: '{target} before', label: { en: '{target} before', ko: '{target} (전)' }, unit: 'share' },
      { key: '{target} after', label: { en: '{target} after', ko: '{target} (후)' }, unit: 'share' },
      { key: '{target} change', label: { en: '{target} change', ko: '{target} 변화' }, unit: 'share' },
    ],
  },
  exports: ['csv'],
  // The viewshed's export name; the targetShares analysis's own table has none.
  fileSuffix: '-targetShares',
};

export const TARGET_SHARE_FIGURES: Record<string, FigureSpec> = {
  observerBuilding: { label: { en: 'Observer building', ko: '관측 건물' } },
  largestHanRiverShareLoss: { label: { en: 'Largest loss of Han River share', ko: '한강 가시 비율 최대 감소' }, unit: 'share' },
};

export const targetSharesAnalysis = declareAnalysis<'targetShares', TargetSharesParameters>({
  type: 'targetShares',
  label: { en: 'Visible share of targets per floor', ko: '층별 대상 가시 비율' },
  description:
    'Visible share of the Han River, Namsan and Bukhansan per floor of the building holding the observer point, from its window on the facade nearest the point and from its roof.',
  engine: 'computeTargetShares',
  parameters: {
    properties: { observer: LON_LAT_SCHEMA },
    required: ['observer'],
    defaults: {},
    examples: [{ observer: [126.978241, 37.566607] }],
  },
  inputs: { surface: { marginM: AREA_MARGIN_M }, footprints: true, groundLayers: ['water'], proposals: ['surface'] },
  split: {
    rowBands: false,
    tileHaloM: null,
    reason: 'one building: sight lines run to targets kilometres away (beyond the surface model only the skyline counts), so there is nothing to tile',
  },
  outputs: { shares: { ...TARGET_SHARES_TABLE, fileSuffix: '' } },
  figures: TARGET_SHARE_FIGURES,
});
