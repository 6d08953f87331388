// Colours of S-DoT values: the Korean air-quality bands for PM10 / PM2.5 (sdotQuantities.ts) and
// continuous ramps for the other quantities. Shared by the site points, the surface and the legend.
import { AIR_QUALITY_BANDS, airQualityBand, type AirQualityBand, type SdotQuantity } from '../../../common/sdot/sdotQuantities.js';

export type Rgb = readonly [number, number, number];

/** The colours Korean air-quality services use for the four grades (blue, green, yellow, red). */
export const BAND_COLOURS: Record<AirQualityBand, Rgb> = {
  good: [50, 120, 220],
  moderate: [60, 170, 80],
  bad: [240, 190, 40],
  veryBad: [220, 50, 50],
};

/** Ramp ends for continuous quantities: [value at the cold end, value at the hot end]. */
export const RAMP_RANGES: Partial<Record<SdotQuantity, readonly [number, number]>> = {
  temperature: [-10, 35],
  humidity: [0, 100],
  noise: [35, 85],
  windSpeed: [0, 10],
};

const RAMP: Rgb[] = [
  [49, 54, 149],
  [69, 117, 180],
  [171, 217, 233],
  [254, 224, 144],
  [244, 109, 67],
  [165, 0, 38],
];

function ramp(t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i];
  const b = RAMP[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export function colourFor(quantity: SdotQuantity, value: number): Rgb {
  if (quantity === 'pm10' || quantity === 'pm25') return BAND_COLOURS[airQualityBand(quantity, value)];
  const [lo, hi] = RAMP_RANGES[quantity] ?? [0, 1];
  return ramp((value - lo) / (hi - lo));
}

export function cssColour([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

export interface LegendEntry {
  colour: Rgb;
  label: string;
}

export function legendFor(quantity: SdotQuantity, bandLabel: (band: AirQualityBand) => string, unit: string): LegendEntry[] {
  if (quantity === 'pm10' || quantity === 'pm25') {
    const [g, m, b] = AIR_QUALITY_BANDS[quantity];
    return [
      { colour: BAND_COLOURS.good, label: `${bandLabel('good')} 0–${g}` },
      { colour: BAND_COLOURS.moderate, label: `${bandLabel('moderate')} ${g + 1}–${m}` },
      { colour: BAND_COLOURS.bad, label: `${bandLabel('bad')} ${m + 1}–${b}` },
      { colour: BAND_COLOURS.veryBad, label: `${bandLabel('veryBad')} ${b + 1}+ ${unit}` },
    ];
  }
  const [lo, hi] = RAMP_RANGES[quantity] ?? [0, 1];
  return [0, 0.25, 0.5, 0.75, 1].map((t) => ({ colour: ramp(t), label: `${Math.round(lo + (hi - lo) * t)} ${unit}` }));
}
