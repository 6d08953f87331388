// A stand-in for the 'electron' module, recording what the bundled main and preload scripts ask
// of it. Electron's binary cannot run here; this checks the wiring of our thin Electron layer
// (privileges, window options, handlers), not Electron itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

export interface FakeElectronState {
  calls: string[];
  schemes: unknown[];
  protocolHandlers: Map<string, (req: Request) => Promise<Response> | Response>;
  ipcHandlers: Map<string, Listener>;
  windows: Array<{ options: any; url?: string; loads: string[]; window: any }>;
  permissionRequestHandler?: Listener;
  permissionCheckHandler?: Listener;
  menuTemplate?: any[];
  exposed: Map<string, any>;
  invoked: Array<{ channel: string; args: unknown[] }>;
  app: FakeEmitter & Record<string, any>;
}

export function createFakeElectron(opts: { appPath: string; singleInstance?: boolean; invoke?: (channel: string, ...args: unknown[]) => unknown }) {
  const state: FakeElectronState = {
    calls: [],
    schemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    windows: [],
    exposed: new Map(),
    invoked: [],
    app: undefined as never,
  };
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    enableSandbox: () => state.calls.push('app.enableSandbox'),
    requestSingleInstanceLock: () => {
      state.calls.push('app.requestSingleInstanceLock');
      return opts.singleInstance ?? true;
    },
    whenReady: () => ready,
    getAppPath: () => opts.appPath,
    getVersion: () => '0.0.0-test',
    getPath: (name: string) => join(opts.appPath, `fake-${name}`),
    setAboutPanelOptions: () => state.calls.push('app.setAboutPanelOptions'),
    showAboutPanel: () => undefined,
    quit: () => state.calls.push('app.quit'),
    exit: (code: number) => state.calls.push(`app.exit(${code})`),
  });
  state.app = app;
  class BrowserWindow extends FakeEmitter {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    readonly record: { options: any; url?: string; loads: string[]; window: BrowserWindow };
    /** The page's web contents: records zoom limits, closed devtools and forced crashes in state.calls. */
    readonly webContents = Object.assign(new FakeEmitter(), {
      setVisualZoomLevelLimits: (min: number, max: number) => {
        state.calls.push(`webContents.setVisualZoomLevelLimits(${min},${max})`);
        return Promise.resolve();
      },
      setZoomFactor: (f: number) => state.calls.push(`webContents.setZoomFactor(${f})`),
      closeDevTools: () => state.calls.push('webContents.closeDevTools'),
      forcefullyCrashRenderer: () => state.calls.push('webContents.forcefullyCrashRenderer'),
    });
    constructor(options: unknown) {
      super();
      this.record = { options, loads: [], window: this };
      state.windows.push(this.record);
      BrowserWindow.all.push(this);
    }
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.record.url = url;
      this.record.loads.push(url);
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  const electron = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.calls.push('protocol.registerSchemesAsPrivileged');
        state.schemes.push(...schemes);
      },
      handle: (scheme: string, handler: (req: Request) => Promise<Response>) => {
        state.calls.push(`protocol.handle(${scheme})`);
        state.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (state.permissionRequestHandler = fn),
        setPermissionCheckHandler: (fn: Listener) => (state.permissionCheckHandler = fn),
      },
    },
    ipcMain: { handle: (channel: string, fn: Listener) => state.ipcHandlers.set(channel, fn) },
    Menu: {
      buildFromTemplate: (template: any[]) => template,
      setApplicationMenu: (template: any[]) => (state.menuTemplate = template),
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        state.invoked.push({ channel, args });
        return opts.invoke?.(channel, ...args);
      },
    },
  };
  return { electron, state, becomeReady: () => readyResolve() };
}

/** Runs a CommonJS bundle with 'electron' replaced by the fake; other requires are real. */
export function runBundleWithFakeElectron(bundlePath: string, electron: unknown): void {
  const realRequire = createRequire(bundlePath);
  const fakeRequire = ((id: string) => (id === 'electron' ? electron : realRequire(id))) as NodeJS.Require;
  const module = { exports: {} };
  const code = readFileSync(bundlePath, 'utf8');

  new Function('require', 'module', 'exports', '__filename', '__dirname', code)(fakeRequire, module, module.exports, bundlePath, dirname(bundlePath));
}
