// How buildings are coloured by where their height came from — the 3D buildings' style and the
// building overview (every building of a build drawn into imagery tiles for far views, where the 3D
// buildings are sub-pixel or only the tallest are loaded) — shared by the build, which paints the
// overview's tiles, and the renderer, whose style and legend use the same colours.
import type { HeightSource } from './buildFormat.js';

export const HEIGHT_SOURCE_COLOURS: Record<HeightSource, string> = {
  measured: '#f3efe4',
  floors: '#dcc59a',
  'default-by-use': '#9fb0c4',
  // Floors a citizen gave in the wiki, approved by a moderator (common/buildingEdits.ts).
  'citizen-edit': '#b57edc',
};

/** A class of the overview: the buildings whose height came from `source`, drawn in `colour`. */
export interface BuildingOverviewClass {
  source: HeightSource;
  /** CSS hex colour. */
  colour: string;
}

/** The overview's classes: the height sources, most trusted first, in the buildings' colours. */
export const BUILDING_OVERVIEW_CLASSES: readonly BuildingOverviewClass[] = (['measured', 'floors', 'default-by-use', 'citizen-edit'] as const).map(
  (source) => ({ source, colour: HEIGHT_SOURCE_COLOURS[source] }),
);

/**
 * The share of a pixel that buildings cover at which it is drawn opaque; less is drawn fainter in
 * proportion. Built-up blocks of Seoul cover about 30-60 % of their ground, so at the city-wide view
 * (pixels of ~70 m) a dense block reads as solid and open ground stays clear.
 */
export const BUILDING_OVERVIEW_FULL_COVERAGE = 0.5;

/** Index of the class of a building whose height came from `source` (unknown sources: the default by use). */
export function overviewClassOf(source: HeightSource, classes: readonly BuildingOverviewClass[] = BUILDING_OVERVIEW_CLASSES): number {
  const i = classes.findIndex((c) => c.source === source);
  return i >= 0
    ? i
    : Math.max(
        0,
        classes.findIndex((c) => c.source === 'default-by-use'),
      );
}
