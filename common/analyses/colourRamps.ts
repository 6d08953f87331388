// The analyses' colour ramps as data (value stops and colours), and how a value takes its colour:
// the one definition the page's overlays, legends, facade strips and PNG export draw with. A ramp
// whose stops are fractions says what they are fractions of.
import type { ColourRampSpec, Rgb } from './analysisSpec.js';

/** Sunlight hours: dark blue (none) through yellow (the whole window); stops are fractions of the window's hours. */
export const SUN_HOURS_RAMP: ColourRampSpec = {
  stops: [
    { value: 0, colour: [25, 30, 90] },
    { value: 0.25, colour: [70, 60, 160] },
    { value: 0.5, colour: [200, 80, 110] },
    { value: 0.75, colour: [250, 160, 50] },
    { value: 1, colour: [255, 240, 120] },
  ],
};

/**
 * After − before: red for losses, white for none, blue for gains; stops are fractions of the
 * largest |difference|, saturated already at an eighth so an hour lost stands out next to the largest loss.
 */
export const DIFFERENCE_RAMP: ColourRampSpec = {
  stops: [
    { value: -1, colour: [120, 0, 20] },
    { value: -1 / 8, colour: [235, 70, 50] },
    { value: 0, colour: [250, 250, 250] },
    { value: 1 / 8, colour: [70, 140, 240] },
    { value: 1, colour: [10, 40, 140] },
  ],
};

/** Visible (1) / hidden (0) cells of a viewshed. */
export const VISIBILITY_RAMP: ColourRampSpec = {
  classes: true,
  stops: [
    { value: 0, colour: [60, 60, 70] },
    { value: 0.5, colour: [60, 220, 120] },
  ],
  alpha: 160,
};

/** Depths below this (m) are not drawn: a wet film everywhere would hide the map. */
export const DRAW_MIN_DEPTH_M = 0.02;

/** Water depth (m). */
export const DEPTH_RAMP: ColourRampSpec = {
  stops: [
    { value: DRAW_MIN_DEPTH_M, colour: [170, 220, 255] },
    { value: 0.2, colour: [80, 160, 240] },
    { value: 0.5, colour: [30, 90, 210] },
    { value: 1, colour: [20, 40, 150] },
    { value: 2, colour: [60, 0, 90] },
  ],
  alpha: 200,
};

/** Arrival time: early red to late pale yellow; stops are fractions of the latest arrival. */
export const ARRIVAL_RAMP: ColourRampSpec = {
  stops: [
    { value: 0, colour: [200, 20, 20] },
    { value: 0.5, colour: [250, 170, 40] },
    { value: 1, colour: [250, 240, 160] },
  ],
  alpha: 200,
};

/** Pedestrian wind speed ratio. */
export const WIND_RATIO_RAMP: ColourRampSpec = {
  stops: [
    { value: 0, colour: [40, 60, 150] },
    { value: 0.2, colour: [60, 160, 200] },
    { value: 0.4, colour: [120, 200, 110] },
    { value: 0.6, colour: [250, 220, 60] },
    { value: 0.8, colour: [245, 130, 40] },
    { value: 1.1, colour: [200, 20, 40] },
  ],
  alpha: 170,
};

/** Cells of a wind corridor. */
export const CORRIDOR_RAMP: ColourRampSpec = { stops: [{ value: 1, colour: [230, 0, 230] }], alpha: 200, classes: true };

/** The ramp with every stop value multiplied by `scale` (a fraction ramp made absolute). */
export function scaledRamp(ramp: ColourRampSpec, scale: number): ColourRampSpec {
  const s = Math.max(scale, 1e-6);
  return { ...ramp, stops: ramp.stops.map((p) => ({ value: p.value * s, colour: p.colour })) };
}

/** The colour of a value: linear between stops (or the class it falls in); values outside clamp. */
export function rampColour(ramp: ColourRampSpec, value: number): Rgb {
  const s = ramp.stops;
  if (value <= s[0].value) return s[0].colour;
  for (let i = 1; i < s.length; i++) {
    if (value < s[i].value) {
      if (ramp.classes) return s[i - 1].colour;
      const t = (value - s[i - 1].value) / (s[i].value - s[i - 1].value);
      const a = s[i - 1].colour,
        b = s[i].colour;
      return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
    }
  }
  return s[s.length - 1].colour;
}

export function rgbCss([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}
