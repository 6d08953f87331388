// The language the page starts in and its memory: ?lang= wins, else the stored choice, else the
// browser's language; every switch is stored (when storage is available) and set on <html lang>.
import { language, onLanguageChange, setLanguage, type Language } from './i18n.js';
import type { Remover } from './lifetime.js';

const STORAGE_KEY = 'vseoul.language';

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'ko' || fromUrl === 'en') return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ko' || stored === 'en') return stored;
  } catch {
    // Storage can be unavailable (privacy settings); fall back to the browser language.
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Sets the start language and keeps later switches; returns the Remover of that memory. */
export function startLanguagePreference(): Remover {
  setLanguage(initialLanguage());
  document.documentElement.lang = language();
  // Subscribed first, so the choice is stored before any module re-renders.
  return onLanguageChange((next) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the switch still applies to this session.
    }
    document.documentElement.lang = next;
  }, false);
}
