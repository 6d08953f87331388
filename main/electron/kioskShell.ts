// The desktop shell's exhibition mode (--kiosk) and the supervision every window gets:
// - kiosk: a frameless full-screen kiosk window, no menu, no developer tools, page zoom pinned to
//   100 % (visual and layout), and keyboard shortcuts that reload, zoom, open tools or navigate
//   refused in before-input-event; the page loads vseoul://app/?mode=kiosk (renderer/src/kiosk/).
// - supervision (all modes): a crashed or killed renderer process is reloaded; a renderer that stays
//   unresponsive for UNRESPONSIVE_RELOAD_MS is crashed and reloaded (the watchdog); a failed load is
//   retried. Restarts in quick succession back off so a broken machine does not spin.
// Type-only imports: the pure parts (options, key rules) are unit-tested without Electron.
import type { BrowserWindow, BrowserWindowConstructorOptions, Event, Input, WebContents } from 'electron';

export interface KioskOptions {
  kiosk: boolean;
  /** Seconds without input before the kiosk resets; undefined = the renderer's default (90). */
  idleSeconds?: number;
  tour?: string;
}

export const UNRESPONSIVE_RELOAD_MS = 15_000;

/** From the app's command line (npm start -- --kiosk passes it through) or VSEOUL_KIOSK=1. */
export function kioskOptionsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): KioskOptions {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    if (i >= 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--')) return argv[i + 1];
    return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const idle = Number(value('--idle-seconds') ?? env.VSEOUL_KIOSK_IDLE_SECONDS);
  const tour = value('--tour') ?? env.VSEOUL_KIOSK_TOUR;
  return {
    kiosk: argv.includes('--kiosk') || env.VSEOUL_KIOSK === '1',
    idleSeconds: Number.isFinite(idle) && idle >= 1 ? idle : undefined,
    tour: tour && /^[a-z0-9][a-z0-9-]{0,63}$/.test(tour) ? tour : undefined,
  };
}

/** The page URL: the app, with ?mode=kiosk and the kiosk's settings in kiosk mode. */
export function startUrl(appUrl: string, kiosk: KioskOptions): string {
  if (!kiosk.kiosk) return appUrl;
  const params = new URLSearchParams({ mode: 'kiosk' });
  if (kiosk.idleSeconds) params.set('idle', String(kiosk.idleSeconds));
  if (kiosk.tour) params.set('tour', kiosk.tour);
  return `${appUrl}?${params}`;
}

/** Window options added in kiosk mode (webPreferences.devTools is turned off by the caller). */
export const KIOSK_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  kiosk: true,
  fullscreen: true,
  frame: false,
  autoHideMenuBar: true,
  resizable: false,
  minimizable: false,
  closable: false,
};

const REFUSED_KEYS = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F10',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'ContextMenu',
]);

/** Whether a key press must not reach the kiosk page or Electron's default shortcuts. */
export function isRefusedKioskInput(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt'>): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  // Every Ctrl/Cmd/Alt chord: reload, zoom, print, save, find, view source, quit, devtools, history.
  if (input.control || input.meta || input.alt) return true;
  return REFUSED_KEYS.has(input.key);
}

export function lockDownKioskContents(contents: WebContents, log: (line: string) => void): void {
  contents.on('before-input-event', (event: Event, input: Input) => {
    if (isRefusedKioskInput(input)) {
      event.preventDefault();
      log(`kiosk: refused key ${input.control ? 'Ctrl+' : ''}${input.meta ? 'Meta+' : ''}${input.alt ? 'Alt+' : ''}${input.key}`);
    }
  });
  // Pinch-zoom of the page stays off; the globe reads pinches itself from pointer events.
  void contents.setVisualZoomLevelLimits(1, 1);
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('devtools-opened', () => {
    log('kiosk: developer tools opened; closing them');
    contents.closeDevTools();
  });
}

/** Reloads the window's page after crashes, hangs and failed loads, with back-off. */
export function superviseRenderer(window: BrowserWindow, url: () => string, log: (line: string) => void): void {
  const contents = window.webContents;
  let recent: number[] = [];
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  const restart = (why: string) => {
    const now = Date.now();
    recent = [...recent.filter((t) => now - t < 10 * 60_000), now];
    const delay = Math.min(60_000, 1000 * 2 ** (recent.length - 1));
    log(`renderer recovery: ${why}; reloading in ${delay / 1000} s (${recent.length} in the last 10 min)`);
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(url());
    }, delay);
  };
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    restart(`render process gone (${details.reason}, exit code ${details.exitCode})`);
  });
  window.on('unresponsive', () => {
    log('renderer unresponsive; watchdog armed');
    hangTimer ??= setTimeout(() => {
      hangTimer = null;
      log(`renderer unresponsive for ${UNRESPONSIVE_RELOAD_MS / 1000} s; crashing it to reload`);
      // A hung renderer cannot run a reload itself; crashing it fires render-process-gone above.
      contents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_RELOAD_MS);
  });
  window.on('responsive', () => {
    if (hangTimer) {
      clearTimeout(hangTimer);
      hangTimer = null;
      log('renderer responsive again; watchdog disarmed');
    }
  });
  contents.on('did-fail-load', (_event, code, description, failedUrl, isMainFrame) => {
    if (isMainFrame && code !== -3 /* ABORTED: a navigation we refused */) restart(`load of ${failedUrl} failed (${code} ${description})`);
  });
}
