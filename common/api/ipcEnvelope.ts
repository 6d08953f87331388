// What an IPC API call returns across the process boundary. Electron rewrites the messages of
// errors thrown in ipcMain.handle ("Error invoking remote method ..."), so failures travel as data
// and the bridge rethrows them with the host's own message, as the HTTP client does.
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function unwrapIpcResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new Error(result.error);
}
