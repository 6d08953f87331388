// Korean and English UI text. Every visible label goes through t(); modules re-render their text
// in onLanguageChange so a switch updates the whole UI at once.

export type Language = 'ko' | 'en';

const STORAGE_KEY = 'vseoul.language';

const ko = {
  appTitle: '버추얼 서울',
  switchLanguage: 'English',
  switchLanguageTitle: 'Switch to English',
  layers: '레이어',
  'layer.buildings': '건물',
  'layer.water': '하천·호수',
  'layer.waterways': '물길 (하천 중심선)',
  'layer.parks': '공원',
  'layer.districts': '자치구 경계',
  'layer.roads': '도로',
  'layer.terrain': '지형',
  legend: '범례',
  'legend.measured': '실측 높이 (원본 데이터)',
  'legend.floors': '층수 × 3.3 m 로 추정',
  'legend.defaultByUse': '용도별 기본 높이',
  'legend.selected': '선택한 건물',
  time: '날짜와 시각 (서울, KST)',
  date: '날짜',
  timeOfDay: '시각',
  play: '재생',
  pause: '일시정지',
  now: '지금',
  buildingInfo: '건물 정보',
  close: '닫기',
  unnamed: '(이름 없음)',
  name: '이름',
  height: '높이',
  floors: '층수',
  use: '용도',
  sourceId: '원본 ID',
  source: '원본 파일',
  heightSource: '높이 출처',
  heightNote: '높이 설명',
  baseElevation: '지반 고도',
  minHeight: '하단 높이',
  unknown: '알 수 없음',
  useUnspecified: '건물 (용도 정보 없음)',
  'heightSource.measured': '실측 높이 (원본 데이터의 높이 값)',
  'heightSource.floors': '층수 × 3.3 m 로 계산',
  'heightSource.default-by-use': '용도별 기본값 (높이·층수 정보 없음)',
  loading: '도시 데이터를 불러오는 중…',
  loadingTiles: '건물 타일을 불러오는 중…',
  noCityTitle: '도시 데이터가 없습니다',
  noCityHint: '먼저 `npm run build:city` 로 도시를 빌드한 뒤 앱을 다시 시작하세요.',
  cityErrorTitle: '도시 데이터를 불러오지 못했습니다',
  webglErrorTitle: '3D 화면을 시작할 수 없습니다 (WebGL)',
  layerErrors: '일부 레이어를 불러오지 못했습니다',
  metres: 'm',
};

type Dictionary = typeof ko;
export type TextKey = keyof Dictionary;

const en: Dictionary = {
  appTitle: 'Virtual Seoul',
  switchLanguage: '한국어',
  switchLanguageTitle: '한국어로 전환',
  layers: 'Layers',
  'layer.buildings': 'Buildings',
  'layer.water': 'Rivers and lakes',
  'layer.waterways': 'Waterways (centre lines)',
  'layer.parks': 'Parks',
  'layer.districts': 'District boundaries',
  'layer.roads': 'Roads',
  'layer.terrain': 'Terrain',
  legend: 'Legend',
  'legend.measured': 'Measured height (source data)',
  'legend.floors': 'Estimated: floors × 3.3 m',
  'legend.defaultByUse': 'Default height by use',
  'legend.selected': 'Selected building',
  time: 'Date and time (Seoul, KST)',
  date: 'Date',
  timeOfDay: 'Time of day',
  play: 'Play',
  pause: 'Pause',
  now: 'Now',
  buildingInfo: 'Building',
  close: 'Close',
  unnamed: '(unnamed)',
  name: 'Name',
  height: 'Height',
  floors: 'Floors',
  use: 'Use',
  sourceId: 'Source ID',
  source: 'Source file',
  heightSource: 'Height from',
  heightNote: 'Height note',
  baseElevation: 'Ground elevation',
  minHeight: 'Bottom height',
  unknown: 'unknown',
  useUnspecified: 'building (use not given)',
  'heightSource.measured': 'Measured (height value in the source data)',
  'heightSource.floors': 'Floors × 3.3 m',
  'heightSource.default-by-use': 'Default by use (no height or floors in the source)',
  loading: 'Loading the city…',
  loadingTiles: 'Loading building tiles…',
  noCityTitle: 'No city build found',
  noCityHint: 'Build the city first with `npm run build:city`, then restart the app.',
  cityErrorTitle: 'The city could not be loaded',
  webglErrorTitle: 'The 3D view cannot start (WebGL)',
  layerErrors: 'Some layers could not be loaded',
  metres: 'm',
};

const dictionaries: Record<Language, Dictionary> = { ko, en };
const listeners = new Set<(language: Language) => void>();
let current: Language = initialLanguage();

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'ko' || fromUrl === 'en') return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ko' || stored === 'en') return stored;
  } catch {
    // Storage can be unavailable (privacy settings); fall back to the browser language.
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function language(): Language {
  return current;
}

export function t(key: TextKey): string {
  return dictionaries[current][key];
}

/** Fills {name} placeholders of a translated text; a missing value leaves its placeholder visible. */
export function fillPlaceholders(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Like t(), for keys built at run time (e.g. from a manifest layer id); null when unknown. */
export function tMaybe(key: string): string | null {
  return Object.hasOwn(dictionaries[current], key) ? dictionaries[current][key as TextKey] : null;
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the switch still applies to this session.
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

/** Calls `listener` now and after every language switch. */
export function onLanguageChange(listener: (language: Language) => void): void {
  listeners.add(listener);
  listener(current);
}

/** Locale string for number and date formatting. */
export function locale(): string {
  return current === 'ko' ? 'ko-KR' : 'en-GB';
}
