// The kiosk's few big buttons: one per tour-file button (layers such as fire hydrants, S-DoT
// air quality, and the precomputed sunlight and flood results of analysis/resultLayers.ts) plus
// the language switch. A button whose layers are all unavailable is disabled ("coming soon")
// unless it has a fallback: sunlight plays a day of sun and shadows on the buildings while its
// result is still computing (or could not be computed).
import { ClockRange, JulianDate, type CesiumWidget } from 'cesium';
import type { KioskButton } from '../../../common/tourFormat.js';
import { language, onLanguageChange, setLanguage } from '../i18n.js';
import type { LayerRegistry } from '../mapLayer.js';
import { fromSeoul, toSeoul } from '../seoulTime.js';
import { hostLog } from './hostLog.js';
import { kt } from './kioskText.js';

/** Simulated seconds per real second of the sun sweep: 06:00 to 20:00 in about 25 s. */
const SWEEP_MULTIPLIER = 2000;

export interface KioskBar {
  /** Turns the sun sweep off and redraws the buttons (after a reset). */
  reset(): void;
}

export function setUpKioskBar(viewer: CesiumWidget, registry: LayerRegistry, buttons: KioskButton[]): KioskBar {
  const bar = document.createElement('nav');
  bar.id = 'kiosk-bar';
  document.body.append(bar);
  const clock = viewer.clock;
  let sweeping = false;
  let sweepEnd: JulianDate | null = null;

  const ready = (b: KioskButton) => b.layers.filter((id) => registry.get(id)?.state === 'ready');
  const stopSweep = () => {
    sweeping = false;
    clock.shouldAnimate = false;
    viewer.scene.maximumRenderTimeChange = Infinity;
  };
  clock.onTick.addEventListener(() => {
    if (sweeping && sweepEnd && JulianDate.greaterThan(clock.currentTime, sweepEnd)) {
      stopSweep();
      render();
    }
  });
  const startSweep = () => {
    const day = toSeoul(JulianDate.toDate(clock.currentTime)).date;
    clock.clockRange = ClockRange.UNBOUNDED;
    clock.currentTime = JulianDate.fromDate(fromSeoul({ date: day, minutes: 6 * 60 }));
    sweepEnd = JulianDate.fromDate(fromSeoul({ date: day, minutes: 20 * 60 }));
    clock.multiplier = SWEEP_MULTIPLIER;
    clock.shouldAnimate = true;
    viewer.scene.maximumRenderTimeChange = 0;
    sweeping = true;
  };

  const elements = buttons.map((b) => {
    const el = document.createElement('button');
    el.type = 'button';
    el.dataset.kioskButton = b.id;
    el.addEventListener('click', () => {
      const layers = ready(b);
      if (layers.length) {
        // The result arrived during a sweep: the button is the layer's switch from now on.
        if (sweeping) stopSweep();
        const on = !layers.some((id) => registry.get(id)?.visible);
        for (const id of layers) registry.setVisible(id, on);
      } else if (b.fallback === 'sun-sweep') {
        if (sweeping) stopSweep();
        else startSweep();
      }
      hostLog(
        'info',
        `kiosk button ${b.id}: ${layers.length ? `layers ${layers.join(', ')} ${registry.get(layers[0])?.visible ? 'on' : 'off'}` : sweeping ? 'sun sweep on' : 'sun sweep off'}`,
      );
      viewer.scene.requestRender();
      render();
    });
    bar.append(el);
    return { b, el };
  });
  const languageButton = document.createElement('button');
  languageButton.type = 'button';
  languageButton.dataset.kioskButton = 'language';
  languageButton.addEventListener('click', () => {
    setLanguage(language() === 'ko' ? 'en' : 'ko');
    hostLog('info', `kiosk button language: ${language()}`);
  });
  bar.append(languageButton);

  function render(): void {
    for (const { b, el } of elements) {
      const layers = ready(b);
      const usable = layers.length > 0 || b.fallback === 'sun-sweep';
      el.disabled = !usable;
      const pressed = layers.length ? layers.some((id) => registry.get(id)?.visible) : sweeping;
      el.setAttribute('aria-pressed', String(pressed));
      el.textContent = b.label[language()];
      if (!usable || (!layers.length && b.fallback === 'sun-sweep')) {
        const note = document.createElement('small');
        note.textContent = usable ? kt('sunSweep') : kt('notAvailable');
        el.append(note);
      }
    }
    languageButton.textContent = kt('language');
  }
  registry.onChange(render);
  onLanguageChange(render);
  return {
    reset() {
      if (sweeping) stopSweep();
      render();
    },
  };
}
