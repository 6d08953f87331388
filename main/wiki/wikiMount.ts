// Which wiki a shell serves at /api/wiki/: its own SQLite store, or a shared wiki server reached
// through the proxy. Browser mode and the Electron main process both decide here, so a desktop,
// a kiosk and a plain browser configured alike show the same wiki.
import type { WikiError } from '../../common/api/wikiContract.js';
import type { HostRoute } from '../host/hostHandler.js';
import type { WikiServiceOptions } from './wikiApi.js';
import { createWikiFeedProxy, createWikiProxy } from './wikiProxy.js';

export interface WikiMountOptions {
  /** A shared wiki server's base URL; when set no local store is opened. */
  server?: string;
  dbPath: string;
  admin?: WikiServiceOptions['admin'];
  onError?: (line: string) => void;
}

export interface MountedWiki {
  handle(req: Request): Promise<Response>;
  /** The wiki's routes outside /api/wiki/ (its building-edits feed, common/buildingEdits.ts), for HostHandlerOptions.routes. */
  routes: HostRoute[];
  close(): void;
  /** One line for the console: where the wiki lives. */
  description: string;
  /** Set when the wiki could not be opened; the handler then answers 503 with this reason. */
  problem?: string;
}

/**
 * Opens the wiki. A local store that cannot be opened (a locked or corrupt file, or a native
 * SQLite module built for another runtime) does not stop the app: the rest works, and every
 * wiki request answers 503 with the reason, which the wiki panel shows.
 */
export async function mountWiki(options: WikiMountOptions): Promise<MountedWiki> {
  if (options.server) {
    const proxy = { upstream: options.server, onError: options.onError };
    return { handle: createWikiProxy(proxy), routes: [createWikiFeedProxy(proxy)], close: () => {}, description: `shared wiki server ${options.server}` };
  }
  try {
    // Loaded lazily: better-sqlite3 is native, and a mismatch must be reported, not crash the shell.
    const { createWikiService } = await import('./wikiApi.js');
    const service = await createWikiService({ dbPath: options.dbPath, admin: options.admin, onError: options.onError });
    return {
      handle: service.handle,
      routes: service.routes,
      close: () => service.close(),
      description: `${options.dbPath} (${service.store.userCount()} accounts)`,
    };
  } catch (err) {
    const problem = `The wiki store ${options.dbPath} could not be opened: ${(err as Error).message}`;
    options.onError?.(problem);
    const body = JSON.stringify({ error: problem, reason: 'wiki-unavailable' } satisfies WikiError);
    return {
      handle: async () => new Response(body, { status: 503, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } }),
      routes: [],
      close: () => {},
      description: `unavailable (${problem})`,
      problem,
    };
  }
}
