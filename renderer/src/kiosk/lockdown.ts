// What a visitor must not be able to do at a kiosk, enforced in the page (browser mode with a
// plain Chromium in --kiosk; Electron adds the same again from the main process, see
// main/electron/kioskShell.ts): select text, open a context menu, zoom the page (Ctrl+wheel,
// Ctrl +/-/0, pinch — the globe still gets its pinch and drag), navigate away (links, drops,
// history, new windows) or reach browser shortcuts. Each refusal is logged once per kind.
import { on } from '../dom.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import { hostLog } from './hostLog.js';

const FUNCTION_KEYS = /^F\d{1,2}$/;
const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'ContextMenu']);

/** Installs the lock-down; destroy() lifts it again (except the disabled window.open, which stays). */
export function installLockdown(): Destroyable {
  const life = new Disposer();
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
  const listen = <K extends keyof WindowEventMap>(type: K, listener: (e: WindowEventMap[K]) => void) => life.add(on(window, type, listener, opts));

  listen('contextmenu', (e) => refuse('context menu', e));
  listen('selectstart', (e) => refuse('text selection', e));
  for (const type of ['dragstart', 'dragover', 'drop'] as const) listen(type, (e) => refuse(`drag and drop (${type})`, e));
  // preventDefault stops the page zoom; the event still reaches Cesium, which zooms the globe.
  listen('wheel', (e) => e.ctrlKey && refuse('page zoom (ctrl+wheel)', e));
  for (const type of ['gesturestart', 'gesturechange', 'gestureend']) life.add(on(window as EventTarget, type, (e) => refuse('page zoom (gesture)', e), opts));
  // Pinch on anything but the globe would zoom the page where touch-action is not honoured.
  listen('touchmove', (e) => {
    if (e.touches.length > 1 && !(e.target instanceof HTMLCanvasElement)) refuse('page pinch-zoom', e);
  });
  listen('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) refuse(`shortcut ${e.ctrlKey ? 'Ctrl+' : ''}${e.metaKey ? 'Meta+' : ''}${e.altKey ? 'Alt+' : ''}${e.key}`, e);
    else if (FUNCTION_KEYS.test(e.key) || BROWSER_KEYS.has(e.key)) refuse(`key ${e.key}`, e);
    else if (e.key === 'Backspace' && !formField(e.target)) refuse('Backspace navigation', e);
  });
  // Links (also middle clicks), form submissions and the mouse's back/forward buttons.
  const linkClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest('a[href], area[href]') : null;
    if (link) refuse('link navigation', e);
  };
  listen('click', linkClick);
  listen('auxclick', (e) => (e.button === 1 ? refuse('middle click', e) : linkClick(e)));
  listen('submit', (e) => refuse('form submission', e));
  for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup'] as const) {
    listen(type, (e) => (e.button === 3 || e.button === 4) && refuse('mouse back/forward button', e));
  }
  // History: keep one entry of our own above the start page so "back" lands on the kiosk again.
  history.pushState({ kiosk: true }, '', location.href);
  life.add(
    on(window, 'popstate', () => {
      history.pushState({ kiosk: true }, '', location.href);
      if (!logged.has('history')) {
        logged.add('history');
        hostLog('info', 'kiosk lock-down: refused history navigation (logged once per page load)');
      }
    }),
  );
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
  return life;
}
