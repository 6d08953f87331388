// Unattended recovery: a lost WebGL context or an error inside Cesium's render loop leaves a dead
// globe, so the kiosk logs it and reloads into the attract loop. Reloads in quick succession back
// off (1 s, 2 s, 4 s … up to 60 s) so a machine that keeps failing does not spin; the count lives
// in sessionStorage, which survives reloads of this tab only.
import type { CesiumWidget } from 'cesium';
import { on } from '../dom.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import { flushLog, hostLog } from './hostLog.js';

const KEY = 'vseoul.kiosk.recoveries';
const WINDOW_MS = 10 * 60 * 1000;

export interface RecoveryRecord {
  at: number;
  reason: string;
}

export function recoveryHistory(): RecoveryRecord[] {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RecoveryRecord[]).filter((r) => typeof r?.at === 'number' && typeof r?.reason === 'string') : [];
  } catch {
    return [];
  }
}

let reloading = false;

/** Logs `reason` and reloads the page (same URL: still the kiosk) after the back-off delay. */
export function recoverByReload(reason: string): void {
  if (reloading) return;
  reloading = true;
  const now = Date.now();
  const recent = recoveryHistory().filter((r) => now - r.at < WINDOW_MS);
  const delay = Math.min(60_000, 1000 * 2 ** recent.length);
  try {
    sessionStorage.setItem(KEY, JSON.stringify([...recent, { at: now, reason }].slice(-20)));
  } catch {
    // No storage: recoveries still happen, only without the back-off memory.
  }
  hostLog('error', `kiosk recovery: ${reason}; reloading into the attract loop in ${delay / 1000} s (${recent.length} recoveries in the last 10 min)`);
  void flushLog().finally(() => setTimeout(() => location.reload(), delay));
}

export function installRecovery(viewer: CesiumWidget): Destroyable {
  const life = new Disposer();
  const canvas = viewer.scene.canvas;
  life.add(
    on(canvas, 'webglcontextlost', (e) => {
      e.preventDefault();
      recoverByReload('WebGL context lost');
    }),
  );
  life.add(
    viewer.scene.renderError.addEventListener((_scene: unknown, error: unknown) => {
      // After a context loss the next frame usually fails before the (asynchronous) event arrives.
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      if (gl?.isContextLost()) return recoverByReload('WebGL context lost');
      recoverByReload(`Cesium render error: ${error instanceof Error ? error.message : String(error)}`);
    }),
  );
  // Errors outside Cesium's guarded render pass (e.g. in a preRender listener) stop its render
  // loop without raising renderError; the widget then reports useDefaultRenderLoop = false.
  life.interval(() => {
    if (!viewer.useDefaultRenderLoop) recoverByReload('Cesium render loop stopped');
  }, 2000);
  life.add(on(window, 'error', (e) => hostLog('error', `uncaught error: ${e.message} (${e.filename}:${e.lineno})`)));
  life.add(
    on(window, 'unhandledrejection', (e) => hostLog('error', `unhandled rejection: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`)),
  );
  return life;
}
