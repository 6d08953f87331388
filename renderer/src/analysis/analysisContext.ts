// What every planning/analysis panel shares: the viewer, the city build, the scenario being
// edited, map input, the selected building, and the latest results (for the export panel).
import type { SdotSnapshot } from '../sensors/sensorModel.js';
import type { CesiumWidget } from 'cesium';
import type { LonLat } from '../../../common/analyses/analysisSpec.js';
import type { BuildingProperties, CityManifest } from '../../../common/buildFormat.js';
import type { PlanningStore } from '../planning/planningStore.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';
import { el } from '../dom.js';
import type { ResultRegistry } from './resultRegistry.js';

export type { ResultRaster } from './resultRegistry.js';

export interface AnalysisContext {
  viewer: CesiumWidget;
  manifest: CityManifest;
  cityBaseUrl: string;
  store: PlanningStore;
  /** The app's map input: tabs capture the next clicks with it (placing, picking, drawing areas). */
  input: PickDispatcher;
  selectedBuilding(): BuildingProperties | null;
  /** Where the selected building was clicked (lon, lat on its roof), or null when not known: its observer point. */
  selectedBuildingPoint(): LonLat | null;
  results: ResultRegistry;
  /** The S-DoT layer's sites and current readings (null when not loaded). */
  sdot(): SdotSnapshot | null;
}

/** A tab's content and what it holds (subscriptions, map captures, entities, timers): destroy() lets go of all of it. */
export interface ToolPanel {
  readonly element: HTMLElement;
  destroy(): void;
}

/** A labelled input in a two-column grid row. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement): HTMLLabelElement {
  const l = el('label', { className: 'analysis-field' }, el('span', { textContent: label }), input);
  return l;
}

export function numberInput(id: string, value: number, min: number, max: number, step = 1): HTMLInputElement {
  return el('input', { type: 'number', id, value: String(value), min: String(min), max: String(max), step: String(step) });
}

export function tableOf(headers: string[], rows: Array<Array<string | number>>, className = 'analysis-table'): HTMLTableElement {
  const table = el('table', { className });
  const head = el('tr');
  for (const h of headers) head.append(el('th', { textContent: h }));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    for (const c of r) tr.append(el('td', { textContent: typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c }));
    body.append(tr);
  }
  table.append(body);
  return table;
}
