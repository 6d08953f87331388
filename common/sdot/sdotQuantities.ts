// The S-DoT quantities the app shows, their units, the physically plausible range of each (values
// outside are flagged, never drawn), and the Korean air-quality bands for PM10 / PM2.5.
// Pure: shared by the host (validation), the renderer (colours, legend) and tests.

export type SdotQuantity = 'pm25' | 'pm10' | 'temperature' | 'humidity' | 'noise' | 'windSpeed' | 'windDirection' | 'illuminance' | 'uv';

export const SDOT_QUANTITIES: readonly SdotQuantity[] = ['pm25', 'pm10', 'temperature', 'humidity', 'noise', 'windSpeed', 'windDirection', 'illuminance', 'uv'];

/** The quantities offered in the renderer's colour selector. */
export const DISPLAY_QUANTITIES: readonly SdotQuantity[] = ['pm25', 'pm10', 'temperature', 'humidity', 'noise', 'windSpeed'];

export const QUANTITY_UNITS: Record<SdotQuantity, string> = {
  pm25: 'µg/m³',
  pm10: 'µg/m³',
  temperature: '°C',
  humidity: '%',
  noise: 'dB',
  windSpeed: 'm/s',
  windDirection: '°',
  illuminance: 'lux',
  uv: 'UV index',
};

/**
 * Physically plausible ranges (inclusive). A value outside is flagged "out of range" and not drawn.
 * - PM: the S-DoT dictionary's representable range 0–1500 µg/m³ (sdot_measurement_fields.csv).
 * - temperature: Seoul's records are −19.2 °C (1927) and 39.6 °C (2018); −35…50 °C leaves room for
 *   sensor heating in sun and still rejects the −40 °C / −100 °C fill values broken units report.
 * - humidity: 0–100 % by definition.
 * - noise: 20–130 dB (quieter than any street, louder than a jet at 100 m are faults); the
 *   dictionary's stated range is 35–85 dB but readings outside that are possible, not impossible.
 * - wind speed: 0–60 m/s (Seoul's strongest gusts are ~40 m/s); direction 0–360°.
 * - illuminance: 0–120,000 lux (dictionary range; full sun is ~100,000); UV index 0–16 (dictionary 0–160 ×10).
 */
export const PLAUSIBLE_RANGES: Record<SdotQuantity, readonly [number, number]> = {
  pm25: [0, 1500],
  pm10: [0, 1500],
  temperature: [-35, 50],
  humidity: [0, 100],
  noise: [20, 130],
  windSpeed: [0, 60],
  windDirection: [0, 360],
  illuminance: [0, 120000],
  uv: [0, 16],
};

export type AirQualityBand = 'good' | 'moderate' | 'bad' | 'veryBad';

export const BAND_LABELS_KO: Record<AirQualityBand, string> = { good: '좋음', moderate: '보통', bad: '나쁨', veryBad: '매우나쁨' };

/**
 * Upper bounds (inclusive, µg/m³) of 좋음 / 보통 / 나쁨; above the last is 매우나쁨.
 * Source: Ministry of Environment forecast grades in force since 2018-03-27, as published by the
 * Korean government's law-information service (easylaw.go.kr, "미세먼지 예보 등급을 나누는 기준"):
 * PM10 0–30 / 31–80 / 81–150 / 151+, PM2.5 0–15 / 16–35 / 36–75 / 76+.
 * Values are compared after rounding to whole µg/m³, the precision the grades are stated in.
 */
export const AIR_QUALITY_BANDS: Record<'pm10' | 'pm25', readonly [number, number, number]> = {
  pm10: [30, 80, 150],
  pm25: [15, 35, 75],
};

export function airQualityBand(quantity: 'pm10' | 'pm25', value: number): AirQualityBand {
  const [good, moderate, bad] = AIR_QUALITY_BANDS[quantity];
  const v = Math.round(value);
  if (v <= good) return 'good';
  if (v <= moderate) return 'moderate';
  if (v <= bad) return 'bad';
  return 'veryBad';
}
