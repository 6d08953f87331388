// The fire panel (lower right): a clicked facility with its live status, a clicked building's
// coverage and hazard factors, or the coverage summary with exports, gap list and the formula.
import { button, el, singleton } from '../dom.js';
import { locale } from '../i18n.js';
import { HAZARD_FORMULA, HAZARD_WEIGHTS } from '../../../workers/fire/hazard.js';
import { ZONE_ASSUMPTION_NOTE, ZONE_CODES } from '../../../workers/fire/zoneRule.js';
import type { PointLayerData } from './pointLayerData.js';
import type { StatusView } from './facilityStatusClient.js';
import { COVERED_COLOUR, GAP_COLOUR, type CoverageData } from './coverageLayer.js';
import { fireText, type FireTextKey } from './fireText.js';

export function panelElement(): HTMLElement {
  return singleton('aside', 'fire-panel', { className: 'panel', hidden: true });
}

function header(titleText: string, onClose: () => void): HTMLElement {
  return el('header', { className: 'panel-header' }, el('h2', { textContent: titleText }), button(fireText('close'), onClose, { id: 'fire-panel-close' }));
}

function list(rows: Array<[string, string, string?]>): HTMLElement {
  return el(
    'dl',
    {},
    ...rows.flatMap(([label, value, field]) => [el('dt', { textContent: label }), el('dd', { textContent: value || '—', dataset: field ? { field } : {} })]),
  );
}

function time(iso: string): string {
  return new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Seoul', dateStyle: 'short', timeStyle: 'medium' }) + ' KST';
}

