// Korean and English UI text. The language is app state here (DOM-free: the browser's stored
// choice is read and kept by languagePreference.ts); every module's text is a textTable() that
// follows it, and modules re-render in onLanguageChange so a switch updates the whole UI at once.
import { Emitter, type Remover } from './lifetime.js';

export type Language = 'ko' | 'en';
export const LANGUAGES: readonly Language[] = ['ko', 'en'];

let current: Language = 'ko';
const changes = new Emitter<[Language]>();

export function language(): Language {
  return current;
}

/** Switches the language and tells every listener (no-op when it is the current one). */
export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  changes.emit(next);
}

/** Calls `listener` now (unless `now` is false) and after every language switch; returns the Remover. */
export function onLanguageChange(listener: (language: Language) => void, now = true): Remover {
  const remove = changes.on(listener);
  if (now) listener(current);
  return remove;
}

/** Language listeners subscribed now (teardown checks). */
export function languageListenerCount(): number {
  return changes.size;
}

/** Locale string for number and date formatting. */
export function locale(): string {
  return current === 'ko' ? 'ko-KR' : 'en-GB';
}

/** Fills {name} placeholders of a translated text; a missing value leaves its placeholder visible. */
export function fillPlaceholders(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A text lookup in the current language: lookup(key) or lookup(key, { placeholder: value }). */
export interface TextLookup<K extends string> {
  (key: K, vars?: Record<string, string | number>): string;
  /** For keys built at run time (a manifest layer id, a category from data): null when unknown. */
  maybe(key: string, vars?: Record<string, string | number>): string | null;
  /** Both tables, for the checks that they agree (same keys, same placeholders). */
  readonly tables: Readonly<Record<Language, Readonly<Record<K, string>>>>;
}

/** The key type of a lookup made with textTable(). */
export type TextKeyOf<L> = L extends TextLookup<infer K> ? K : never;

/**
 * One module's texts in both languages. The English table must have exactly the Korean table's
 * keys (checked by the compiler; test/unit/renderer/textTables.test.ts also checks placeholders).
 */
export function textTable<const T extends Record<string, string>>(tables: { ko: T; en: NoInfer<{ [K in keyof T]: string }> }): TextLookup<keyof T & string> {
  type K = keyof T & string;
  const all = tables as Record<Language, Record<K, string>>;
  const fill = (text: string, vars?: Record<string, string | number>) => (vars ? fillPlaceholders(text, vars) : text);
  const lookup = (key: K, vars?: Record<string, string | number>) => fill(all[current][key], vars);
  return Object.assign(lookup, {
    maybe: (key: string, vars?: Record<string, string | number>) => (Object.hasOwn(all[current], key) ? fill(all[current][key as K], vars) : null),
    tables: all,
  });
}

/** The app's shared texts (layers, legend, time, building info, start-up messages). */
export const t = textTable({
  ko: {
    appTitle: '버추얼 서울',
    switchLanguage: 'English',
    switchLanguageTitle: 'Switch to English',
    layers: '레이어',
    'layer.buildings': '건물',
    'layer.buildings-overview': '건물 개관 (먼 거리, 높이 출처별)',
    'layer.water': '하천·호수',
    'layer.waterways': '물길 (하천 중심선)',
    'layer.parks': '공원',
    'layer.districts': '자치구 경계',
    'layer.roads': '도로',
    'layer.terrain': '지형',
    'view.home': '처음 보기',
    'view.homeTitle': '시작 화면으로 (Home 또는 H)',
    'view.city': '서울 전체',
    'view.cityTitle': '서울 전체를 위에서 보기 (Shift+Home 또는 Shift+H)',
    'view.copyLink': '링크 복사',
    'view.copyLinkTitle': '지금 보이는 화면(카메라, 날짜와 시각, 켜진 레이어, 언어, 선택한 건물)을 여는 링크를 복사합니다',
    'view.linkCopied': '링크를 복사했습니다',
    'view.linkSelected': '링크를 선택했습니다: Ctrl+C로 복사하세요',
    legend: '범례',
    'legend.measured': '실측 높이 (원본 데이터)',
    'legend.floors': '층수 × 3.3 m 로 추정',
    'legend.defaultByUse': '용도별 기본 높이',
    'legend.citizenEdit': '시민 편집 층수 × 3.3 m',
    'legend.selected': '선택한 건물',
    'legend.overview': '건물 개관 (먼 거리, 평면): 높이 출처',
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
    basementFloors: '지하 층수',
    mergedFrom: '함께 쓴 원본',
    unknown: '알 수 없음',
    useUnspecified: '건물 (용도 정보 없음)',
    'heightSource.measured': '실측 높이 (원본 데이터의 높이 값)',
    'heightSource.floors': '층수 × 3.3 m 로 계산',
    'heightSource.default-by-use': '용도별 기본값 (높이·층수 정보 없음)',
    'heightSource.citizen-edit': '시민 편집 층수 × 3.3 m',
    citizenEdits: '시민 편집',
    citizenEditProvenance: '{field}: 시민 편집, {by} 승인, {date}',
    loading: '도시 데이터를 불러오는 중…',
    loadingTiles: '건물 타일을 불러오는 중…',
    noCityTitle: '도시 데이터가 없습니다',
    noCityHint: '먼저 `npm run build:city` 로 도시를 빌드한 뒤 앱을 다시 시작하세요.',
    cityErrorTitle: '도시 데이터를 불러오지 못했습니다',
    webglErrorTitle: '3D 화면을 시작할 수 없습니다 (WebGL)',
    layerErrors: '일부 레이어를 불러오지 못했습니다',
    metres: 'm',
  },
  en: {
    appTitle: 'Virtual Seoul',
    switchLanguage: '한국어',
    switchLanguageTitle: '한국어로 전환',
    layers: 'Layers',
    'layer.buildings': 'Buildings',
    'layer.buildings-overview': 'Buildings (overview, by height source)',
    'layer.water': 'Rivers and lakes',
    'layer.waterways': 'Waterways (centre lines)',
    'layer.parks': 'Parks',
    'layer.districts': 'District boundaries',
    'layer.roads': 'Roads',
    'layer.terrain': 'Terrain',
    'view.home': 'Home',
    'view.homeTitle': 'Back to the start view (Home or H)',
    'view.city': 'All of Seoul',
    'view.cityTitle': 'All of Seoul from above (Shift+Home or Shift+H)',
    'view.copyLink': 'Copy link',
    'view.copyLinkTitle': 'Copies a link that opens this view: camera, date and time, visible layers, language, selected building',
    'view.linkCopied': 'Link copied',
    'view.linkSelected': 'Link selected: press Ctrl+C to copy it',
    legend: 'Legend',
    'legend.measured': 'Measured height (source data)',
    'legend.floors': 'Estimated: floors × 3.3 m',
    'legend.defaultByUse': 'Default height by use',
    'legend.citizenEdit': 'Citizen edit: floors × 3.3 m',
    'legend.selected': 'Selected building',
    'legend.overview': 'Buildings (overview, far views, flat): height source',
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
    basementFloors: 'Floors below ground',
    mergedFrom: 'Also from',
    unknown: 'unknown',
    useUnspecified: 'building (use not given)',
    'heightSource.measured': 'Measured (height value in the source data)',
    'heightSource.floors': 'Floors × 3.3 m',
    'heightSource.default-by-use': 'Default by use (no height or floors in the source)',
    'heightSource.citizen-edit': 'Citizen edit: floors × 3.3 m',
    citizenEdits: 'Citizen edits',
    citizenEditProvenance: '{field}: citizen edit, approved by {by}, on {date}',
    loading: 'Loading the city…',
    loadingTiles: 'Loading building tiles…',
    noCityTitle: 'No city build found',
    noCityHint: 'Build the city first with `npm run build:city`, then restart the app.',
    cityErrorTitle: 'The city could not be loaded',
    webglErrorTitle: 'The 3D view cannot start (WebGL)',
    layerErrors: 'Some layers could not be loaded',
    metres: 'm',
  },
});
export type TextKey = TextKeyOf<typeof t>;
