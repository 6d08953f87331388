// Browser mode as `npm run serve` and the Electron-less `npm start` run it: the host on loopback,
// its URL on one line, a clean shutdown on Ctrl+C or SIGTERM.
import { findAppVersion } from '../host/appVersion.js';
import { startHostServer, type HostServer } from '../host/httpServer.js';
import { hostFeeds } from '../feeds/hostFeeds.js';
import { adminFromEnv, createWikiService, wikiDbPath, type WikiService } from '../wiki/wikiApi.js';
import { DEFAULT_PORT, REPO_ROOT, type CliOptions, type PreparedApp } from './prepare.js';

async function listen(app: PreparedApp, port: number, wiki: WikiService): Promise<HostServer> {
  return startHostServer({
    ...app,
    wiki: wiki.handle,
    routes: hostFeeds().routes,
    host: '127.0.0.1',
    port,
    appVersion: findAppVersion(REPO_ROOT),
    onError: (line) => console.error(line),
  });
}

export async function runBrowserMode(app: PreparedApp, options: CliOptions): Promise<HostServer> {
  const wikiDb = wikiDbPath(REPO_ROOT, options.wikiDb);
  const wiki = await createWikiService({ dbPath: wikiDb, admin: adminFromEnv(), onError: (line) => console.error(line) });
  console.log(`Wiki database: ${wikiDb} (${wiki.store.userCount()} accounts)`);
  let server: HostServer;
  if (options.port !== undefined) {
    server = await listen(app, options.port, wiki);
  } else {
    try {
      server = await listen(app, DEFAULT_PORT, wiki);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      server = await listen(app, 0, wiki);
      console.log(`Port ${DEFAULT_PORT} is busy; using ${server.port}.`);
    }
  }
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => {
        wiki.close();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      },
      (err: unknown) => {
        console.error(`Error while stopping the server: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Printed only once the handlers are in place: whoever reads this line may stop us right away.
  console.log(`Virtual Seoul (browser mode) at ${server.url} - press Ctrl+C to stop`);
  return server;
}

/** Prints a failure as one clear line and exits non-zero. */
export function exitWithError(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Error: ${message}`);
  process.exit(1);
}
