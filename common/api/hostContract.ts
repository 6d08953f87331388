// The one typed API between the renderer and the host. In Electron it is carried over IPC
// (preload/ipcBridge.ts); in browser mode over HTTP (renderer/src/host/hostClient.ts). Both are built from
// API_ROUTES so the two transports cannot drift apart.
import type { CityManifest } from '../buildFormat.js';

export type { CityManifest } from '../buildFormat.js';

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' inside the desktop shell, 'browser' when served over HTTP on loopback. */
  shell: 'electron' | 'browser';
  /** Base URL of the city build as the renderer must fetch it (tileset, terrain, layers). */
  cityBaseUrl: string;
  /** Base URL of the bundled Cesium static assets (Workers, Assets, Widgets). */
  cesiumBaseUrl: string;
}

export interface VirtualSeoulApi {
  getAppInfo(): Promise<AppInfo>;
  /** The manifest of the city build being served; rejects with a clear message when none exists. */
  getCityManifest(): Promise<CityManifest>;
}

/** Method name -> HTTP route (GET, JSON) and IPC channel. */
export const API_ROUTES = {
  getAppInfo: { http: '/api/app-info', ipc: 'vseoul:get-app-info' },
  getCityManifest: { http: '/api/city-manifest', ipc: 'vseoul:get-city-manifest' },
} as const satisfies Record<keyof VirtualSeoulApi, { http: string; ipc: string }>;

/** Name of the global the preload script exposes with contextBridge. */
export const API_GLOBAL = 'virtualSeoul';

/** Error body every API route returns on failure. */
export interface ApiError {
  error: string;
}
