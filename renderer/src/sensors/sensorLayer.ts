// The S-DoT sensor layer: the 851 sites coloured by a chosen quantity, the interpolated surface,
// a panel with the quantity selector, mode (live / replay with time slider and speed), legend and
// the clicked site's readings with a time-series chart. Sites without a reading are drawn grey
// as "no reading yet"; rejected values are drawn as such (red ring), silent sensors with an
// orange ring. Nothing here makes up a reading.
import {
  Cartesian3,
  Color,
  NearFarScalar,
  PointPrimitiveCollection,
  SceneTransforms,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
  type PointPrimitive,
} from 'cesium';
import type { CityManifest } from '../../../common/buildFormat.js';
import { DISPLAY_QUANTITIES, QUANTITY_UNITS, type SdotQuantity } from '../../../common/sdot/sdotQuantities.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { parseReplayText } from '../../../common/sdot/replayText.js';
import { loadPointLayer } from '../fire/pointLayerData.js';
import { onLanguageChange } from '../i18n.js';
import type { LayerRegistry, LayerState, MapLayer } from '../mapLayer.js';
import { ReplayPlayer } from './replayPlayer.js';
import { timeSeriesChart } from './sensorChart.js';
import { colourFor, cssColour, legendFor } from './sensorColours.js';
import { SdotFeedClient } from './sensorFeedClient.js';
import { SensorSurface, SURFACE_RADIUS_M } from './sensorSurface.js';
import { surfaceGrid } from '../../../workers/sensors/surfaceGrid.js';
import { bandName, quantityName, st } from './sensorText.js';
import type { SensorTestHook } from './sensorTestHookApi.js';
import { seoulDateTime } from './sensorTime.js';
import { cityFileUrl } from '../cityUrl.js';
import { fromWgs84 } from '../../../common/crs.js';
import type { WindSite } from '../../../workers/wind/sdotInflow.js';

export const SITES_LAYER_ID = 'sdot-sites';
export const SURFACE_LAYER_ID = 'sdot-surface';

const NO_READING_RGB = [138, 143, 152] as const;
const NO_READING = Color.fromBytes(...NO_READING_RGB);
const NO_READING_CSS = cssColour(NO_READING_RGB);
const FLAG_RING = Color.fromCssColorString('#ff3b30');
const SILENT_RING = Color.fromCssColorString('#ff9f0a');
const PLAIN_RING = Color.fromCssColorString('#1c1f24');

class SensorMapLayer implements MapLayer {
  state: LayerState = 'loading';
  problem: string | null = null;
  constructor(
    readonly id: string,
    private readonly text: () => string,
    public visible: boolean,
    readonly apply: (v: boolean) => void,
  ) {}
  label(): string {
    return this.text();
  }
  setVisible(v: boolean): void {
    this.apply(v);
  }
}

/** What the sensor layer shows now, for other tools (the wind panel's S-DoT inflow). */
export interface SdotSnapshot {
  mode: 'live' | 'replay';
  /** Every site of the build, in EPSG:5186. */
  sites: WindSite[];
  /** The readings drawn now (live: latest per sensor; replay: the player's hour). */
  readings: readonly SdotReading[];
}

export interface SensorLayerHandle {
  /** Null until the sites have loaded (or when the build has none). */
  snapshot(): SdotSnapshot | null;
}

