// Colour ramps for analysis rasters: value stops with colours, interpolated linearly (or as
// classes). DOM-free so the reprojection, the legend and the PNG export share one definition.

export type Rgb = [number, number, number];

export interface ColourRamp {
  /** Ascending values with their colours. Values below the first / above the last clamp. */
  stops: Array<{ value: number; colour: Rgb }>;
  /** Opacity 0..255 of coloured cells (default 190). */
  alpha?: number;
  /** Classes instead of a gradient: a value takes the colour of the last stop at or below it. */
  classes?: boolean;
}

export function rampColour(ramp: ColourRamp, value: number): Rgb {
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

/** Sunlight hours: dark blue (none) through yellow (full day). */
export function sunHoursRamp(maxHours: number): ColourRamp {
  const m = Math.max(maxHours, 1e-6);
  return {
    stops: [
      { value: 0, colour: [25, 30, 90] },
      { value: m * 0.25, colour: [70, 60, 160] },
      { value: m * 0.5, colour: [200, 80, 110] },
      { value: m * 0.75, colour: [250, 160, 50] },
      { value: m, colour: [255, 240, 120] },
    ],
  };
}

/** Differences (after - before): red for losses, white for none, blue for gains; saturated already
 *  at an eighth of the range, so an hour lost stands out next to the largest loss. */
export function differenceRamp(absMax: number): ColourRamp {
  const m = Math.max(absMax, 1e-6);
  return {
    stops: [
      { value: -m, colour: [120, 0, 20] },
      { value: -m / 8, colour: [235, 70, 50] },
      { value: 0, colour: [250, 250, 250] },
      { value: m / 8, colour: [70, 140, 240] },
      { value: m, colour: [10, 40, 140] },
    ],
  };
}

/** Visible (1) / hidden (0) cells of a viewshed. */
export const VISIBILITY_RAMP: ColourRamp = {
  classes: true,
  stops: [
    { value: 0, colour: [60, 60, 70] },
    { value: 0.5, colour: [60, 220, 120] },
  ],
  alpha: 160,
};
