// The kiosk's own words (Korean and English), beside i18n.ts so the desktop dictionary stays small.
import { textTable, type TextKeyOf } from '../i18n.js';

/** The kiosk's texts. */
export const kioskText = textTable({
  ko: {
    touchHint: '화면을 만져 직접 둘러보세요',
    notAvailable: '준비 중',
    sunSweep: '하루 동안의 햇빛과 그림자',
    language: 'English',
    home: '처음으로',
    tourLoadFailed: '둘러보기를 불러오지 못했습니다',
  },
  en: {
    touchHint: 'Touch the screen to explore',
    notAvailable: 'coming soon',
    sunSweep: 'Sunlight and shadows through a day',
    language: '한국어',
    home: 'Start over',
    tourLoadFailed: 'The tour could not be loaded',
  },
});
export type KioskTextKey = TextKeyOf<typeof kioskText>;
