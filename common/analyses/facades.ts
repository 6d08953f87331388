// Facade sunlight per floor with the Korean right-to-light test (workers/sun/facadeSun.ts): rays
// from every floor of every wall toward the sun against the 3D city. `facades` takes any time
// window; `rightToLight` is the same analysis on the rule's own window (winter solstice by default,
// 08:00-16:00 KST, 10-minute steps), the form older scenario files use.
import { declareAnalysis, type ColumnSpec, type FigureSpec, type TableOutputSpec } from './analysisSpec.js';
import { between, DATE_SCHEMA, positive, TIME_SCHEMA } from './schemaParts.js';

/** Only tiles this close to the analysed buildings are loaded: a 100 m tower's shadow at 5° of sun reaches ~1.1 km. */
export const FACADE_REACH_M = 2000;

export interface FacadesParameters {
  date?: string;
  start?: string;
  end?: string;
  stepMinutes?: number;
  /** Building ids (the tileset's / footprints' "id"); default every building within `radius` of a proposal. */
  buildings?: string[];
  radius?: number;
}

export type RightToLightParameters = Pick<FacadesParameters, 'date' | 'buildings' | 'radius'>;

const BUILDINGS_SCHEMA = { type: 'array', items: { type: 'string' }, maxItems: 500 };

const FLOOR_KEY: ColumnSpec[] = [
  { key: 'building', label: { en: 'Building', ko: '건물' } },
  { key: 'facade', label: { en: 'Facade', ko: '입면' } },
  { key: 'floor', label: { en: 'Floor', ko: '층' } },
  { key: 'facing', label: { en: 'Facing (grid azimuth)', ko: '향 (도북 방위각)' }, unit: '°' },
];

const FLOORS_TABLE: TableOutputSpec = {
  kind: 'table',
  label: { en: 'Sunlight per facade floor', ko: '입면 층별 일조' },
  columns: [
    ...FLOOR_KEY,
    { key: 'hours', label: { en: 'Sunlit hours', ko: '일조 시간' }, unit: 'h' },
    { key: 'rightToLight', label: { en: 'Right-to-light', ko: '일조권' } },
    { key: 'longestContinuousMinutes', label: { en: 'Longest run 09-15', ko: '09-15시 최장 연속' }, unit: 'min' },
    { key: 'totalMinutes', label: { en: 'Total 08-16', ko: '08-16시 합계' }, unit: 'min' },
  ],
  geometry: 'line',
  comparison: {
    kind: 'joined',
    columns: [
      ...FLOOR_KEY,
      { key: 'hoursBefore', label: { en: 'Hours before', ko: '일조 시간 (전)' }, unit: 'h' },
      { key: 'hoursAfter', label: { en: 'Hours after', ko: '일조 시간 (후)' }, unit: 'h' },
      { key: 'passBefore', label: { en: 'Passes before', ko: '충족 (전)' } },
      { key: 'passAfter', label: { en: 'Passes after', ko: '충족 (후)' } },
      { key: 'losesCompliance', label: { en: 'Loses compliance', ko: '일조권 상실' } },
      { key: 'longestRunMinutesAfter', label: { en: 'Longest run after', ko: '최장 연속 (후)' }, unit: 'min' },
      { key: 'totalMinutesAfter', label: { en: 'Total after', ko: '합계 (후)' }, unit: 'min' },
    ],
  },
  exports: ['csv', 'geojson'],
  fileSuffix: '',
};

const FIGURES: Record<string, FigureSpec> = {
  buildings: { label: { en: 'Buildings', ko: '건물 수' } },
  floorsAnalysed: { label: { en: 'Floors analysed', ko: '분석한 층' } },
  failingBefore: { label: { en: 'Floors failing before', ko: '미충족 층 (전)' } },
  failingAfter: { label: { en: 'Floors failing after', ko: '미충족 층 (후)' } },
  floorsLosingCompliance: { label: { en: 'Floors losing compliance', ko: '일조권 상실 층' } },
  losing: { label: { en: 'Floors losing compliance (first 20)', ko: '일조권 상실 층 (처음 20개)' } },
};

const INPUTS = { footprints: true, tileset: true, surface: { marginM: 400, forProposals: true }, proposals: ['prisms'] } as const;

const SPLIT = {
  rowBands: false,
  tileHaloM: FACADE_REACH_M,
  reason:
    'rays against the 3D city: a tile analyses the buildings in it and loads the tiles within the sun reach around them (parts of one run are ranges of the building list, not raster rows)',
};

export const facadesAnalysis = declareAnalysis<'facades', FacadesParameters>({
  type: 'facades',
  label: { en: 'Facade sunlight per floor', ko: '입면 층별 일조' },
  description:
    'Sunlit hours per floor of every facade of the listed buildings (or every building within radius metres of a proposal), with the Korean right-to-light test; KST, default the winter solstice, 08:00-16:00, 10-minute steps.',
  engine: 'facadeSun',
  parameters: {
    properties: { date: DATE_SCHEMA, start: TIME_SCHEMA, end: TIME_SCHEMA, stepMinutes: between(1, 120), buildings: BUILDINGS_SCHEMA, radius: positive(2000) },
    defaults: { start: '08:00', end: '16:00', stepMinutes: 10, radius: 100 },
    examples: [{ radius: 150 }, { date: '2026-12-22', buildings: ['osm:way/123'], start: '09:00', end: '15:00', stepMinutes: 5 }],
  },
  inputs: { ...INPUTS, proposals: ['prisms'] },
  split: SPLIT,
  outputs: { floors: FLOORS_TABLE },
  figures: FIGURES,
});

export const rightToLightAnalysis = declareAnalysis<'rightToLight', RightToLightParameters>({
  type: 'rightToLight',
  label: { en: 'Right-to-light per floor', ko: '층별 일조권' },
  description:
    'Facade sunlight per floor and the Korean right-to-light test (winter solstice: 2 h continuous 09-15 or 4 h in total 08-16 KST) for the listed buildings, or every building within radius metres of a proposal.',
  engine: 'facadeSun',
  parameters: {
    properties: { date: DATE_SCHEMA, buildings: BUILDINGS_SCHEMA, radius: positive(2000) },
    defaults: { radius: 100 },
    examples: [{ date: '2026-12-22', radius: 150 }, { buildings: ['osm:way/123', 'osm:way/456'] }],
  },
  inputs: { ...INPUTS, proposals: ['prisms'] },
  split: SPLIT,
  outputs: { floors: FLOORS_TABLE },
  figures: FIGURES,
});
