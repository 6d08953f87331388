// The exhibition (kiosk) mode, on with ?mode=kiosk (Electron's --kiosk loads that URL):
// applyKioskShell() runs first thing (styles, lock-down, error logging); setUpKiosk() once the
// viewer and layers exist: the attract tour, the big buttons, the idle reset and the recovery.
//
// States: attract (tour playing) -> a touch, click, wheel or key -> interactive -> no input for
// idleSeconds -> reset (camera home, layers and language and clock as at start, panels closed,
// flights cancelled, focus dropped) -> attract.
import { Cartographic, JulianDate, Math as CesiumMath, type CesiumWidget } from 'cesium';
import { TOUR_ROUTE, type TourFile } from '../../../common/tourFormat.js';
import type { BuildingInfoPanel } from '../buildingInfo.js';
import { on } from '../dom.js';
import { setLanguage } from '../i18n.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { LayerRegistry } from '../mapLayer.js';
import { installWindowHook } from '../windowHook.js';
import { AttractTour, createCaptionElement } from './attractTour.js';
import { hostLog, recentLogLines } from './hostLog.js';
import { countsAsInput, KioskIdle } from './kioskIdle.js';
import { setUpKioskBar, type KioskBar } from './kioskBar.js';
import { readKioskSettings, type KioskSettings } from './kioskSettings.js';
import { installKioskStyles } from './kioskStyles.js';
import type { KioskTestHook } from './kioskTestHookApi.js';
import { installLockdown } from './lockdown.js';
import { installRecovery, recoverByReload, recoveryHistory } from './recovery.js';

let settings: KioskSettings | null = null;

/** In kiosk mode, installs the kiosk's page shell and returns it (destroy() lifts it); else null. */
export function applyKioskShell(): Destroyable | null {
  settings ??= readKioskSettings();
  if (!settings.kiosk) return null;
  const life = new Disposer();
  life.add(installKioskStyles());
  life.add(installLockdown());
  hostLog('info', `kiosk started: tour ${settings.tour}, idle reset after ${settings.idleSeconds} s, ${navigator.userAgent}`);
  // A start that failed (no WebGL, no city build) shows its message; a kiosk tries again later.
  const startWatch = setInterval(() => {
    const error = (window as unknown as { __vseoul?: { error: string | null } }).__vseoul?.error;
    if (error) {
      clearInterval(startWatch);
      recoverByReload(`start failed: ${error}`);
    }
  }, 5000);
  life.add(() => clearInterval(startWatch));
  return life;
}

export interface KioskSources {
  viewer: CesiumWidget;
  registry: LayerRegistry;
  home(): void;
  buildingInfo: BuildingInfoPanel;
}

async function loadTour(name: string): Promise<TourFile> {
  const response = await fetch(new URL(`${TOUR_ROUTE}${name}`, location.href), { headers: { Accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as (TourFile & { error?: string }) | null;
  if (!response.ok || !body) throw new Error(body?.error ?? `the host answered ${response.status}`);
  return body;
}

/** The kiosk's attract loop, buttons, idle reset and recovery (kiosk mode only: else null). */
export function setUpKiosk(sources: KioskSources): Destroyable | null {
  if (!settings?.kiosk) return null;
  const cfg = settings;
  const { viewer, registry } = sources;
  const life = new Disposer();
  life.add(installRecovery(viewer));
  const initialLayers = new Map(registry.layers.map((l) => [l.id, l.visible]));
  const initialTime = JulianDate.clone(viewer.clock.currentTime);
  const idle = new KioskIdle(cfg.idleSeconds * 1000, performance.now());
  let tour: AttractTour | null = null;
  let bar: KioskBar | null = null;
  let stopsShown = 0;
  let lastStop: string | null = null;
  life.add(() => {
    tour?.destroy();
    bar?.destroy();
  });

  const reset = (why: string) => {
    tour?.stop();
    viewer.camera.cancelFlight();
    (document.activeElement as HTMLElement | null)?.blur?.();
    sources.buildingInfo.clear();
    for (const dialog of document.querySelectorAll('dialog[open]')) (dialog as HTMLDialogElement).close();
    for (const layer of registry.layers) {
      if (layer.state === 'ready') registry.setVisible(layer.id, initialLayers.get(layer.id) ?? false);
    }
    setLanguage(cfg.language);
    viewer.clock.shouldAnimate = false;
    viewer.clock.currentTime = JulianDate.clone(initialTime);
    viewer.scene.maximumRenderTimeChange = Infinity;
    bar?.reset();
    sources.home();
    viewer.scene.requestRender();
    idle.reset();
    hostLog('info', `kiosk reset (${why}); attract loop`);
    tour?.start();
  };

  const onInput = (e: Event) => {
    if (!countsAsInput(e.type, e instanceof PointerEvent ? e : undefined)) return;
    if (idle.input(performance.now())) {
      tour?.stop();
      hostLog('info', `kiosk: visitor input (${e.type}) interrupted the attract loop`);
    }
  };
  for (const type of ['pointerdown', 'pointermove', 'touchstart', 'wheel', 'keydown', 'click']) {
    life.add(on(window as EventTarget, type, onInput, { capture: true, passive: true }));
  }
  // One cheap check a second instead of re-arming a timer on every pointer move.
  life.interval(() => {
    if (idle.idleExpired(performance.now())) reset(`idle for ${cfg.idleSeconds} s`);
    const id = tour?.stopId ?? null;
    if (id !== null && id !== lastStop) stopsShown++;
    lastStop = id;
  }, 250);

  const hook: KioskTestHook = {
    get state() {
      return idle.state;
    },
    get stopId() {
      return idle.state === 'attract' ? (tour?.stopId ?? null) : null;
    },
    get stopLayers() {
      return idle.state === 'attract' ? (tour?.stopLayers ?? null) : null;
    },
    get resets() {
      return idle.resets;
    },
    get stopsShown() {
      return stopsShown;
    },
    idleSeconds: cfg.idleSeconds,
    get recoveries() {
      return recoveryHistory();
    },
    get log() {
      return recentLogLines();
    },
    camera() {
      const c = Cartographic.fromCartesian(viewer.camera.positionWC);
      return {
        lon: CesiumMath.toDegrees(c.longitude),
        lat: CesiumMath.toDegrees(c.latitude),
        height: c.height,
        heading: CesiumMath.toDegrees(viewer.camera.heading),
        pitch: CesiumMath.toDegrees(viewer.camera.pitch),
      };
    },
    ...(cfg.test
      ? {
          injectRenderFault() {
            // A primitive whose update throws: the failure happens inside Cesium's render pass,
            // exactly where a real bug in a layer would, and Cesium raises scene.renderError.
            viewer.scene.primitives.add({
              update() {
                throw new Error('injected render fault (kiosk test hook)');
              },
              isDestroyed: () => false,
              destroy() {},
            });
            viewer.scene.requestRender();
          },
        }
      : {}),
  };
  life.add(installWindowHook('__vseoulKiosk', hook));

  loadTour(cfg.tour).then(
    (file) => {
      if (life.destroyed) return;
      tour = new AttractTour(viewer, registry, file, createCaptionElement());
      bar = setUpKioskBar(viewer, registry, file.buttons);
      hostLog('info', `tour ${file.id}: ${file.stops.length} stops`);
      if (idle.tourReady()) tour.start();
    },
    (err: unknown) => {
      if (life.destroyed) return;
      idle.tourFailed();
      recoverByReload(`tour "${cfg.tour}" could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    },
  );
  return life;
}
