// The Electron preload: exposes the renderer API (common/api/hostContract.ts) on window[API_GLOBAL],
// each method an ipcRenderer.invoke on its channel from API_ROUTES. It runs sandboxed, so it is
// bundled to one CommonJS file whose only require is 'electron' (build/bundleElectron.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, API_ROUTES, type VirtualSeoulApi } from '../common/api/hostContract.js';
import { unwrapIpcResult, type IpcResult } from '../common/api/ipcEnvelope.js';

type ApiMethod = keyof VirtualSeoulApi;

const api: Partial<Record<ApiMethod, () => Promise<unknown>>> = {};
for (const method of Object.keys(API_ROUTES) as ApiMethod[]) {
  const channel = API_ROUTES[method].ipc;
  api[method] = async () => unwrapIpcResult((await ipcRenderer.invoke(channel)) as IpcResult<unknown>);
}

contextBridge.exposeInMainWorld(API_GLOBAL, api as VirtualSeoulApi);
