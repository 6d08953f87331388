// How buildings are coloured: by where their height came from, so users see at a glance which
// heights are measured and which are estimates. Shared by the tileset style and the legend.
import { Cesium3DTileStyle, Color, type Cesium3DTileFeature } from 'cesium';
import type { HeightSource } from '../../common/buildFormat.js';
import type { TextKey } from './i18n.js';

export interface LegendEntry {
  colour: string;
  labelKey: TextKey;
}

export const HEIGHT_SOURCE_COLOURS: Record<HeightSource, string> = {
  measured: '#f3efe4',
  floors: '#dcc59a',
  'default-by-use': '#9fb0c4',
};

export const SELECTED_COLOUR = '#ff8a00';

export const BUILDING_LEGEND: LegendEntry[] = [
  { colour: HEIGHT_SOURCE_COLOURS.measured, labelKey: 'legend.measured' },
  { colour: HEIGHT_SOURCE_COLOURS.floors, labelKey: 'legend.floors' },
  { colour: HEIGHT_SOURCE_COLOURS['default-by-use'], labelKey: 'legend.defaultByUse' },
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

export function buildingStyle(selectedId: string | null): Cesium3DTileStyle {
  if (colourOverlay) return overlayStyle(selectedId, colourOverlay, baseBuildingStyle(null));
  return baseBuildingStyle(selectedId);
}

function overlayStyle(selectedId: string | null, overlay: (id: string) => string | null, base: Cesium3DTileStyle): Cesium3DTileStyle {
  const style = new Cesium3DTileStyle();
  const cache = new Map<string, Color>();
  const colourOf = (css: string) => {
    let c = cache.get(css);
    if (!c) cache.set(css, (c = Color.fromCssColorString(css)));
    return c;
  };
  // A custom expression (Cesium's StyleExpression interface): a map lookup per feature instead of
  // one style condition per building.
  style.color = {
    evaluate: () => undefined,
    evaluateColor: (feature: Cesium3DTileFeature, result?: Color) => {
      const id = String(feature.getProperty('id') ?? '');
      const css = id === selectedId ? SELECTED_COLOUR : overlay(id);
      if (css) return Color.clone(colourOf(css), result);
      return base.color.evaluateColor(feature, result);
    },
  } as unknown as Cesium3DTileStyle['color'];
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
