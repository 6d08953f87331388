// The fire panel (lower right): a clicked facility with its live status, a clicked building's
// coverage and hazard factors, or the coverage summary with exports, gap list and the formula.
import { locale } from '../i18n.js';
import { HAZARD_FORMULA, HAZARD_WEIGHTS } from '../../../workers/fire/hazard.js';
import { ZONE_ASSUMPTION_NOTE, ZONE_CODES } from '../../../workers/fire/zoneRule.js';
import type { PointLayerData } from './pointLayerData.js';
import type { StatusView } from './facilityStatusClient.js';
import type { CoverageData } from './coverageLayer.js';
import { ft, type FireTextKey } from './fireText.js';

export function panelElement(): HTMLElement {
  let el = document.getElementById('fire-panel');
  if (!el) {
    el = document.createElement('aside');
    el.id = 'fire-panel';
    el.className = 'panel';
    el.hidden = true;
    document.body.append(el);
  }
  return el;
}

function header(titleText: string, onClose: () => void): HTMLElement {
  const h = document.createElement('header');
  h.className = 'panel-header';
  const title = document.createElement('h2');
  title.textContent = titleText;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'chip';
  close.id = 'fire-panel-close';
  close.textContent = ft('close');
  close.addEventListener('click', onClose);
  h.append(title, close);
  return h;
}

function list(rows: Array<[string, string, string?]>): HTMLElement {
  const dl = document.createElement('dl');
  for (const [label, value, field] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value || '—';
    if (field) dd.dataset.field = field;
    dl.append(dt, dd);
  }
  return dl;
}

function time(iso: string): string {
  return new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Seoul', dateStyle: 'short', timeStyle: 'medium' }) + ' KST';
}

export function statusText(view: StatusView): { text: string; updated: string; state: string } {
  if (view.kind === 'unknown') return { text: ft(`status.${view.reason}` as FireTextKey), updated: '—', state: 'unknown' };
  const e = view.entry;
  const base = ft(`status.${e.status}` as FireTextKey);
  return {
    text: view.stale ? `${base} (${ft('stale')})` : base,
    updated: time(e.updatedAt ?? e.receivedAt),
    state: view.stale ? 'stale' : e.status,
  };
}

export async function facilityRows(
  data: PointLayerData,
  index: number,
  status: (id: string) => StatusView,
): Promise<{ title: string; rows: Array<[string, string, string?]> }> {
  const cols = await data.attributes();
  const v = (c: string) => cols[c]?.[index] ?? '';
  const id = data.info.id;
  if (id === 'fire-hydrants') {
    const s = statusText(status(v('facility_no')));
    const rows: Array<[string, string, string?]> = [
      [ft('facilityNo'), v('facility_no'), 'facilityNo'],
      [ft('roadAddress'), v('road_address'), 'roadAddress'],
      [ft('lotAddress'), v('lot_address'), 'lotAddress'],
      [ft('safeCenter'), v('safe_center'), 'safeCenter'],
      [ft('status'), s.text, 'status'],
      [ft('lastUpdate'), s.updated, 'lastUpdate'],
    ];
    if (v('detail_location')) rows.splice(4, 0, [ft('detail'), v('detail_location'), 'detail']);
    // The source's type label is unverified (SOURCES.md): shown only with that caveat.
    if (v('type_label_seoul_csv')) rows.push([ft('typeLabel'), v('type_label_seoul_csv'), 'typeLabel']);
    return { title: `${ft('facility')} (${v('facility_type') || '—'})`, rows };
  }
  if (id === 'fire-emergency-devices') {
    const s = statusText(status(v('device_serial_no')));
    return {
      title: ft('device'),
      rows: [
        [ft('facilityNo'), `${v('device_serial_no')} / ${v('device_unique_no')}`, 'facilityNo'],
        [ft('gu'), v('gu')],
        [ft('dong'), v('dong')],
        [ft('status'), s.text, 'status'],
        [ft('lastUpdate'), s.updated, 'lastUpdate'],
      ],
    };
  }
  return {
    title: ft('station'),
    rows: [
      ['', v('name'), 'name'],
      ['', v('type')],
      [ft('gu'), v('gu')],
      [ft('dong'), v('dong')],
    ],
  };
}

export function renderFacility(panel: HTMLElement, title: string, rows: Array<[string, string, string?]>, onClose: () => void): void {
  panel.replaceChildren(header(title, onClose), list(rows));
  panel.dataset.mode = 'facility';
  panel.hidden = false;
}

const fmtM = (v: number) => (Number.isFinite(v) ? `${v.toLocaleString(locale(), { maximumFractionDigits: 1 })} m` : '—');

