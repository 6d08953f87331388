// renderer/src/host/hostClient.ts against the live server: the same API contract the renderer uses.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { API_GLOBAL, API_ROUTES } from '../../common/api/hostContract.js';
import { createHttpApi } from '../../renderer/src/host/hostClient.js';
import { createHostFixture, FIXTURE_MANIFEST, type HostFixture } from '../support/hostFixture.js';

let withBuild: HostFixture;
let withoutBuild: HostFixture;
let server: HostServer;
let emptyServer: HostServer;

beforeAll(async () => {
  withBuild = createHostFixture();
  withoutBuild = createHostFixture({ withManifest: false });
  server = await startHostServer({ rendererDir: withBuild.rendererDir, cesiumDir: withBuild.cesiumDir, cityDir: withBuild.cityDir, appVersion: '1.2.3' });
  emptyServer = await startHostServer({ rendererDir: withoutBuild.rendererDir, cesiumDir: withoutBuild.cesiumDir, cityDir: withoutBuild.cityDir });
});

afterAll(async () => {
  await server?.close();
  await emptyServer?.close();
  withBuild.cleanup();
  withoutBuild.cleanup();
});

describe('createHttpApi', () => {
  it('has exactly the methods of the contract', () => {
    expect(Object.keys(createHttpApi(server.url)).sort()).toEqual(Object.keys(API_ROUTES).sort());
  });

  it('gets the app info and the manifest from the live host', async () => {
    const api = createHttpApi(server.url.replace(/\/$/, '')); // with or without the trailing slash
    expect(await api.getAppInfo()).toEqual({ name: 'Virtual Seoul', version: '1.2.3', shell: 'browser', cityBaseUrl: '/city/', cesiumBaseUrl: '/cesium/' });
    expect(await api.getCityManifest()).toEqual(FIXTURE_MANIFEST);
  });

  it("rejects with the host's message when there is no city build", async () => {
    await expect(createHttpApi(emptyServer.url).getCityManifest()).rejects.toThrow(/No city build at .*npm run build:city/);
  });

  it('rejects clearly when the host cannot be reached', async () => {
    const closed = await startHostServer({ rendererDir: withBuild.rendererDir, cesiumDir: withBuild.cesiumDir, cityDir: withBuild.cityDir });
    await closed.close();
    await expect(createHttpApi(closed.url).getAppInfo()).rejects.toThrow(/getAppInfo: cannot reach the host/);
  });
});

describe('getApi', () => {
  it('uses HTTP on the page origin when no bridge is exposed', async () => {
    vi.resetModules();
    vi.stubGlobal('location', { origin: server.url.replace(/\/$/, '') });
    try {
      const { getApi } = await import('../../renderer/src/host/hostClient.js');
      expect((await getApi().getAppInfo()).version).toBe('1.2.3');
      expect(getApi()).toBe(getApi());
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('prefers the API the Electron preload exposed', async () => {
    vi.resetModules();
    const bridged = { getAppInfo: async () => ({ shell: 'electron' }), getCityManifest: async () => FIXTURE_MANIFEST };
    vi.stubGlobal(API_GLOBAL, bridged);
    try {
      const { getApi } = await import('../../renderer/src/host/hostClient.js');
      expect(getApi()).toBe(bridged);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
