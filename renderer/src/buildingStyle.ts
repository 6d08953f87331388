// How buildings are coloured: by where their height came from, so users see at a glance which
// heights are measured and which are estimates. Shared by the tileset style and the legend.
import { Cesium3DTileStyle } from 'cesium';
import type { HeightSource } from '../../tiles/buildFormat.js';
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

export function buildingStyle(selectedId: string | null): Cesium3DTileStyle {
  const conditions: [string, string][] = [];
  if (selectedId !== null) conditions.push([`\${id} === ${styleString(selectedId)}`, `color('${SELECTED_COLOUR}')`]);
  conditions.push(
    ["${heightSource} === 'measured'", `color('${HEIGHT_SOURCE_COLOURS.measured}')`],
    ["${heightSource} === 'floors'", `color('${HEIGHT_SOURCE_COLOURS.floors}')`],
    ['true', `color('${HEIGHT_SOURCE_COLOURS['default-by-use']}')`],
  );
  return new Cesium3DTileStyle({ color: { conditions } });
}
