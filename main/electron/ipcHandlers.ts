// ipcMain handlers for the renderer API: one per API_ROUTES channel, answering only the app's own
// main frame and only with the arguments the contract declares.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_ROUTES, type VirtualSeoulApi } from '../../common/api/hostContract.js';
import type { IpcResult } from '../../common/api/ipcEnvelope.js';
import { APP_ORIGIN, isAppUrl } from './appProtocol.js';

type ApiMethod = keyof VirtualSeoulApi;

/** Argument checks per method; a method added to the contract fails to compile until it has one. */
const ARGUMENT_CHECKS: Record<ApiMethod, (args: unknown[]) => string | null> = {
  getAppInfo: (args) => (args.length === 0 ? null : 'takes no arguments'),
  getCityManifest: (args) => (args.length === 0 ? null : 'takes no arguments'),
};

function senderProblem(event: IpcMainInvokeEvent): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  // Only the top frame speaks for the app; the app has no iframes, so a subframe is a stranger.
  if (frame.parent !== null) return 'sender is a subframe';
  return isAppUrl(frame.url) ? null : `sender ${frame.url} is not the app (${APP_ORIGIN})`;
}

export function registerIpcHandlers(api: VirtualSeoulApi, log: (line: string) => void): void {
  for (const method of Object.keys(API_ROUTES) as ApiMethod[]) {
    ipcMain.handle(API_ROUTES[method].ipc, async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      const refused = senderProblem(event) ?? ARGUMENT_CHECKS[method](args);
      if (refused) {
        log(`Refused IPC ${method}: ${refused}`);
        return { ok: false, error: `${method} refused: ${refused}` };
      }
      try {
        return { ok: true, value: await api[method]() };
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    });
  }
}
