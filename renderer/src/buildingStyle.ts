// How buildings are coloured: by where their height came from, so users see at a glance which
// heights are measured and which are estimates. Shared by the tileset style and the legend.
import { Cesium3DTileStyle, Color, type Cesium3DTileFeature } from 'cesium';
import type { HeightSource } from '../../common/buildFormat.js';
import { HEIGHT_SOURCE_COLOURS } from '../../common/buildingOverview.js';
import type { TextKey } from './i18n.js';

export interface LegendEntry {
  colour: string;
  labelKey: TextKey;
}

/** The legend's words for each height source (the building overview's classes too). */
export const HEIGHT_SOURCE_LABELS: Record<HeightSource, TextKey> = {
  measured: 'legend.measured',
  floors: 'legend.floors',
  'default-by-use': 'legend.defaultByUse',
  'citizen-edit': 'legend.citizenEdit',
};

export const SELECTED_COLOUR = '#ff8a00';

export const BUILDING_LEGEND: LegendEntry[] = [
  ...(['measured', 'floors', 'default-by-use', 'citizen-edit'] as const).map((source) => ({
    colour: HEIGHT_SOURCE_COLOURS[source],
    labelKey: HEIGHT_SOURCE_LABELS[source],
  })),
  { colour: SELECTED_COLOUR, labelKey: 'legend.selected' },
];

/** A string literal for Cesium's style language (single-quoted, escaped). */
function styleString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * An analysis colouring (e.g. fire coverage) that replaces the height-source colours while its
 * layer shows: building id -> CSS colour, or null to keep the normal colour. The selection still wins.
 */
let colourOverlay: ((id: string) => string | null) | null = null;

export function setBuildingColourOverlay(overlay: ((id: string) => string | null) | null): void {
  colourOverlay = overlay;
}

/**
 * Approved citizen edits the page shows before the next build applies them
 * (renderer/src/wiki/buildingEditsLayer.ts), per building id: the height source to colour by, and
 * whether the tileset's feature gives way to an overlay drawn at the edited height.
 */
export interface BuildingEditOverrides {
  /** The height source the building is coloured by now; undefined: the tile's own. */
  heightSource(id: string): HeightSource | undefined;
  /** True while an overlay draws the building at a height its tile does not have. */
  hidden(id: string): boolean;
}

let editOverrides: BuildingEditOverrides | null = null;

export function setBuildingEditOverrides(overrides: BuildingEditOverrides | null): void {
  editOverrides = overrides;
}

/** The colour a building is drawn in: the selection, then an analysis colouring, then its height source. */
export function buildingColour(id: string, heightSource: HeightSource, selectedId: string | null): string {
  if (id === selectedId) return SELECTED_COLOUR;
  return colourOverlay?.(id) ?? HEIGHT_SOURCE_COLOURS[heightSource] ?? HEIGHT_SOURCE_COLOURS['default-by-use'];
}

export function buildingStyle(selectedId: string | null): Cesium3DTileStyle {
  if (colourOverlay || editOverrides) return customStyle(selectedId, colourOverlay, editOverrides, baseBuildingStyle(null));
  return baseBuildingStyle(selectedId);
}

function customStyle(
  selectedId: string | null,
  overlay: ((id: string) => string | null) | null,
  edits: BuildingEditOverrides | null,
  base: Cesium3DTileStyle,
): Cesium3DTileStyle {
  const style = new Cesium3DTileStyle();
  const cache = new Map<string, Color>();
  const colourOf = (css: string) => {
    let c = cache.get(css);
    if (!c) cache.set(css, (c = Color.fromCssColorString(css)));
    return c;
  };
  const idOf = (feature: Cesium3DTileFeature) => String(feature.getProperty('id') ?? '');
  // Custom expressions (Cesium's StyleExpression interface): a map lookup per feature instead of
  // one style condition per building.
  style.color = {
    evaluate: () => undefined,
    evaluateColor: (feature: Cesium3DTileFeature, result?: Color) => {
      const id = idOf(feature);
      const css = id === selectedId ? SELECTED_COLOUR : overlay?.(id);
      if (css) return Color.clone(colourOf(css), result);
      const edited = edits?.heightSource(id);
      if (edited) return Color.clone(colourOf(HEIGHT_SOURCE_COLOURS[edited]), result);
      return base.color.evaluateColor(feature, result);
    },
  } as unknown as Cesium3DTileStyle['color'];
  if (edits) style.show = { evaluate: (feature: Cesium3DTileFeature) => !edits.hidden(idOf(feature)) } as unknown as Cesium3DTileStyle['show'];
  return style;
}

function baseBuildingStyle(selectedId: string | null): Cesium3DTileStyle {
  const conditions: [string, string][] = [];
  if (selectedId !== null) conditions.push([`\${id} === ${styleString(selectedId)}`, `color('${SELECTED_COLOUR}')`]);
  conditions.push(
    ["${heightSource} === 'measured'", `color('${HEIGHT_SOURCE_COLOURS.measured}')`],
    ["${heightSource} === 'floors'", `color('${HEIGHT_SOURCE_COLOURS.floors}')`],
    ['true', `color('${HEIGHT_SOURCE_COLOURS['default-by-use']}')`],
  );
  return new Cesium3DTileStyle({ color: { conditions } });
}
