// The sensor layer's texts in Korean and English (kept beside the layer, not in the shared table).
import { language } from '../i18n.js';
import type { AirQualityBand, SdotQuantity } from '../../../common/sdot/sdotQuantities.js';

const TEXT = {
  ko: {
    layerSites: 'S-DoT 센서',
    layerSurface: 'S-DoT 보간면',
    title: 'S-DoT 센서',
    quantity: '표시 항목',
    noReading: '측정값 없음',
    noReadingYet: '아직 측정값 없음',
    flagged: '거부된 값',
    silent: '응답 없음',
    live: '실시간',
    replay: '재생',
    play: '재생',
    pause: '일시정지',
    speed: '속도',
    time: '측정 시각',
    liveOff: '실시간 꺼짐',
    sites: '개 지점',
    withValue: '개 값 있음',
    surfaceNote: (km: number) => `보간: 역거리가중, 반경 ${km} km 밖은 비움`,
    close: '닫기',
    serial: '시리얼',
    history: '시계열',
    reasons: '문제',
    loadFile: '파일 재생…',
    noHistory: '기록 없음',
  },
  en: {
    layerSites: 'S-DoT sensors',
    layerSurface: 'S-DoT surface',
    title: 'S-DoT sensors',
    quantity: 'Quantity',
    noReading: 'no value',
    noReadingYet: 'no reading yet',
    flagged: 'value rejected',
    silent: 'silent',
    live: 'Live',
    replay: 'Replay',
    play: 'Play',
    pause: 'Pause',
    speed: 'Speed',
    time: 'Reading time',
    liveOff: 'live off',
    sites: ' sites',
    withValue: ' with a value',
    surfaceNote: (km: number) => `Surface: inverse-distance weighting, empty beyond ${km} km`,
    close: 'Close',
    serial: 'Serial',
    history: 'Time series',
    reasons: 'Problems',
    loadFile: 'Replay a file…',
    noHistory: 'no history',
  },
} as const;

export type SensorTextKey = keyof (typeof TEXT)['en'];

export function st<K extends SensorTextKey>(key: K): (typeof TEXT)['en'][K] {
  return TEXT[language()][key] as (typeof TEXT)['en'][K];
}

const QUANTITY_NAMES: Record<'ko' | 'en', Record<SdotQuantity, string>> = {
  ko: {
    pm25: '초미세먼지 PM2.5',
    pm10: '미세먼지 PM10',
    temperature: '기온',
    humidity: '상대습도',
    noise: '소음',
    windSpeed: '풍속',
    windDirection: '풍향',
    illuminance: '조도',
    uv: '자외선',
  },
  en: {
    pm25: 'PM2.5',
    pm10: 'PM10',
    temperature: 'Temperature',
    humidity: 'Humidity',
    noise: 'Noise',
    windSpeed: 'Wind speed',
    windDirection: 'Wind direction',
    illuminance: 'Illuminance',
    uv: 'UV index',
  },
};

export function quantityName(q: SdotQuantity): string {
  return QUANTITY_NAMES[language()][q];
}

const BANDS: Record<'ko' | 'en', Record<AirQualityBand, string>> = {
  ko: { good: '좋음', moderate: '보통', bad: '나쁨', veryBad: '매우나쁨' },
  en: { good: 'Good', moderate: 'Moderate', bad: 'Bad', veryBad: 'Very bad' },
};

export function bandName(b: AirQualityBand): string {
  return BANDS[language()][b];
}
