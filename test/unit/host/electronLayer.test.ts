// The bundled Electron main and preload, run against a stand-in 'electron' module (the binary
// cannot run here): privileged scheme, single instance, hardened window, permission, navigation
// and window-open denial, IPC sender and argument checks, and the vseoul:// protocol serving the
// real host.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../../../build/bundleElectron.js';
import { contentSecurityPolicy } from '../../../main/host/contentSecurityPolicy.js';
import { API_GLOBAL, API_ROUTES } from '../../../common/api/hostContract.js';
import { createFakeElectron, runBundleWithFakeElectron, type FakeElectronState } from '../../support/fakeElectron.js';
import { createHostFixture, FIXTURE_MANIFEST, type HostFixture } from '../../support/hostFixture.js';
import { PASSWORD, startWikiServer, type WikiTestServer } from '../../support/wikiServer.js';

let outDir: string;
let bundles: { main: string; preload: string };
let fx: HostFixture;
let appPath: string;
let state: FakeElectronState;
let wiki: WikiTestServer;

function requiresOf(file: string): string[] {
  return [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'vseoul-electron-'));
  bundles = await bundleElectron(join(outDir, 'dist'));
  fx = createHostFixture();
  // An app folder laid out like the repository, pointing at the fixture's files.
  appPath = join(outDir, 'app');
  mkdirSync(join(appPath, 'dist'), { recursive: true });
  mkdirSync(join(appPath, 'node_modules', 'cesium', 'Build'), { recursive: true });
  symlinkSync(fx.rendererDir, join(appPath, 'dist', 'renderer'));
  symlinkSync(fx.cesiumDir, join(appPath, 'node_modules', 'cesium', 'Build', 'Cesium'));
  process.env.VSEOUL_CITY_DIR = fx.cityDir;
  // As npm start runs it: the wiki is served from Node and reached through vseoul://app/api/wiki/.
  wiki = await startWikiServer();
  process.env.VSEOUL_WIKI_SERVER = wiki.server.url;
  const fake = createFakeElectron({ appPath });
  state = fake.state;
  runBundleWithFakeElectron(bundles.main, fake.electron);
  expect(state.calls).toContain('protocol.registerSchemesAsPrivileged'); // before ready
  expect(state.windows).toHaveLength(0);
  fake.becomeReady();
  // start() awaits the wiki before it registers the protocol and opens the window.
  for (let i = 0; i < 100 && state.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
});

afterAll(async () => {
  delete process.env.VSEOUL_CITY_DIR;
  delete process.env.VSEOUL_WIKI_SERVER;
  // main.ts fills these in for the kiosk routes it mounts; they must not leak into other tests.
  delete process.env.VSEOUL_LOG_DIR;
  delete process.env.VSEOUL_TOURS_DIR;
  await wiki?.close();
  fx.cleanup();
  rmSync(outDir, { recursive: true, force: true });
});

describe('bundles', () => {
  it('the preload requires nothing but electron (sandboxed preloads can require little else)', () => {
    expect(requiresOf(bundles.preload)).toEqual(['electron']);
  });

  it('the main bundle requires electron, Node built-ins and the native wiki store only', () => {
    // ajv's code generator carries require("ajv/dist/runtime/...") as text for standalone output; not a load.
    const loads = requiresOf(bundles.main).filter((id) => !id.startsWith('ajv/dist/runtime/'));
    for (const id of loads) expect(id === 'electron' || id === 'better-sqlite3' || id.startsWith('node:'), id).toBe(true);
    expect(loads).toContain('better-sqlite3');
  });
});

describe('main process', () => {
  it('registers vseoul as a standard, secure, fetch-capable, streaming scheme', () => {
    expect(state.schemes).toEqual([
      { scheme: 'vseoul', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, stream: true }) },
    ]);
    expect(state.calls).toContain('app.enableSandbox');
    expect(state.calls).toContain('app.requestSingleInstanceLock');
  });

  it('opens one hardened window on vseoul://app/ with the bundled preload', () => {
    expect(state.windows).toHaveLength(1);
    const { options, url } = state.windows[0];
    expect(url).toBe('vseoul://app/');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(appPath, 'dist', 'preload', 'preload.cjs'),
    });
  });

  it('quits when another instance holds the lock', async () => {
    const second = createFakeElectron({ appPath, singleInstance: false });
    runBundleWithFakeElectron(bundles.main, second.electron);
    second.becomeReady();
    await new Promise((r) => setTimeout(r, 20));
    expect(second.state.calls).toContain('app.quit');
    expect(second.state.windows).toHaveLength(0);
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal']) {
      state.permissionRequestHandler!({}, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(state.permissionCheckHandler!({}, 'clipboard-read')).toBe(false);
  });

  it('denies new windows, navigation and redirects away from the app, and webviews', () => {
    const handlers = new Map<string, (...args: any[]) => unknown>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (event: string, fn: (...args: any[]) => unknown) => handlers.set(event, fn),
    };
    state.app.emit('web-contents-created', {}, contents);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'vseoul://app/other' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = {
        url: 'https://example.com/',
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers.get(event)!(away);
      expect(away.prevented, event).toBe(true);
      const otherScheme = {
        url: 'file:///etc/passwd',
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers.get(event)!(otherScheme);
      expect(otherScheme.prevented, event).toBe(true);
      const inside = {
        url: 'vseoul://app/index.html#x',
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers.get(event)!(inside);
      expect(inside.prevented, event).toBe(false);
    }
    const webview = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.prevented).toBe(true);
  });

  it('has a View and Help menu, with developer tools only outside packaged builds', () => {
    const labels = state.menuTemplate!.map((item) => item.label ?? item.role);
    expect(labels).toEqual(expect.arrayContaining(['View', 'help']));
    const view = state.menuTemplate!.find((item) => item.label === 'View');
    const roles = view.submenu.map((i: { role?: string }) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['reload', 'togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom']));
  });
});

