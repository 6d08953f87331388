// The kiosk's few big buttons: one per tour-file button (layers such as fire hydrants, S-DoT
// air quality, and the precomputed sunlight and flood results of analysis/resultLayers.ts) plus
// the language switch. A button whose layers are all unavailable is disabled ("coming soon")
// unless it has a fallback: sunlight plays a day of sun and shadows on the buildings while its
// result is still computing (or could not be computed).
import { ClockRange, JulianDate, type CesiumWidget } from 'cesium';
import type { KioskButton } from '../../../common/tourFormat.js';
import { el } from '../dom.js';
import { language, onLanguageChange, setLanguage } from '../i18n.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { LayerRegistry } from '../mapLayer.js';
import { fromSeoul, toSeoul } from '../seoulTime.js';
import { hostLog } from './hostLog.js';
import { kioskText } from './kioskText.js';

/** Simulated seconds per real second of the sun sweep: 06:00 to 20:00 in about 25 s. */
const SWEEP_MULTIPLIER = 2000;

export interface KioskBar extends Destroyable {
  /** Turns the sun sweep off and redraws the buttons (after a reset). */
  reset(): void;
}

export function setUpKioskBar(viewer: CesiumWidget, registry: LayerRegistry, buttons: KioskButton[]): KioskBar {
  const life = new Disposer();
  const bar = el('nav', { id: 'kiosk-bar' });
  document.body.append(bar);
  life.add(() => bar.remove());
  const clock = viewer.clock;
  let sweeping = false;
  let sweepEnd: JulianDate | null = null;

  const ready = (b: KioskButton) => b.layers.filter((id) => registry.get(id)?.state === 'ready');
  const stopSweep = () => {
    sweeping = false;
    clock.shouldAnimate = false;
    viewer.scene.maximumRenderTimeChange = Infinity;
  };
  life.add(
    clock.onTick.addEventListener(() => {
      if (sweeping && sweepEnd && JulianDate.greaterThan(clock.currentTime, sweepEnd)) {
        stopSweep();
        render();
      }
    }),
  );
  life.add(() => {
    if (sweeping) stopSweep();
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
    const element = el('button', { type: 'button', dataset: { kioskButton: b.id } });
    element.addEventListener('click', () => {
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
    bar.append(element);
    return { b, element };
  });
  const languageButton = el('button', { type: 'button', dataset: { kioskButton: 'language' } });
  languageButton.addEventListener('click', () => {
    setLanguage(language() === 'ko' ? 'en' : 'ko');
    hostLog('info', `kiosk button language: ${language()}`);
  });
  bar.append(languageButton);

  function render(): void {
    for (const { b, element } of elements) {
      const layers = ready(b);
      const usable = layers.length > 0 || b.fallback === 'sun-sweep';
      element.disabled = !usable;
      const pressed = layers.length ? layers.some((id) => registry.get(id)?.visible) : sweeping;
      element.setAttribute('aria-pressed', String(pressed));
      element.textContent = b.label[language()];
      if (!usable || (!layers.length && b.fallback === 'sun-sweep')) {
        element.append(el('small', { textContent: usable ? kioskText('sunSweep') : kioskText('notAvailable') }));
      }
    }
    languageButton.textContent = kioskText('language');
  }
  life.add(registry.onChange(render));
  life.add(onLanguageChange(render));
  return {
    reset() {
      if (sweeping) stopSweep();
      render();
    },
    destroy: () => life.destroy(),
  };
}
