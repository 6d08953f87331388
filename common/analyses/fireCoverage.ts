// Hydrant coverage: every building's footprint distance to the nearest fire-water facility against
// the Korean 100 m / 140 m rule (workers/fire/coverage.ts), for the buildings of the area.
import { beforeAndAfter, declareAnalysis, type ColumnSpec, type LocalText, type TableOutputSpec } from './analysisSpec.js';

/** The columns naming a building in the fire tables. */
export const BUILDING_COLUMNS: ColumnSpec[] = [
  { key: 'building_id', label: { en: 'Building', ko: '건물' } },
  { key: 'name', label: { en: 'Name', ko: '이름' } },
  { key: 'use', label: { en: 'Use', ko: '용도' } },
];

/** A table of the area's buildings (footprint polygons), before and after exported as they are. */
export function buildingTable(label: LocalText, columns: ColumnSpec[]): TableOutputSpec {
  return { kind: 'table', label, columns, geometry: 'polygon', comparison: { kind: 'each' }, exports: ['csv', 'geojson'], fileSuffix: '' };
}

export const fireCoverageAnalysis = declareAnalysis<'fireCoverage', Record<never, never>>({
  type: 'fireCoverage',
  label: { en: 'Hydrant coverage', ko: '소화전 기준 충족' },
  description:
    "Distance from each building's footprint in the area to the nearest fire-water facility and whether it meets the Korean rule (100 m in residential, commercial and industrial zones, 140 m elsewhere; the zone is assumed from the building use). Proposals count as buildings after.",
  engine: 'computeCoverage',
  parameters: { properties: {}, defaults: {}, examples: [{}] },
  inputs: { footprints: true, pointLayers: ['fire-hydrants'], proposals: ['buildings'] },
  split: {
    rowBands: false,
    tileHaloM: 0,
    reason: 'every building is independent of the others; each tile reads the whole hydrant layer (about 0.5 MB)',
  },
  outputs: {
    buildings: buildingTable({ en: 'Hydrant coverage per building', ko: '건물별 소화전 기준' }, [
      ...BUILDING_COLUMNS,
      { key: 'zone_assumed', label: { en: 'Zone (assumed from the use)', ko: '용도지역 (건물 용도로 추정)' } },
      { key: 'limit_m', label: { en: 'Limit', ko: '기준 거리' }, unit: 'm' },
      { key: 'distance_m', label: { en: 'Nearest hydrant (from the footprint)', ko: '가장 가까운 소화전까지 (건물 외곽선 기준)' }, unit: 'm' },
      { key: 'nearest_facility_no', label: { en: 'Nearest facility no.', ko: '가장 가까운 시설 번호' } },
      { key: 'covered', label: { en: 'Covered', ko: '기준 충족' } },
    ]),
  },
  figures: {
    ...beforeAndAfter('buildings', { en: 'Buildings', ko: '건물 수' }),
    ...beforeAndAfter('covered', { en: 'Covered', ko: '기준 충족' }),
    ...beforeAndAfter('gaps', { en: 'Gaps (outside the rule)', ko: '기준 미달 (공백)' }),
  },
});
