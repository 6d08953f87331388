// What every planning/analysis panel shares: the viewer, the city build, the scenario being
// edited, map input, the selected building, and the latest results (for the export panel).
import type { SdotSnapshot } from '../sensors/sensorLayer.js';
import type { CesiumWidget } from 'cesium';
import type { BuildingProperties, CityManifest } from '../../../common/buildFormat.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { PlanningStore } from '../planning/planningStore.js';
import type { MapInput } from './mapInput.js';
import type { Row } from '../../../common/tableFormats.js';

export interface ResultRaster {
  id: string;
  label: string;
  grid: RasterGrid;
}

export class ResultRegistry {
  readonly rasters = new Map<string, ResultRaster>();
  table: { name: string; rows: Row[] } | null = null;
  private readonly listeners = new Set<() => void>();

  setRaster(r: ResultRaster): void {
    this.rasters.set(r.id, r);
    this.changed();
  }

  setTable(name: string, rows: Row[]): void {
    this.table = { name, rows };
    this.changed();
  }

  onChange(l: () => void): void {
    this.listeners.add(l);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

export interface AnalysisContext {
  viewer: CesiumWidget;
  manifest: CityManifest;
  cityBaseUrl: string;
  store: PlanningStore;
  input: MapInput;
  selectedBuilding(): BuildingProperties | null;
  results: ResultRegistry;
  /** The S-DoT layer's sites and current readings (null when not loaded). */
  sdot(): SdotSnapshot | null;
}

/** Small DOM helpers shared by the panels. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(e, rest);
  if (dataset) Object.assign(e.dataset, dataset);
  e.append(...children);
  return e;
}

export function button(text: string, onClick: () => void, id?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'chip', textContent: text });
  if (id) b.id = id;
  b.addEventListener('click', onClick);
  return b;
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