export function statusText(view: StatusView): { text: string; updated: string; state: string } {
  if (view.kind === 'unknown') return { text: fireText(`status.${view.reason}` as FireTextKey), updated: '—', state: 'unknown' };
  const e = view.entry;
  const base = fireText(`status.${e.status}` as FireTextKey);
  return {
    text: view.stale ? `${base} (${fireText('stale')})` : base,
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
      [fireText('facilityNo'), v('facility_no'), 'facilityNo'],
      [fireText('roadAddress'), v('road_address'), 'roadAddress'],
      [fireText('lotAddress'), v('lot_address'), 'lotAddress'],
      [fireText('safeCenter'), v('safe_center'), 'safeCenter'],
      [fireText('status'), s.text, 'status'],
      [fireText('lastUpdate'), s.updated, 'lastUpdate'],
    ];
    if (v('detail_location')) rows.splice(4, 0, [fireText('detail'), v('detail_location'), 'detail']);
    // The source's type label is unverified (SOURCES.md): shown only with that caveat.
    if (v('type_label_seoul_csv')) rows.push([fireText('typeLabel'), v('type_label_seoul_csv'), 'typeLabel']);
    return { title: `${fireText('facility')} (${v('facility_type') || '—'})`, rows };
  }
  if (id === 'fire-emergency-devices') {
    const s = statusText(status(v('device_serial_no')));
    return {
      title: fireText('device'),
      rows: [
        [fireText('facilityNo'), `${v('device_serial_no')} / ${v('device_unique_no')}`, 'facilityNo'],
        [fireText('gu'), v('gu')],
        [fireText('dong'), v('dong')],
        [fireText('status'), s.text, 'status'],
        [fireText('lastUpdate'), s.updated, 'lastUpdate'],
      ],
    };
  }
  return {
    title: fireText('station'),
    rows: [
      ['', v('name'), 'name'],
      ['', v('type')],
      [fireText('gu'), v('gu')],
      [fireText('dong'), v('dong')],
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
    [fireText('distance'), fmtM(c.distance[i]), 'distance'],
    [fireText('limit'), fmtM(c.limit[i]), 'limit'],
    [fireText('zoneAssumed'), `${ZONE_CODES[data.zones[i]]} (${data.file.uses[i] || '?'})`, 'zone'],
    ['', covered ? fireText('covered') : fireText('gap'), 'coverage'],
    [fireText('nearest'), nearestNo],
    [fireText('hazard'), h.score[i].toFixed(1), 'hazard'],
  ];
  const factors: Array<[string, string, string?]> = [
    [`H ×${HAZARD_WEIGHTS.height}`, h.height[i].toFixed(2), 'factor-height'],
    [`F ×${HAZARD_WEIGHTS.floors}`, h.floors[i].toFixed(2), 'factor-floors'],
    [`U ×${HAZARD_WEIGHTS.use}`, h.use[i].toFixed(2), 'factor-use'],
    [`D ×${HAZARD_WEIGHTS.hydrant}`, h.hydrant[i].toFixed(2), 'factor-hydrant'],
    [`N ×${HAZARD_WEIGHTS.density}`, `${h.density[i].toFixed(2)} (${h.neighbours[i]})`, 'factor-density'],
  ];
  panel.replaceChildren(
    header(fireText('coverageTitle'), onClose),
    list(rows),
    el('h2', { textContent: fireText('factors') }),
    list(factors),
    el('p', { className: 'fire-note', textContent: HAZARD_FORMULA }),
  );
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
  const parts: HTMLElement[] = [header(fireText('coverageTitle'), actions.close)];
  if (!data) {
    parts.push(el('p', { textContent: message ?? fireText('computing') }));
  } else {
    const n = data.file.ids.length;
    const swatch = (colour: string) => {
      const sw = el('span', { className: 'fire-swatch' });
      sw.style.background = colour;
      return sw;
    };
    const summary = el(
      'p',
      { id: 'fire-coverage-summary' },
      swatch(COVERED_COLOUR),
      `${fireText('covered')}: `,
      el('b', { textContent: String(data.coverage.coveredCount) }),
      ' · ',
      swatch(GAP_COLOUR),
      `${fireText('gap')}: `,
      el('b', { textContent: String(data.coverage.gapCount) }),
      ` / ${n} ${fireText('buildings')}`,
    );
    const buttons = el(
      'div',
      { className: 'fire-buttons' },
      button(fireText('exportCsv'), actions.exportCsv, { id: 'fire-export-csv' }),
      button(fireText('exportGeojson'), actions.exportGeoJson, { id: 'fire-export-geojson' }),
    );
    const gapIdx = [...Array(n).keys()]
      .filter((i) => !data.coverage.covered[i])
      .sort((a, b) => data.coverage.distance[b] - data.coverage.distance[a])
      .slice(0, 15);
    const gaps = el(
      'ol',
      { className: 'fire-list' },
      ...gapIdx.map((i) =>
        listItem(`${data.file.names[i] || data.file.ids[i]} — ${fmtM(data.coverage.distance[i])} / ${fmtM(data.coverage.limit[i])}`, () => actions.select(i)),
      ),
    );
    const hazards = el(
      'ol',
      { className: 'fire-list' },
      ...[...data.hazard.order]
        .slice(0, 10)
        .map((i) => listItem(`${data.hazard.score[i].toFixed(1)} — ${data.file.names[i] || data.file.ids[i]}`, () => actions.select(i))),
    );
    parts.push(
      summary,
      el('p', { className: 'fire-note', textContent: ZONE_ASSUMPTION_NOTE }),
      buttons,
      el('h2', { textContent: `${fireText('gapList')} (${data.coverage.gapCount})` }),
      gaps,
      el('h2', { textContent: fireText('topHazard') }),
      hazards,
      el('h2', { textContent: fireText('hazardFormula') }),
      el('p', { className: 'fire-note', id: 'fire-hazard-formula', textContent: HAZARD_FORMULA }),
    );
  }
  panel.replaceChildren(...parts);
  panel.dataset.mode = 'coverage';
  panel.hidden = false;
}

function listItem(text: string, onClick: () => void): HTMLElement {
  return el('li', {}, button(text, onClick, { className: 'fire-link' }));
}
