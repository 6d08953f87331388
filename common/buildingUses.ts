// The national main-use codes of Korean building data (건축물 주용도 코드: USABILITY in the national
// building layer 건물통합정보, mainPurpsCd in the building register 건축물대장). The code is the item
// number of 건축법 시행령 별표 1 (용도별 건축물의 종류) times 1000: 01000 = item 1 단독주택 …
// 29000 = item 29 야영장 시설. A building's `use` keeps the Korean name with the code,
// "공동주택 (02000)", so it stays readable and the code can be read back (nationalUseCode).

export const NATIONAL_USES = {
  '01000': { ko: '단독주택', en: 'detached houses' },
  '02000': { ko: '공동주택', en: 'apartment houses' },
  '03000': { ko: '제1종근린생활시설', en: 'class 1 neighbourhood facilities' },
  '04000': { ko: '제2종근린생활시설', en: 'class 2 neighbourhood facilities' },
  '05000': { ko: '문화및집회시설', en: 'cultural and assembly facilities' },
  '06000': { ko: '종교시설', en: 'religious facilities' },
  '07000': { ko: '판매시설', en: 'sales facilities' },
  '08000': { ko: '운수시설', en: 'transport facilities' },
  '09000': { ko: '의료시설', en: 'medical facilities' },
  '10000': { ko: '교육연구시설', en: 'education and research facilities' },
  '11000': { ko: '노유자시설', en: 'facilities for the elderly and children' },
  '12000': { ko: '수련시설', en: 'youth training facilities' },
  '13000': { ko: '운동시설', en: 'sports facilities' },
  '14000': { ko: '업무시설', en: 'offices' },
  '15000': { ko: '숙박시설', en: 'lodging' },
  '16000': { ko: '위락시설', en: 'amusement facilities' },
  '17000': { ko: '공장', en: 'factories' },
  '18000': { ko: '창고시설', en: 'warehouses' },
  '19000': { ko: '위험물저장및처리시설', en: 'hazardous material storage and processing' },
  '20000': { ko: '자동차관련시설', en: 'automobile-related facilities' },
  '21000': { ko: '동물및식물관련시설', en: 'animal and plant facilities' },
  '22000': { ko: '자원순환관련시설', en: 'resource recycling facilities' },
  '23000': { ko: '교정및군사시설', en: 'correctional and military facilities' },
  '24000': { ko: '방송통신시설', en: 'broadcasting and telecommunication facilities' },
  '25000': { ko: '발전시설', en: 'power plants' },
  '26000': { ko: '묘지관련시설', en: 'cemetery facilities' },
  '27000': { ko: '관광휴게시설', en: 'tourist rest facilities' },
  '28000': { ko: '장례시설', en: 'funeral facilities' },
  '29000': { ko: '야영장시설', en: 'campsite facilities' },
} as const satisfies Record<string, { ko: string; en: string }>;

export type NationalUseCode = keyof typeof NATIONAL_USES;

function isNationalUseCode(code: string): code is NationalUseCode {
  return Object.hasOwn(NATIONAL_USES, code);
}

/** A bare code ('02000', also 2000 read as a number) -> the stored use "공동주택 (02000)"; null when not a known code. */
export function nationalUseFromCode(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value).padStart(5, '0') : typeof value === 'string' ? value.trim() : '';
  return isNationalUseCode(text) ? `${NATIONAL_USES[text].ko} (${text})` : null;
}

/** The code of a stored use ("공동주택 (02000)" or a bare "02000"); null for any other use text. */
export function nationalUseCode(use: string): NationalUseCode | null {
  const m = /^(?:.*\()?(\d{5})\)?$/.exec(use.trim());
  return m && isNationalUseCode(m[1]) ? m[1] : null;
}

/** The use as shown: "apartment houses (02000)" in English, "공동주택 (02000)" in Korean; other uses unchanged. */
export function useLabel(use: string, language: 'ko' | 'en'): string {
  const code = nationalUseCode(use);
  return code ? `${NATIONAL_USES[code][language]} (${code})` : use;
}
