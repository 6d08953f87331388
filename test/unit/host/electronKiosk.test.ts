// The Electron shell in kiosk mode (npm start -- --kiosk), run against the stand-in 'electron'
// module: a full-screen kiosk window without menu or developer tools on vseoul://app/?mode=kiosk,
// refused shortcuts, pinned zoom, and the renderer supervision (crash reload, hang watchdog),
// logged to the rotating main.log.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleElectron } from '../../../build/bundleElectron.js';
import { isRefusedKioskInput, kioskOptionsFrom, UNRESPONSIVE_RELOAD_MS } from '../../../main/electron/kioskShell.js';
import { createFakeElectron, runBundleWithFakeElectron, type FakeElectronState } from '../../support/fakeElectron.js';

let outDir: string;
let state: FakeElectronState;
const savedArgv = process.argv;
const savedEnv = { ...process.env };

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'vseoul-kiosk-electron-'));
  const bundles = await bundleElectron(join(outDir, 'dist'));
  process.env.VSEOUL_LOG_DIR = join(outDir, 'logs');
  process.env.VSEOUL_CITY_DIR = join(outDir, 'no-city');
  process.argv = [...savedArgv.slice(0, 2), '--kiosk', '--idle-seconds', '30'];
  const fake = createFakeElectron({ appPath: join(outDir, 'app') });
  state = fake.state;
  runBundleWithFakeElectron(bundles.main, fake.electron);
  fake.becomeReady();
  await new Promise((r) => setTimeout(r, 100));
});

afterAll(() => {
  process.argv = savedArgv;
  for (const key of ['VSEOUL_LOG_DIR', 'VSEOUL_CITY_DIR', 'VSEOUL_TOURS_DIR']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  rmSync(outDir, { recursive: true, force: true });
});

describe('kiosk window', () => {
  it('is a frameless full-screen kiosk on the kiosk URL, without developer tools or menu', () => {
    expect(state.windows).toHaveLength(1);
    const { options, url } = state.windows[0];
    expect(url).toBe('vseoul://app/?mode=kiosk&idle=30');
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false });
    expect(options.webPreferences).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(state.menuTemplate).toBeNull();
    expect(state.calls).toContain('webContents.setVisualZoomLevelLimits(1,1)');
  });

  it('refuses reload, zoom, devtools, history and quit shortcuts, and lets plain keys through', () => {
    const contents = state.windows[0].window.webContents;
    const press = (key: string, mods: { control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.emit('before-input-event', event, { type: 'keyDown', key, control: false, meta: false, alt: false, shift: false, ...mods });
      return event.prevented;
    };
    expect(press('r', { control: true })).toBe(true);
    expect(press('I', { control: true, shift: true })).toBe(true);
    expect(press('=', { control: true })).toBe(true);
    expect(press('0', { meta: true })).toBe(true);
    expect(press('ArrowLeft', { alt: true })).toBe(true);
    expect(press('F5')).toBe(true);
    expect(press('F12')).toBe(true);
    expect(press('F11')).toBe(true);
    expect(press('a')).toBe(false);
    expect(press('ArrowLeft')).toBe(false);
    expect(press('Escape')).toBe(false);
    contents.emit('zoom-changed', {}, 'in');
    expect(state.calls).toContain('webContents.setZoomFactor(1)');
    contents.emit('devtools-opened');
    expect(state.calls).toContain('webContents.closeDevTools');
  });

  it('reloads a crashed renderer and crashes a hung one after the watchdog time, with log lines', () => {
    vi.useFakeTimers();
    try {
      const record = state.windows[0];
      const loadsBefore = record.loads.length;
      record.window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      vi.advanceTimersByTime(1000);
      expect(record.loads.slice(loadsBefore)).toEqual(['vseoul://app/?mode=kiosk&idle=30']);
      // Unresponsive, then responsive again before the watchdog fires: nothing happens.
      record.window.emit('unresponsive');
      vi.advanceTimersByTime(UNRESPONSIVE_RELOAD_MS - 1000);
      record.window.emit('responsive');
      vi.advanceTimersByTime(5000);
      expect(state.calls).not.toContain('webContents.forcefullyCrashRenderer');
      // Unresponsive for the whole watchdog time: the renderer is crashed (its reload follows the crash).
      record.window.emit('unresponsive');
      vi.advanceTimersByTime(UNRESPONSIVE_RELOAD_MS);
      expect(state.calls).toContain('webContents.forcefullyCrashRenderer');
    } finally {
      vi.useRealTimers();
    }
    const log = readFileSync(join(outDir, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/kiosk mode: vseoul:\/\/app\/\?mode=kiosk&idle=30/);
    expect(log).toMatch(/renderer recovery: render process gone \(crashed, exit code 139\); reloading in 1 s/);
    expect(log).toMatch(/renderer unresponsive for 15 s; crashing it to reload/);
    expect(log).toMatch(/kiosk: refused key Ctrl\+r/);
  });
});

describe('kiosk options', () => {
  it('reads --kiosk, --idle-seconds and --tour from the command line or the environment', () => {
    expect(kioskOptionsFrom(['x', '--kiosk', '--idle-seconds=45', '--tour', 'seoul'], {})).toEqual({ kiosk: true, idleSeconds: 45, tour: 'seoul' });
    expect(kioskOptionsFrom([], { VSEOUL_KIOSK: '1', VSEOUL_KIOSK_IDLE_SECONDS: '120' })).toEqual({ kiosk: true, idleSeconds: 120, tour: undefined });
    expect(kioskOptionsFrom(['--tour', '../../etc/passwd', '--idle-seconds', '-4'], {})).toEqual({ kiosk: false, idleSeconds: undefined, tour: undefined });
  });

  it('lets key releases through (only presses are refused)', () => {
    expect(isRefusedKioskInput({ type: 'keyUp', key: 'r', control: true, meta: false, alt: false })).toBe(false);
  });
});