export function renderBuildingCoverage(panel: HTMLElement, data: CoverageData, i: number, nearestNo: string, onClose: () => void): void {
  const c = data.coverage;
  const h = data.hazard;
  const covered = c.covered[i] === 1;
  const rows: Array<[string, string, string?]> = [
    ['', data.file.names[i] || data.file.ids[i]],
    [ft('distance'), fmtM(c.distance[i]), 'distance'],
    [ft('limit'), fmtM(c.limit[i]), 'limit'],
    [ft('zoneAssumed'), `${ZONE_CODES[data.zones[i]]} (${data.file.uses[i] || '?'})`, 'zone'],
    ['', covered ? ft('covered') : ft('gap'), 'coverage'],
    [ft('nearest'), nearestNo],
    [ft('hazard'), h.score[i].toFixed(1), 'hazard'],
  ];
  const factors: Array<[string, string, string?]> = [
    [`H ×${HAZARD_WEIGHTS.height}`, h.height[i].toFixed(2), 'factor-height'],
    [`F ×${HAZARD_WEIGHTS.floors}`, h.floors[i].toFixed(2), 'factor-floors'],
    [`U ×${HAZARD_WEIGHTS.use}`, h.use[i].toFixed(2), 'factor-use'],
    [`D ×${HAZARD_WEIGHTS.hydrant}`, h.hydrant[i].toFixed(2), 'factor-hydrant'],
    [`N ×${HAZARD_WEIGHTS.density}`, `${h.density[i].toFixed(2)} (${h.neighbours[i]})`, 'factor-density'],
  ];
  const f = document.createElement('h2');
  f.textContent = ft('factors');
  const formula = document.createElement('p');
  formula.className = 'fire-note';
  formula.textContent = HAZARD_FORMULA;
  panel.replaceChildren(header(ft('coverageTitle'), onClose), list(rows), f, list(factors), formula);
  panel.dataset.mode = 'building';
  panel.hidden = false;
}

export interface SummaryActions {
  exportCsv(): void;
  exportGeoJson(): void;
  select(i: number): void;
  close(): void;
}

export function renderCoverageSummary(panel: HTMLElement, data: CoverageData | null, message: string | null, actions: SummaryActions): void {
  const parts: HTMLElement[] = [header(ft('coverageTitle'), actions.close)];
  if (!data) {
    const p = document.createElement('p');
    p.textContent = message ?? ft('computing');
    parts.push(p);
  } else {
    const n = data.file.ids.length;
    const summary = document.createElement('p');
    summary.id = 'fire-coverage-summary';
    summary.innerHTML = '';
    const sw = (colour: string) => `<span class="fire-swatch" style="background:${colour}"></span>`;
    summary.innerHTML = `${sw('#2fae5b')}${ft('covered')}: <b>${data.coverage.coveredCount}</b> · ${sw('#e23d3d')}${ft('gap')}: <b>${data.coverage.gapCount}</b> / ${n} ${ft('buildings')}`;
    const note = document.createElement('p');
    note.className = 'fire-note';
    note.textContent = ZONE_ASSUMPTION_NOTE;
    const buttons = document.createElement('div');
    buttons.className = 'fire-buttons';
    for (const [id, key, fn] of [
      ['fire-export-csv', 'exportCsv', actions.exportCsv],
      ['fire-export-geojson', 'exportGeojson', actions.exportGeoJson],
    ] as const) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip';
      b.id = id;
      b.textContent = ft(key);
      b.addEventListener('click', fn);
      buttons.append(b);
    }
    const gapTitle = document.createElement('h2');
    gapTitle.textContent = `${ft('gapList')} (${data.coverage.gapCount})`;
    const gaps = document.createElement('ol');
    gaps.className = 'fire-list';
    const gapIdx = [...Array(n).keys()]
      .filter((i) => !data.coverage.covered[i])
      .sort((a, b) => data.coverage.distance[b] - data.coverage.distance[a])
      .slice(0, 15);
    for (const i of gapIdx)
      gaps.append(
        listItem(`${data.file.names[i] || data.file.ids[i]} — ${fmtM(data.coverage.distance[i])} / ${fmtM(data.coverage.limit[i])}`, () => actions.select(i)),
      );
    const hzTitle = document.createElement('h2');
    hzTitle.textContent = ft('topHazard');
    const hz = document.createElement('ol');
    hz.className = 'fire-list';
    for (const i of [...data.hazard.order].slice(0, 10))
      hz.append(listItem(`${data.hazard.score[i].toFixed(1)} — ${data.file.names[i] || data.file.ids[i]}`, () => actions.select(i)));
    const formulaTitle = document.createElement('h2');
    formulaTitle.textContent = ft('hazardFormula');
    const formula = document.createElement('p');
    formula.className = 'fire-note';
    formula.id = 'fire-hazard-formula';
    formula.textContent = HAZARD_FORMULA;
    parts.push(summary, note, buttons, gapTitle, gaps, hzTitle, hz, formulaTitle, formula);
  }
  panel.replaceChildren(...parts);
  panel.dataset.mode = 'coverage';
  panel.hidden = false;
}

function listItem(text: string, onClick: () => void): HTMLElement {
  const li = document.createElement('li');
  const a = document.createElement('button');
  a.type = 'button';
  a.className = 'fire-link';
  a.textContent = text;
  a.addEventListener('click', onClick);
  li.append(a);
  return li;
}