export function setUpSensorLayer(viewer: CesiumWidget, manifest: CityManifest, cityBaseUrl: string, registry: LayerRegistry): SensorLayerHandle {
  const info = manifest.pointLayers?.find((l) => l.id === SITES_LAYER_ID);
  const panel = document.createElement('aside');
  panel.id = 'sensor-panel';
  panel.className = 'panel';
  panel.hidden = true;
  document.body.append(panel);

  let sitesVisible = info?.defaultVisible ?? false;
  let surface: SensorSurface | null = null;
  const sitesLayer = new SensorMapLayer(
    SITES_LAYER_ID,
    () => st('layerSites'),
    sitesVisible,
    (v) => {
      sitesVisible = v;
      points.show = v;
      panel.hidden = !v;
      refresh();
    },
  );
  const surfaceLayer = new SensorMapLayer(
    SURFACE_LAYER_ID,
    () => st('layerSurface'),
    false,
    (v) => {
      surface?.setVisible(v);
      surfaceSignature = '';
      void recomputeSurface();
    },
  );
  registry.add(sitesLayer);
  registry.add(surfaceLayer);
  if (!info) {
    for (const l of [sitesLayer, surfaceLayer]) {
      l.state = 'missing';
      l.problem = 'No S-DoT sites in this city build (rebuild with "npm run build:city")';
    }
    registry.changed();
    return { snapshot: () => null };
  }

  const points = viewer.scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
  points.show = sitesVisible;
  // The API lives at the page's origin (http://127.0.0.1:port/ or vseoul://app/).
  const client = new SdotFeedClient(new URL('.', document.baseURI).href);
  let serials: string[] = [];
  let sitePoints: PointPrimitive[] = [];
  let lonLat: Float64Array = new Float64Array(0);
  const indexOf = new Map<string, number>();
  let quantity: SdotQuantity = 'pm25';
  let mode: 'live' | 'replay' = 'live';
  let player: ReplayPlayer | null = null;
  let selected: number | null = null;
  let redraws = 0;
  let detailsCache: { key: string; index: number; quantity: SdotQuantity; el: HTMLElement } | null = null;
  let surfaceSignature = '';
  let counts = { withValue: 0, flagged: 0, silent: 0 };
  let lastReadingTime: string | null = null;
  const colours = new Map<string, string>();
  let current = new Map<string, SdotReading>();

  const hook: SensorTestHook = {
    get siteCount() {
      return serials.length;
    },
    get drawnSites() {
      return points.show ? sitePoints.filter((p) => p.show).length : 0;
    },
    get quantity() {
      return quantity;
    },
    get mode() {
      return mode;
    },
    get withValue() {
      return counts.withValue;
    },
    get flagged() {
      return counts.flagged;
    },
    get silent() {
      return counts.silent;
    },
    get redraws() {
      return redraws;
    },
    get feedVersion() {
      return client.state?.version ?? null;
    },
    get surface() {
      return surface?.last ?? null;
    },
    colourOf(serial) {
      return colours.get(serial) ?? null;
    },
    windowPositionOf(serial) {
      const i = indexOf.get(serial);
      if (i === undefined) return null;
      const p = SceneTransforms.worldToWindowCoordinates(viewer.scene, sitePoints[i].position);
      if (!p) return null;
      const rect = viewer.scene.canvas.getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    get lastReadingTime() {
      return lastReadingTime;
    },
  };
  Object.defineProperty(window, '__vseoulSensors', { value: Object.freeze(hook), configurable: false, writable: false });

  function readings(): SdotReading[] {
    if (mode === 'replay') return player?.current() ?? [];
    return client.state?.latest ?? [];
  }

  function redraw(): void {
    current = new Map(readings().map((r) => [r.serial, r]));
    const silent = new Set(mode === 'live' ? (client.state?.silent ?? []).map((s) => s.serial) : []);
    counts = { withValue: 0, flagged: 0, silent: 0 };
    let newest = -Infinity;
    serials.forEach((serial, i) => {
      const p = sitePoints[i];
      const r = current.get(serial);
      const v = r?.values[quantity];
      let fill = NO_READING;
      let css = NO_READING_CSS;
      let ring = PLAIN_RING;
      if (r && Date.parse(r.time) > newest) newest = Date.parse(r.time);
      if (v !== undefined) {
        const rgb = colourFor(quantity, v);
        fill = Color.fromBytes(rgb[0], rgb[1], rgb[2]);
        css = cssColour(rgb);
        counts.withValue++;
      } else if (r && r.flags.some((f) => f.quantity === quantity || f.quantity === '*')) {
        ring = FLAG_RING;
        counts.flagged++;
      }
      if (silent.has(serial)) {
        ring = SILENT_RING;
        counts.silent++;
      }
      p.color = fill;
      p.outlineColor = ring;
      colours.set(serial, css);
    });
    lastReadingTime = Number.isFinite(newest) ? new Date(newest).toISOString() : null;
    redraws++;
    renderPanel();
    // Status-only changes (polling, ok) redraw the panel but do not recompute the surface.
    const signature = `${mode}|${quantity}|${mode === 'live' ? (client.state?.counts.accepted ?? 0) : (player?.time ?? 0)}|${surface?.visible}`;
    if (signature !== surfaceSignature) {
      surfaceSignature = signature;
      void recomputeSurface();
    }
    viewer.scene.requestRender();
  }

  async function recomputeSurface(): Promise<void> {
    if (!surface) return;
    const pts = [];
    for (const [serial, r] of current) {
      const i = indexOf.get(serial);
      const v = r.values[quantity];
      if (i === undefined || v === undefined) continue;
      pts.push({ lon: lonLat[2 * i], lat: lonLat[2 * i + 1], value: v });
    }
    try {
      await surface.update(pts, quantity);
      renderPanel();
    } catch (err) {
      surfaceLayer.problem = `surface failed: ${(err as Error).message}`;
      console.warn(surfaceLayer.problem);
    }
  }

  // ---- panel ----
  function renderPanel(): void {
    if (panel.hidden) return;
    const h = (tag: string, text?: string, cls?: string) => {
      const e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    };
    const title = h('h2', st('title'));
    const select = document.createElement('select');
    select.id = 'sensor-quantity';
    for (const q of DISPLAY_QUANTITIES) {
      const o = document.createElement('option');
      o.value = q;
      o.textContent = quantityName(q);
      o.selected = q === quantity;
      select.append(o);
    }
    select.addEventListener('change', () => {
      quantity = select.value as SdotQuantity;
      redraw();
    });
    const modeRow = h('div', undefined, 'sensor-mode');
    for (const m of ['live', 'replay'] as const) {
      const b = h('button', st(m), 'chip') as HTMLButtonElement;
      b.type = 'button';
      b.id = `sensor-mode-${m}`;
      b.disabled = m === 'replay' && !player;
      if (m === mode) b.classList.add('active');
      b.addEventListener('click', () => {
        mode = m;
        if (m === 'live') player?.pause();
        redraw();
      });
      modeRow.append(b);
    }
    const status = h('div', undefined, 'sensor-status');
    status.id = 'sensor-status';
    const live = client.state?.live;
    const liveText =
      mode === 'live'
        ? live
          ? live.enabled
            ? `${st('live')}: ${live.state}${live.message ? ` — ${live.message}` : ''}`
            : `${st('liveOff')}: ${live.message ?? ''}`
          : '…'
        : '';
    status.textContent =
      `${serials.length}${st('sites')}, ${counts.withValue}${st('withValue')}` +
      (counts.flagged ? `, ${counts.flagged} ${st('flagged')}` : '') +
      (counts.silent ? `, ${counts.silent} ${st('silent')}` : '') +
      (liveText ? ` · ${liveText}` : '');
    const time = h('div', `${st('time')}: ${lastReadingTime ? seoulDateTime(Date.parse(lastReadingTime)) : st('noReadingYet')}`, 'sensor-time');
    time.id = 'sensor-time';
    const children: HTMLElement[] = [title, select, modeRow, status, time];
    if (mode === 'replay' && player) children.push(replayControls(player));
    const file = h('label', undefined, 'chip sensor-file');
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.json,.txt';
    input.hidden = true;
    input.addEventListener('change', () => void loadLocalFile(input.files?.[0] ?? null));
    file.append(input, document.createTextNode(st('loadFile')));
    children.push(file);
    const legend = h('ul', undefined, 'sensor-legend');
    for (const e of legendFor(quantity, bandName, QUANTITY_UNITS[quantity])) {
      const li = h('li');
      const sw = h('span', undefined, 'swatch');
      sw.style.backgroundColor = cssColour(e.colour);
      li.append(sw, document.createTextNode(e.label));
      legend.append(li);
    }
    const noRead = h('li');
    const sw = h('span', undefined, 'swatch');
    sw.style.backgroundColor = NO_READING_CSS;
    noRead.append(sw, document.createTextNode(st('noReadingYet')));
    legend.append(noRead);
    children.push(legend, h('div', st('surfaceNote')(SURFACE_RADIUS_M / 1000), 'sensor-note'));
    if (selected !== null) {
      // Rebuilt only when the selection, quantity or data changed (the chart box is kept: chartBoxFor).
      const key = `${selected}|${quantity}|${mode}|${mode === 'live' ? (client.state?.counts.accepted ?? 0) : (player?.time ?? 0)}`;
      if (!detailsCache || detailsCache.key !== key) {
        detailsCache = { key, index: selected, quantity, el: details(selected) };
      }
      children.push(detailsCache.el);
    }
    panel.replaceChildren(...children);
  }

  function replayControls(p: ReplayPlayer): HTMLElement {
    const box = document.createElement('div');
    box.className = 'sensor-replay';
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.id = 'sensor-replay-time';
    slider.min = String(p.start);
    slider.max = String(p.end);
    slider.step = '60000';
    slider.value = String(p.time);
    slider.addEventListener('input', () => p.seek(Number(slider.value)));
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'chip';
    play.id = 'sensor-replay-play';
    play.textContent = p.playing ? st('pause') : st('play');
    play.addEventListener('click', () => (p.playing ? p.pause() : p.play()));
    const speed = document.createElement('select');
    speed.id = 'sensor-replay-speed';
    speed.title = st('speed');
    for (const s of [60, 600, 3600, 14400]) {
      const o = document.createElement('option');
      o.value = String(s);
      o.textContent = `×${s}`;
      o.selected = s === p.speed;
      speed.append(o);
    }
    speed.addEventListener('change', () => (p.speed = Number(speed.value)));
    const at = document.createElement('div');
    at.textContent = seoulDateTime(p.time);
    box.append(slider, play, speed, at);
    return box;
  }

  function details(i: number): HTMLElement {
    const serial = serials[i];
    const box = document.createElement('div');
    box.className = 'sensor-details';
    box.id = 'sensor-details';
    const r = current.get(serial);
    const head = document.createElement('div');
    head.textContent = `${st('serial')}: ${serial}`;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'chip';
    close.textContent = st('close');
    close.addEventListener('click', () => {
      selected = null;
      detailsCache = null;
      chart = null;
      renderPanel();
    });
    head.append(' ', close);
    box.append(head);
    if (!r) {
      box.append(document.createTextNode(st('noReadingYet')));
    } else {
      const dl = document.createElement('dl');
      const add = (k: string, v: string) => {
        const dt = document.createElement('dt');
        dt.textContent = k;
        const dd = document.createElement('dd');
        dd.textContent = v;
        dl.append(dt, dd);
      };
      add(st('time'), seoulDateTime(Date.parse(r.time)));
      for (const q of DISPLAY_QUANTITIES) {
        const v = r.values[q];
        add(quantityName(q), v === undefined ? st('noReading') : `${+v.toFixed(2)} ${QUANTITY_UNITS[q]}`);
      }
      box.append(dl);
      if (r.flags.length) {
        const ul = document.createElement('ul');
        ul.className = 'sensor-flags';
        for (const f of r.flags) {
          const li = document.createElement('li');
          li.textContent = f.reason;
          ul.append(li);
        }
        box.append(document.createTextNode(`${st('reasons')}:`), ul);
      }
    }
    box.append(chartBoxFor(i));
    return box;
  }

  // One chart box per selected site and quantity, kept across panel rebuilds; at most one history
  // request at a time, re-run once if data changed meanwhile.
  let chart: { index: number; quantity: SdotQuantity; box: HTMLElement; loading: boolean; dirty: boolean } | null = null;
  function chartBoxFor(i: number): HTMLElement {
    if (!chart || chart.index !== i || chart.quantity !== quantity) {
      const box = document.createElement('div');
      box.textContent = `${st('history')} (${quantityName(quantity)})…`;
      chart = { index: i, quantity, box, loading: false, dirty: true };
    }
    chart.dirty = true;
    refreshChart();
    return chart.box;
  }
  function refreshChart(): void {
    const c = chart;
    if (!c || c.loading || !c.dirty) return;
    c.loading = true;
    c.dirty = false;
    const serial = serials[c.index];
    const history = mode === 'replay' && player ? Promise.resolve(player.historyOf(serial)) : client.history(serial);
    history
      .then(
        (hist) => {
          const svg = timeSeriesChart(hist, c.quantity, QUANTITY_UNITS[c.quantity]);
          const title = document.createTextNode(`${st('history')} (${quantityName(c.quantity)})`);
          c.box.replaceChildren(title, svg.dataset.points === '0' ? document.createTextNode(` — ${st('noHistory')}`) : svg);
        },
        (err: unknown) => (c.box.textContent = `${st('history')}: ${(err as Error).message}`),
      )
      .finally(() => {
        c.loading = false;
        if (chart === c) refreshChart();
      });
  }

  function usePlayer(readingsIn: SdotReading[]): void {
    if (readingsIn.length === 0) return;
    player?.pause();
    player = new ReplayPlayer(readingsIn);
    player.onChange(() => redraw());
    mode = 'replay';
    redraw();
  }

  async function loadLocalFile(file: File | null): Promise<void> {
    if (!file) return;
    const parsed = parseReplayText(await file.text(), file.name);
    for (const r of parsed.rejected.slice(0, 20)) console.warn(`S-DoT replay ${r.at}: ${r.reason}`);
    usePlayer(parsed.readings);
  }

  // ---- load ----
  const url = (p: string) => cityFileUrl(cityBaseUrl, manifest, p);
  loadPointLayer(info, url)
    .then(async (data) => {
      const cols = await data.attributes();
      serials = cols['serial'] ?? [];
      lonLat = data.lonLat;
      sitePoints = serials.map((serial, i) => {
        indexOf.set(serial, i);
        return points.add({
          position: Cartesian3.fromDegrees(lonLat[2 * i], lonLat[2 * i + 1], 40),
          pixelSize: 9,
          color: NO_READING,
          outlineColor: PLAIN_RING,
          outlineWidth: 2,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
          scaleByDistance: new NearFarScalar(1_000, 1.4, 60_000, 0.7),
          id: { sdotSite: i },
        });
      });
      surface = new SensorSurface(viewer, surfaceGrid(lonLat));
      surface.setVisible(surfaceLayer.visible);
      sitesLayer.state = 'ready';
      surfaceLayer.state = 'ready';
      registry.changed();
      panel.hidden = !sitesVisible;
      client.onChange(() => {
        if (mode === 'live') redraw();
        else renderPanel();
      });
      client.connect();
      redraw();
      try {
        const replay = await client.replay();
        for (const f of replay.files) if (f.problem) console.warn(`S-DoT replay ${f.file}: ${f.problem}`);
        if (replay.readings.length) {
          player = new ReplayPlayer(replay.readings);
          player.onChange(() => redraw());
          renderPanel();
        }
      } catch (err) {
        console.warn(`S-DoT replay not available: ${(err as Error).message}`);
      }
    })
    .catch((err: unknown) => {
      for (const l of [sitesLayer, surfaceLayer]) {
        l.state = 'failed';
        l.problem = (err as Error).message;
      }
      registry.changed();
    });

  const handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
  handler.setInputAction((click: ScreenSpaceEventHandler.PositionedEvent) => {
    if (!points.show) return;
    const picked = viewer.scene.pick(click.position) as { id?: { sdotSite?: number } } | undefined;
    const i = picked?.id?.sdotSite;
    if (typeof i === 'number') {
      selected = i;
      renderPanel();
    }
  }, ScreenSpaceEventType.LEFT_CLICK);
  onLanguageChange(() => renderPanel());

  function refresh(): void {
    renderPanel();
    viewer.scene.requestRender();
  }

  let sites5186: WindSite[] | null = null;
  return {
    snapshot() {
      if (!serials.length) return null;
      sites5186 ??= serials.map((serial, i) => {
        const [x, y] = fromWgs84('EPSG:5186', lonLat[2 * i], lonLat[2 * i + 1]);
        return { serial, x, y };
      });
      return { mode, sites: sites5186, readings: readings() };
    },
  };
}

declare global {
  interface Window {
    __vseoulSensors?: SensorTestHook;
  }
}
