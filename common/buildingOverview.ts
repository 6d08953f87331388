// How the building overview (every building of a build drawn into imagery tiles for far views,
// where the 3D buildings are sub-pixel or only the tallest are loaded) classes heights and colours
// them: shared by the build, which paints the tiles, and the renderer, whose legend explains them.

/** A height class: buildings lower than `below` metres (null: no upper bound) and not in an earlier class. */
export interface BuildingHeightClass {
  below: number | null;
  /** CSS hex colour. */
  colour: string;
}

/** Lowest first; a sequential ramp (light to dark) so taller reads as more. */
export const BUILDING_HEIGHT_CLASSES: readonly BuildingHeightClass[] = [
  { below: 10, colour: '#fff1a8' },
  { below: 20, colour: '#fdc35a' },
  { below: 40, colour: '#f7873a' },
  { below: 80, colour: '#dc3b26' },
  { below: null, colour: '#99002f' },
];

/**
 * The share of a pixel that buildings cover at which it is drawn opaque; less is drawn fainter in
 * proportion. Built-up blocks of Seoul cover about 30-60 % of their ground, so at the city-wide view
 * (pixels of ~70 m) a dense block reads as solid and open ground stays clear.
 */
export const BUILDING_OVERVIEW_FULL_COVERAGE = 0.5;

/** Index of the class a building of `height` metres falls in. */
export function heightClassOf(height: number, classes: readonly BuildingHeightClass[] = BUILDING_HEIGHT_CLASSES): number {
  const i = classes.findIndex((c) => c.below !== null && height < c.below);
  return i < 0 ? classes.length - 1 : i;
}
