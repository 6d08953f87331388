// The fire panel (lower right): a clicked facility with its live status, a clicked building's
// coverage and hazard factors, or the coverage summary with exports, gap list and the formula.
import { button, el, singleton } from '../dom.js';
import { locale } from '../i18n.js';
import { HAZARD_FORMULA, HAZARD_WEIGHTS } from '../../../workers/fire/hazard.js';
import type { Row } from '../../../common/tableFormats.js';
import { ZONE_ASSUMPTION_NOTE } from '../../../workers/fire/zoneRule.js';
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

const fmtM = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toLocaleString(locale(), { maximumFractionDigits: 1 })} m` : '—');
const fixed = (v: unknown, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '—');
const buildingName = (row: Row) => String(row.name || row.building_id);

export function renderBuildingCoverage(panel: HTMLElement, data: CoverageData, i: number, onClose: () => void): void {
  const c = data.coverage.rows[i];
  const h = data.hazardById.get(String(c.building_id)) ?? {};
  const rows: Array<[string, string, string?]> = [
    ['', buildingName(c)],
    [fireText('distance'), fmtM(c.distance_m), 'distance'],
    [fireText('limit'), fmtM(c.limit_m), 'limit'],
    [fireText('zoneAssumed'), `${String(c.zone_assumed)} (${String(c.use || '?')})`, 'zone'],
    ['', c.covered === true ? fireText('covered') : fireText('gap'), 'coverage'],
    [fireText('nearest'), String(c.nearest_facility_no ?? '')],
    [fireText('hazard'), fixed(h.score, 1), 'hazard'],
  ];
  const factors: Array<[string, string, string?]> = [
    [`H ×${HAZARD_WEIGHTS.height}`, fixed(h.height_factor, 2), 'factor-height'],
    [`F ×${HAZARD_WEIGHTS.floors}`, fixed(h.floors_factor, 2), 'factor-floors'],
    [`U ×${HAZARD_WEIGHTS.use}`, fixed(h.use_factor, 2), 'factor-use'],
    [`D ×${HAZARD_WEIGHTS.hydrant}`, fixed(h.hydrant_factor, 2), 'factor-hydrant'],
    [`N ×${HAZARD_WEIGHTS.density}`, `${fixed(h.density_factor, 2)} (${String(h.neighbours ?? '—')})`, 'factor-density'],
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
    const n = data.coverage.rows.length;
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
      el('b', { textContent: String(data.coveredCount) }),
      ' · ',
      swatch(GAP_COLOUR),
      `${fireText('gap')}: `,
      el('b', { textContent: String(data.gapCount) }),
      ` / ${n} ${fireText('buildings')}`,
    );
    const buttons = el(
      'div',
      { className: 'fire-buttons' },
      button(fireText('exportCsv'), actions.exportCsv, { id: 'fire-export-csv' }),
      button(fireText('exportGeojson'), actions.exportGeoJson, { id: 'fire-export-geojson' }),
    );
    const distance = (i: number) => (data.coverage.rows[i].distance_m as number | null) ?? Infinity;
    const gapIdx = [...Array(n).keys()]
      .filter((i) => data.coverage.rows[i].covered !== true)
      .sort((a, b) => distance(b) - distance(a))
      .slice(0, 15);
    const gaps = el(
      'ol',
      { className: 'fire-list' },
      ...gapIdx.map((i) => {
        const c = data.coverage.rows[i];
        return listItem(`${buildingName(c)} — ${fmtM(c.distance_m)} / ${fmtM(c.limit_m)}`, () => actions.select(i));
      }),
    );
    const hazards = el(
      'ol',
      { className: 'fire-list' },
      ...data.ranking
        .slice(0, 10)
        .map((h) => listItem(`${fixed(h.score, 1)} — ${buildingName(h)}`, () => actions.select(data.indexById.get(String(h.building_id)) ?? -1))),
    );
    parts.push(
      summary,
      el('p', { className: 'fire-note', textContent: ZONE_ASSUMPTION_NOTE }),
      buttons,
      el('h2', { textContent: `${fireText('gapList')} (${data.gapCount})` }),
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
