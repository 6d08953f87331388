// The S-DoT panel (lower right while the sites layer shows): quantity, live / replay mode, the
// feed's status and the newest reading time, the replay controls (time slider, play, speed), a
// local file to replay, the legend, and the clicked site's readings with its time-series chart.
// It renders the model (sensorModel.ts) and calls back for every change the user makes.
import { DISPLAY_QUANTITIES, QUANTITY_UNITS, type SdotQuantity } from '../../../common/sdot/sdotQuantities.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { button, el } from '../dom.js';
import type { ReplayPlayer } from './replayPlayer.js';
import { timeSeriesChart } from './sensorChart.js';
import { cssColour, legendFor } from './sensorColours.js';
import { NO_READING_RGB, type SensorMode, type SensorModel } from './sensorModel.js';
import { bandName, quantityName, sensorText } from './sensorText.js';
import { seoulDateTime } from './sensorTime.js';

export interface SensorPanelActions {
  setQuantity(quantity: SdotQuantity): void;
  setMode(mode: SensorMode): void;
  /** A local file to replay. */
  openFile(file: File): void;
  /** The selected site's history (replay: from the player; live: from the host). */
  history(serial: string): Promise<SdotReading[]>;
}

const REPLAY_SPEEDS = [60, 600, 3600, 14400];

export class SensorPanel {
  readonly element = el('aside', { id: 'sensor-panel', className: 'panel', hidden: true });
  /** The selected site's details, rebuilt only when the selection, quantity or data changed. */
  private details: { key: string; element: HTMLElement } | null = null;
  /** One chart box per selected site and quantity, kept across rebuilds; at most one history request at a time. */
  private chart: { index: number; quantity: SdotQuantity; box: HTMLElement; loading: boolean; dirty: boolean } | null = null;

