// The host side of the renderer API (common/api/hostContract.ts): the same implementation answers HTTP
// routes in browser mode and IPC channels in Electron.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo, CityManifest, VirtualSeoulApi } from '../../common/api/hostContract.js';
import { BUILD_FORMAT_VERSION, BUILD_PATHS } from '../../common/buildFormat.js';

export const APP_NAME = 'Virtual Seoul';
export const CITY_BASE_URL = '/city/';
export const CESIUM_BASE_URL = '/cesium/';

export interface HostApiOptions {
  cityDir: string;
  shell: 'browser' | 'electron';
  appVersion: string;
}

/** A failure the caller caused or can fix (missing build); its message is shown to users as is. */
export class HostApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HostApiError';
  }
}

export function createHostApi(options: HostApiOptions): VirtualSeoulApi {
  return {
    async getAppInfo(): Promise<AppInfo> {
      return {
        name: APP_NAME,
        version: options.appVersion,
        shell: options.shell,
        cityBaseUrl: CITY_BASE_URL,
        cesiumBaseUrl: CESIUM_BASE_URL,
      };
    },
    async getCityManifest(): Promise<CityManifest> {
      const manifestPath = join(options.cityDir, BUILD_PATHS.manifest);
      let text: string;
      try {
        text = await readFile(manifestPath, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          throw new HostApiError(`No city build at ${options.cityDir} (${BUILD_PATHS.manifest} missing). Run "npm run build:city" to build it.`, 404);
        }
        throw new HostApiError(`Cannot read ${manifestPath}: ${(err as Error).message}`, 500);
      }
      let manifest: CityManifest;
      try {
        manifest = JSON.parse(text) as CityManifest;
      } catch (err) {
        throw new HostApiError(`City build manifest ${manifestPath} is not valid JSON (${(err as Error).message}). Rebuild with "npm run build:city".`, 500);
      }
      if (typeof manifest !== 'object' || manifest === null || manifest.formatVersion !== BUILD_FORMAT_VERSION) {
        const found = typeof manifest === 'object' && manifest !== null ? String(manifest.formatVersion) : typeof manifest;
        throw new HostApiError(
          `City build manifest ${manifestPath} has format version ${found}, this app reads ${BUILD_FORMAT_VERSION}. Rebuild with "npm run build:city".`,
          500,
        );
      }
      return manifest;
    },
  };
}
