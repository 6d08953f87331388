// Kiosk start-up options from the page URL: ?mode=kiosk turns the exhibition mode on (Electron's
// --kiosk loads the same URL); ?idle=SECONDS (default 90) is the idle time before everything
// resets; ?tour=NAME (default seoul) picks scenarios/tours/NAME.tour.json; ?kioskTest=1 exposes
// the fault-injection hooks the end-to-end tests use.
import type { Language } from '../i18n.js';

export interface KioskSettings {
  kiosk: boolean;
  idleSeconds: number;
  tour: string;
  test: boolean;
  /** The language every reset returns to: ?lang, else Korean. */
  language: Language;
}

export const DEFAULT_IDLE_SECONDS = 90;

export function readKioskSettings(search = location.search): KioskSettings {
  const params = new URLSearchParams(search);
  const idle = Number(params.get('idle'));
  const tour = params.get('tour') ?? 'seoul';
  const lang = params.get('lang');
  return {
    kiosk: params.get('mode') === 'kiosk',
    idleSeconds: Number.isFinite(idle) && idle >= 1 ? Math.min(idle, 24 * 3600) : DEFAULT_IDLE_SECONDS,
    tour: /^[a-z0-9][a-z0-9-]{0,63}$/.test(tour) ? tour : 'seoul',
    test: params.get('kioskTest') === '1',
    language: lang === 'en' ? 'en' : 'ko',
  };
}