describe('vseoul:// protocol', () => {
  it('serves the app with the Electron CSP through the host handler', async () => {
    const handler = state.protocolHandlers.get('vseoul')!;
    const res = await handler(new Request('vseoul://app/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy('electron'));
    expect(await res.text()).toBe(fx.files.get('renderer/index.html')!.toString());
    const tile = await handler(new Request('vseoul://app/city/tiles/0/0.glb', { headers: { Range: 'bytes=0-3' } }));
    expect(tile.status).toBe(206);
    expect(await tile.text()).toBe('glTF');
  });

  it('serves the wiki at vseoul://app/api/wiki/ from the configured wiki server', async () => {
    const handler = state.protocolHandlers.get('vseoul')!;
    const signUp = await handler(
      new Request('vseoul://app/api/wiki/signup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'desktop-user', password: PASSWORD }),
      }),
    );
    expect(signUp.status).toBe(201);
    expect(wiki.wiki.store.findUser('desktop-user')?.name).toBe('desktop-user');
    const features = await handler(new Request('vseoul://app/api/wiki/features'));
    expect(await features.json()).toEqual({ features: [], pending: [] });
    // The wiki's building-edits feed comes from the same server (common/buildingEdits.ts).
    const edits = await handler(new Request('vseoul://app/api/feeds/building-edits'));
    expect(await edits.json()).toEqual({ type: 'snapshot', edits: [] });
  });

  it('answers only the app host and never leaves the roots', async () => {
    const handler = state.protocolHandlers.get('vseoul')!;
    expect((await handler(new Request('vseoul://other/'))).status).toBe(404);
    const leak = await handler(new Request('vseoul://app/city/leak.txt'));
    expect(await leak.text()).not.toContain(fx.secret);
  });
});

describe('IPC', () => {
  const appFrame = { url: 'vseoul://app/', parent: null };
  const fromApp = { senderFrame: appFrame, sender: { mainFrame: appFrame } };

  it('has one handler per contract channel', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(
      Object.values(API_ROUTES)
        .map((r) => r.ipc)
        .sort(),
    );
  });

  it('answers the app main frame', async () => {
    const info = await state.ipcHandlers.get(API_ROUTES.getAppInfo.ipc)!(fromApp);
    expect(info).toEqual({
      ok: true,
      value: { name: 'Virtual Seoul', version: '0.0.0-test', shell: 'electron', cityBaseUrl: '/city/', cesiumBaseUrl: '/cesium/' },
    });
    expect(await state.ipcHandlers.get(API_ROUTES.getCityManifest.ipc)!(fromApp)).toEqual({ ok: true, value: FIXTURE_MANIFEST });
  });

  it('refuses other origins, subframes, vanished frames and unexpected arguments', async () => {
    const handler = state.ipcHandlers.get(API_ROUTES.getCityManifest.ipc)!;
    const evilFrame = { url: 'https://example.com/', parent: null };
    const subFrame = { url: 'vseoul://app/frame.html', parent: appFrame };
    const lookalike = { url: 'vseoul://app.example.com/', parent: null };
    const cases = [
      { senderFrame: evilFrame, sender: { mainFrame: evilFrame } },
      { senderFrame: subFrame, sender: { mainFrame: appFrame } },
      { senderFrame: null, sender: { mainFrame: appFrame } },
      { senderFrame: lookalike, sender: { mainFrame: lookalike } },
    ];
    for (const event of cases) {
      const result = (await handler(event)) as { ok: boolean; error?: string };
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/refused/);
    }
    const withArgs = (await handler(fromApp, '../../etc/passwd')) as { ok: boolean; error?: string };
    expect(withArgs).toEqual({ ok: false, error: 'getCityManifest refused: takes no arguments' });
  });
});

describe('preload bridge', () => {
  it('exposes the contract on window[API_GLOBAL] over ipcRenderer.invoke, with host errors rethrown', async () => {
    const fake = createFakeElectron({
      appPath,
      invoke: (channel) => (channel === API_ROUTES.getAppInfo.ipc ? { ok: true, value: { shell: 'electron' } } : { ok: false, error: 'No city build at /x' }),
    });
    runBundleWithFakeElectron(bundles.preload, fake.electron);
    const api = fake.state.exposed.get(API_GLOBAL);
    expect(Object.keys(api).sort()).toEqual(Object.keys(API_ROUTES).sort());
    expect(await api.getAppInfo()).toEqual({ shell: 'electron' });
    await expect(api.getCityManifest()).rejects.toThrow('No city build at /x');
    expect(fake.state.invoked).toEqual([
      { channel: API_ROUTES.getAppInfo.ipc, args: [] },
      { channel: API_ROUTES.getCityManifest.ipc, args: [] },
    ]);
  });
});
