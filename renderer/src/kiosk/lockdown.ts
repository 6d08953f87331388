// What a visitor must not be able to do at a kiosk, enforced in the page (browser mode with a
// plain Chromium in --kiosk; Electron adds the same again from the main process, see
// main/electron/kioskShell.ts): select text, open a context menu, zoom the page (Ctrl+wheel,
// Ctrl +/-/0, pinch — the globe still gets its pinch and drag), navigate away (links, drops,
// history, new windows) or reach browser shortcuts. Each refusal is logged once per kind.
import { hostLog } from './hostLog.js';

const FUNCTION_KEYS = /^F\d{1,2}$/;
const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'ContextMenu']);

export function installLockdown(): void {
  const logged = new Set<string>();
  const refuse = (kind: string, e: Event) => {
    e.preventDefault();
    if (!logged.has(kind)) {
      logged.add(kind);
      hostLog('info', `kiosk lock-down: refused ${kind} (logged once per page load)`);
    }
  };
  const formField = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
  const opts = { capture: true, passive: false } as const;

  window.addEventListener('contextmenu', (e) => refuse('context menu', e), opts);
  window.addEventListener('selectstart', (e) => refuse('text selection', e), opts);
  for (const type of ['dragstart', 'dragover', 'drop'] as const) window.addEventListener(type, (e) => refuse(`drag and drop (${type})`, e), opts);
  // preventDefault stops the page zoom; the event still reaches Cesium, which zooms the globe.
  window.addEventListener('wheel', (e) => e.ctrlKey && refuse('page zoom (ctrl+wheel)', e), opts);
  for (const type of ['gesturestart', 'gesturechange', 'gestureend']) window.addEventListener(type, (e) => refuse('page zoom (gesture)', e), opts);
  // Pinch on anything but the globe would zoom the page where touch-action is not honoured.
  window.addEventListener(
    'touchmove',
    (e) => {
      if (e.touches.length > 1 && !(e.target instanceof HTMLCanvasElement)) refuse('page pinch-zoom', e);
    },
    opts,
  );
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) refuse(`shortcut ${e.ctrlKey ? 'Ctrl+' : ''}${e.metaKey ? 'Meta+' : ''}${e.altKey ? 'Alt+' : ''}${e.key}`, e);
      else if (FUNCTION_KEYS.test(e.key) || BROWSER_KEYS.has(e.key)) refuse(`key ${e.key}`, e);
      else if (e.key === 'Backspace' && !formField(e.target)) refuse('Backspace navigation', e);
    },
    opts,
  );
  // Links (also middle clicks), form submissions and the mouse's back/forward buttons.
  const linkClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest('a[href], area[href]') : null;
    if (link) refuse('link navigation', e);
  };
  window.addEventListener('click', linkClick, opts);
  window.addEventListener('auxclick', (e) => (e.button === 1 ? refuse('middle click', e) : linkClick(e)), opts);
  window.addEventListener('submit', (e) => refuse('form submission', e), opts);
  for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup'] as const) {
    window.addEventListener(type, (e) => (e.button === 3 || e.button === 4) && refuse('mouse back/forward button', e), opts);
  }
  // History: keep one entry of our own above the start page so "back" lands on the kiosk again.
  history.pushState({ kiosk: true }, '', location.href);
  window.addEventListener('popstate', () => {
    history.pushState({ kiosk: true }, '', location.href);
    if (!logged.has('history')) {
      logged.add('history');
      hostLog('info', 'kiosk lock-down: refused history navigation (logged once per page load)');
    }
  });
  // No pop-ups: the app opens none, and a visitor must not get one.
  Object.defineProperty(window, 'open', {
    value: () => {
      hostLog('info', 'kiosk lock-down: refused window.open');
      return null;
    },
    configurable: false,
    writable: false,
  });
  const viewport = document.querySelector('meta[name="viewport"]');
  viewport?.setAttribute('content', 'width=device-width, initial-scale=1, maximum-scale=1, minimum-scale=1, user-scalable=no');
}