  constructor(
    private readonly model: SensorModel,
    private readonly surfaceRadiusKm: number,
    private readonly actions: SensorPanelActions,
  ) {
    document.body.append(this.element);
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  set shown(shown: boolean) {
    this.element.hidden = !shown;
    this.render();
  }

  render(): void {
    if (this.element.hidden) return;
    const m = this.model;
    const quantity = el(
      'select',
      { id: 'sensor-quantity' },
      ...DISPLAY_QUANTITIES.map((q) => el('option', { value: q, textContent: quantityName(q), selected: q === m.quantity })),
    );
    quantity.addEventListener('change', () => this.actions.setQuantity(quantity.value as SdotQuantity));
    const modes = el(
      'div',
      { className: 'sensor-mode' },
      ...(['live', 'replay'] as const).map((mode) =>
        button(sensorText(mode), () => this.actions.setMode(mode), {
          id: `sensor-mode-${mode}`,
          className: mode === m.mode ? 'chip active' : 'chip',
          disabled: mode === 'replay' && !m.player,
        }),
      ),
    );
    const time = m.lastReadingTime ? seoulDateTime(Date.parse(m.lastReadingTime)) : sensorText('noReadingYet');
    const children: HTMLElement[] = [
      el('h2', { textContent: sensorText('title') }),
      quantity,
      modes,
      el('div', { id: 'sensor-status', className: 'sensor-status', textContent: this.statusLine() }),
      el('div', { id: 'sensor-time', className: 'sensor-time', textContent: `${sensorText('time')}: ${time}` }),
    ];
    if (m.mode === 'replay' && m.player) children.push(replayControls(m.player));
    const file = el('input', { type: 'file', accept: '.csv,.json,.txt', hidden: true });
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (chosen) this.actions.openFile(chosen);
    });
    children.push(el('label', { className: 'chip sensor-file' }, file, sensorText('loadFile')));
    const legend = legendFor(m.quantity, bandName, QUANTITY_UNITS[m.quantity]).map((e) => ({ css: cssColour(e.colour), label: e.label }));
    legend.push({ css: cssColour(NO_READING_RGB), label: sensorText('noReadingYet') });
    children.push(
      el('ul', { className: 'sensor-legend' }, ...legend.map((e) => el('li', {}, swatch(e.css), e.label))),
      el('div', { className: 'sensor-note', textContent: sensorText('surfaceNote', { km: this.surfaceRadiusKm }) }),
    );
    if (m.selected !== null) {
      const key = `${m.selected}|${m.quantity}|${m.mode}|${m.dataVersion()}`;
      if (this.details?.key !== key) this.details = { key, element: this.siteDetails(m.selected) };
      children.push(this.details.element);
    }
    this.element.replaceChildren(...children);
  }

  private statusLine(): string {
    const m = this.model;
    const live = m.feed?.live;
    let liveText = '';
    if (m.mode === 'live') {
      if (!live) liveText = '…';
      else if (live.enabled) liveText = `${sensorText('live')}: ${live.state}${live.message ? ` — ${live.message}` : ''}`;
      else liveText = `${sensorText('liveOff')}: ${live.message ?? ''}`;
    }
    const { withValue, flagged, silent } = m.counts;
    return (
      `${m.serials.length}${sensorText('sites')}, ${withValue}${sensorText('withValue')}` +
      (flagged ? `, ${flagged} ${sensorText('flagged')}` : '') +
      (silent ? `, ${silent} ${sensorText('silent')}` : '') +
      (liveText ? ` · ${liveText}` : '')
    );
  }

  private siteDetails(index: number): HTMLElement {
    const m = this.model;
    const serial = m.serials[index];
    const close = button(sensorText('close'), () => {
      m.selected = null;
      this.details = null;
      this.chart = null;
      this.render();
    });
    const box = el('div', { id: 'sensor-details', className: 'sensor-details' }, el('div', {}, `${sensorText('serial')}: ${serial}`, ' ', close));
    const r = m.current.get(serial);
    if (!r) {
      box.append(sensorText('noReadingYet'));
    } else {
      const rows: Array<[string, string]> = [[sensorText('time'), seoulDateTime(Date.parse(r.time))]];
      for (const q of DISPLAY_QUANTITIES) {
        const v = r.values[q];
        rows.push([quantityName(q), v === undefined ? sensorText('noReading') : `${+v.toFixed(2)} ${QUANTITY_UNITS[q]}`]);
      }
      box.append(el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })])));
      if (r.flags.length) {
        box.append(`${sensorText('reasons')}:`, el('ul', { className: 'sensor-flags' }, ...r.flags.map((f) => el('li', { textContent: f.reason }))));
      }
    }
    box.append(this.chartBox(index));
    return box;
  }

  private chartBox(index: number): HTMLElement {
    const quantity = this.model.quantity;
    if (!this.chart || this.chart.index !== index || this.chart.quantity !== quantity) {
      const box = el('div', { textContent: `${sensorText('history')} (${quantityName(quantity)})…` });
      this.chart = { index, quantity, box, loading: false, dirty: true };
    }
    this.chart.dirty = true;
    this.refreshChart();
    return this.chart.box;
  }

  /** Loads the history once more if the data changed while a request ran. */
  private refreshChart(): void {
    const c = this.chart;
    if (!c || c.loading || !c.dirty) return;
    c.loading = true;
    c.dirty = false;
    this.actions
      .history(this.model.serials[c.index])
      .then(
        (hist) => {
          const svg = timeSeriesChart(hist, c.quantity, QUANTITY_UNITS[c.quantity]);
          const title = `${sensorText('history')} (${quantityName(c.quantity)})`;
          c.box.replaceChildren(title, svg.dataset.points === '0' ? ` — ${sensorText('noHistory')}` : svg);
        },
        (err: unknown) => (c.box.textContent = `${sensorText('history')}: ${(err as Error).message}`),
      )
      .finally(() => {
        c.loading = false;
        if (this.chart === c) this.refreshChart();
      });
  }

  destroy(): void {
    this.chart = null;
    this.details = null;
    this.element.remove();
  }
}

function swatch(css: string): HTMLElement {
  const s = el('span', { className: 'swatch' });
  s.style.backgroundColor = css;
  return s;
}

function replayControls(p: ReplayPlayer): HTMLElement {
  const slider = el('input', { type: 'range', id: 'sensor-replay-time', min: String(p.start), max: String(p.end), step: '60000', value: String(p.time) });
  slider.addEventListener('input', () => p.seek(Number(slider.value)));
  const play = button(p.playing ? sensorText('pause') : sensorText('play'), () => (p.playing ? p.pause() : p.play()), { id: 'sensor-replay-play' });
  const speed = el(
    'select',
    { id: 'sensor-replay-speed', title: sensorText('speed') },
    ...REPLAY_SPEEDS.map((s) => el('option', { value: String(s), textContent: `×${s}`, selected: s === p.speed })),
  );
  speed.addEventListener('change', () => (p.speed = Number(speed.value)));
  return el('div', { className: 'sensor-replay' }, slider, play, speed, el('div', { textContent: seoulDateTime(p.time) }));
}
