// Fire-hazard ranking of the area's buildings from height, floors, use, hydrant distance and
// density (workers/fire/hazard.ts, its formula shown to users verbatim).
import { beforeAndAfter, declareAnalysis } from './analysisSpec.js';
import { BUILDING_COLUMNS, buildingTable } from './fireCoverage.js';

/** The density factor counts buildings within this many metres (HAZARD_NEIGHBOUR_RADIUS_M). */
export const HAZARD_HALO_M = 50;

export const hazardRankingAnalysis = declareAnalysis<'hazardRanking', Record<never, never>>({
  type: 'hazardRanking',
  label: { en: 'Fire-hazard ranking', ko: '화재 위험 순위' },
  description:
    'Fire-hazard score of every building in the area (height, floors, use, hydrant distance against the limit, buildings within 50 m), highest first, with each factor. Proposals count as buildings after.',
  engine: 'rankHazard',
  parameters: { properties: {}, defaults: {}, examples: [{}] },
  inputs: { footprints: true, pointLayers: ['fire-hydrants'], proposals: ['buildings'] },
  split: {
    rowBands: false,
    tileHaloM: HAZARD_HALO_M,
    reason: 'a building’s density factor counts its neighbours within 50 m, so a tile reads the buildings 50 m around it (and the whole hydrant layer)',
  },
  outputs: {
    ranking: buildingTable({ en: 'Fire-hazard ranking', ko: '화재 위험 순위' }, [
      { key: 'rank', label: { en: 'Rank', ko: '순위' } },
      ...BUILDING_COLUMNS,
      { key: 'score', label: { en: 'Fire-hazard score', ko: '화재 위험 점수' } },
      { key: 'height_factor', label: { en: 'H (height)', ko: 'H (높이)' } },
      { key: 'floors_factor', label: { en: 'F (floors)', ko: 'F (층수)' } },
      { key: 'use_factor', label: { en: 'U (use)', ko: 'U (용도)' } },
      { key: 'hydrant_factor', label: { en: 'D (hydrant distance)', ko: 'D (소화전 거리)' } },
      { key: 'density_factor', label: { en: 'N (density)', ko: 'N (밀집도)' } },
      { key: 'neighbours', label: { en: 'Buildings within 50 m', ko: '50 m 내 건물' } },
    ]),
  },
  figures: {
    ...beforeAndAfter('buildings', { en: 'Buildings', ko: '건물 수' }),
    ...beforeAndAfter('topScore', { en: 'Highest score', ko: '최고 점수' }),
    ...beforeAndAfter('topBuilding', { en: 'Highest-scoring building', ko: '최고 점수 건물' }),
  },
});
