// The attract loop: flies the camera from stop to stop of a tour file, shows each stop's layers
// and a large bilingual caption, waits, and goes on, round and round, until stop() (a touch).
// Stops whose required layers (e.g. precomputed analysis results) are not available are skipped
// with one log line per page load; so are single missing layers of a stop. Nothing is created per
// stop: one caption element, one pending timer, Cesium's own flight — a week of loops leaks nothing.
import { Cartesian3, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { TourFile, TourStop } from '../../../common/tourFormat.js';
import { el } from '../dom.js';
import { language, onLanguageChange } from '../i18n.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { LayerRegistry } from '../mapLayer.js';
import { hostLog } from './hostLog.js';
import { kioskText } from './kioskText.js';
import { nextStop, stopLayerStates } from './tourSequence.js';

export class AttractTour implements Destroyable {
  private running = false;
  private index = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly logged = new Set<string>();
  /** Every layer some stop names: the tour turns these on and off; other layers keep their state. */
  private readonly managed: string[];
  private loops = 0;
  private shown: Record<string, boolean> | null = null;
  private readonly life = new Disposer();

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly registry: LayerRegistry,
    private readonly tour: TourFile,
    private readonly caption: HTMLElement,
  ) {
    this.managed = [...new Set(tour.stops.flatMap((s) => s.layers))];
    this.life.add(onLanguageChange(() => this.renderCaption()));
    // A layer that finishes loading during a stop gets the stop's setting at once, so the first
    // loop after a start looks like every later one.
    this.life.add(
      registry.onChange(() => {
        if (this.running && this.index >= 0) this.applyLayers(this.tour.stops[this.index], false);
      }),
    );
  }

  get isRunning(): boolean {
    return this.running;
  }
  get stopIndex(): number {
    return this.index;
  }
  get stopId(): string | null {
    return this.running && this.index >= 0 ? this.tour.stops[this.index].id : null;
  }
  /** Layer visibility as the current stop set it up (for the kiosk's test hook). */
  get stopLayers(): Record<string, boolean> | null {
    return this.running ? this.shown : null;
  }
  get loopCount(): number {
    return this.loops;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.index = -1;
    this.next();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
    this.viewer.camera.cancelFlight();
    this.caption.hidden = true;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    hostLog('warn', message);
  }

  private available(id: string): boolean {
    return this.registry.get(id)?.state === 'ready';
  }

  /** Plays the next playable stop (all skipped: wait, retry). */
  private next(): void {
    if (!this.running) return;
    const stops = this.tour.stops;
    const next = nextStop(stops, this.index, (id) => this.available(id));
    this.loops += next.wraps;
    for (const { index, missing } of next.skipped) {
      const id = stops[index].id;
      this.logOnce(`skip:${id}`, `tour ${this.tour.id}: stop "${id}" skipped, layer ${missing.join(', ')} not available`);
    }
    if (next.index === null) {
      this.logOnce('all-skipped', `tour ${this.tour.id}: every stop needs a layer that is not available; retrying in 30 s`);
      this.timer = setTimeout(() => this.next(), 30_000);
      return;
    }
    this.index = next.index;
    this.play(stops[next.index]);
  }

  private play(stop: TourStop): void {
    this.applyLayers(stop, true);
    // What the stop asks for (tour layers) and every other layer's switch, loaded yet or not.
    this.shown = stopLayerStates(this.registry.layers, this.managed, stop);
    this.renderCaption();
    const { lon, lat, height, heading, pitch } = stop.camera;
    const dwell = () => {
      this.clearTimer();
      if (this.running) this.timer = setTimeout(() => this.next(), stop.dwellSeconds * 1000);
    };
    // A flight that neither completes nor cancels (a stalled frame loop) must not stop the tour.
    this.clearTimer();
    this.timer = setTimeout(dwell, (stop.flightSeconds + 5) * 1000);
    this.viewer.camera.flyTo({
      destination: Cartesian3.fromDegrees(lon, lat, height),
      orientation: { heading: CesiumMath.toRadians(heading), pitch: CesiumMath.toRadians(pitch), roll: 0 },
      duration: stop.flightSeconds,
      complete: dwell,
    });
    this.viewer.scene.requestRender();
  }

  private applyLayers(stop: TourStop, logMissing: boolean): void {
    for (const id of this.managed) {
      const wanted = stop.layers.includes(id);
      if (this.available(id)) {
        if (this.registry.get(id)!.visible !== wanted) this.registry.setVisible(id, wanted);
      } else if (wanted && logMissing) {
        this.logOnce(`layer:${stop.id}:${id}`, `tour ${this.tour.id}: stop "${stop.id}" shows without layer ${id} (not available yet)`);
      }
    }
  }

  /** Stops, and removes its caption and subscriptions. */
  destroy(): void {
    this.stop();
    this.life.destroy();
    this.caption.remove();
  }

  private renderCaption(): void {
    if (!this.running || this.index < 0) {
      this.caption.hidden = true;
      return;
    }
    const { caption } = this.tour.stops[this.index];
    const [first, second] = language() === 'ko' ? [caption.ko, caption.en] : [caption.en, caption.ko];
    const [primary, secondary, hint] = this.caption.children as unknown as HTMLElement[];
    primary.textContent = first;
    secondary.textContent = second;
    hint.textContent = kioskText('touchHint');
    this.caption.hidden = false;
  }
}

/** The caption element the tour reuses for every stop. */
export function createCaptionElement(): HTMLElement {
  const caption = el(
    'div',
    { id: 'kiosk-caption', hidden: true, attrs: { 'aria-live': 'polite' } },
    ...['primary', 'secondary', 'hint'].map((className) => el('div', { className })),
  );
  document.body.append(caption);
  return caption;
}
