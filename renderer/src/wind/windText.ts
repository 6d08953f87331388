// Korean and English text of the wind panel (kept with the panel, not in the shared dictionaries).
import { fillPlaceholders, language } from '../i18n.js';

const en = {
  'tab.wind': 'Wind',
  title: 'Wind at pedestrian level (lattice Boltzmann, 3D)',
  area: 'Area',
  areaVisible: 'Visible map (up to 1.2 km)',
  areaDraw: 'Draw a rectangle',
  direction: 'From direction (°, 0 = north)',
  speed: 'Speed at 10 m (m/s)',
  cell: 'Cell size',
  height: 'Domain height (m)',
  run: 'Simulate',
  simulating: 'Simulating wind',
  cancelled: 'Cancelled.',
  failed: 'Failed:',
  ratio: 'Pedestrian wind speed ratio',
  ratioUnit: 'of 10 m inflow',
  corridors: 'Wind corridors',
  threshold: 'Corridor ratio at least',
  corridor: 'corridor',
  streamlines: 'Streamlines',
  exportRatio: 'GeoTIFF (ratio)',
  summary: '{steps} steps, {state}, last residual {res} per step; lattice {nx} x {ny} x {nz}, {mlups} MLUPS, {s} s',
  converged: 'steady',
  statistical: 'statistically steady (block means settled)',
  notConverged: 'step limit reached (not steady)',
  residuals: 'Residual per step (log scale)',
  corridorRows: '{n} corridors (ratio ≥ {t}, crossing the area)',
  sides: 'Sides',
  cells: 'Cells',
  mean: 'Mean ratio',
  warning: 'Note:',
} as const;

type Key = keyof typeof en;

const ko: Record<Key, string> = {
  'tab.wind': '바람',
  title: '보행자 높이 바람 (격자 볼츠만, 3차원)',
  area: '영역',
  areaVisible: '보이는 지도 (최대 1.2 km)',
  areaDraw: '사각형 그리기',
  direction: '풍향 (°, 0 = 북풍)',
  speed: '10 m 풍속 (m/s)',
  cell: '격자 크기',
  height: '계산 높이 (m)',
  run: '계산',
  simulating: '바람 계산 중',
  cancelled: '취소했습니다.',
  failed: '실패:',
  ratio: '보행자 높이 풍속비',
  ratioUnit: '10 m 유입 대비',
  corridors: '바람길',
  threshold: '바람길 최소 풍속비',
  corridor: '바람길',
  streamlines: '유선',
  exportRatio: 'GeoTIFF (풍속비)',
  summary: '{steps} 단계, {state}, 마지막 단계별 잔차 {res}; 격자 {nx} x {ny} x {nz}, {mlups} MLUPS, {s} 초',
  converged: '정상 상태',
  statistical: '통계적 정상 상태 (구간 평균 수렴)',
  notConverged: '단계 한도 도달 (정상 상태 아님)',
  residuals: '단계별 잔차 (로그 눈금)',
  corridorRows: '바람길 {n}개 (풍속비 ≥ {t}, 영역 횡단)',
  sides: '면',
  cells: '격자 수',
  mean: '평균 풍속비',
  warning: '참고:',
};

export function wt(key: Key, vars: Record<string, string | number> = {}): string {
  return fillPlaceholders(language() === 'ko' ? ko[key] : en[key], vars);
}
