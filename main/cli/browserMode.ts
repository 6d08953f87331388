// Browser mode as `npm run serve` and the Electron-less `npm start` run it: the host on loopback,
// its URL on one line, a clean shutdown on Ctrl+C or SIGTERM.
import { findAppVersion } from '../host/appVersion.js';
import { isLoopbackHost, startHostServer, type HostServer } from '../host/httpServer.js';
import { hostFeeds } from '../feeds/hostFeeds.js';
import { createBatchResultRoutes } from '../batch/batchResultRoutes.js';
import { queueProgress } from '../batch/queueProgress.js';
import type { HostRoute } from '../host/hostHandler.js';
import { adminFromEnv, wikiDbPath } from '../wiki/wikiApi.js';
import { mountWiki, type MountedWiki } from '../wiki/wikiMount.js';
import { DEFAULT_PORT, REPO_ROOT, type CliOptions, type PreparedApp } from './prepare.js';

async function listen(app: PreparedApp, host: string, port: number, wiki: MountedWiki, batch: HostRoute): Promise<HostServer> {
  return startHostServer({
    ...app,
    wiki: wiki.handle,
    routes: [...hostFeeds().routes, ...wiki.routes, batch],
    host,
    // --host is the deliberate request startHostServer asks for; the warning below says what it means.
    allowNonLoopback: !isLoopbackHost(host),
    port,
    appVersion: findAppVersion(REPO_ROOT),
    onError: (line) => console.error(line),
  });
}

/** `wikiOnly`: started by npm start for the Electron shell, which uses only its wiki routes. */
export async function runBrowserMode(app: PreparedApp, options: CliOptions, { wikiOnly = false } = {}): Promise<HostServer> {
  const wiki = await mountWiki({
    server: options.wikiServer,
    dbPath: wikiDbPath(REPO_ROOT, options.wikiDb),
    admin: options.wikiServer ? undefined : adminFromEnv(),
    onError: (line) => console.error(line),
  });
  console.log(`Wiki: ${wiki.description}`);
  if (!isLoopbackHost(options.host)) {
    console.log(
      `Warning: listening on ${options.host}: anyone on that network can open the app, read the city build and use the wiki (wiki edits need an account).`,
    );
  }
  const onError = (line: string) => console.error(line);
  // The host talks to Redis only when given --redis.
  const queue = options.batchRedis ? queueProgress(options.batchRedis, { onError }) : undefined;
  const batch = createBatchResultRoutes({ resultsDir: options.batchResults, queue, onError });
  let server: HostServer;
  if (options.port !== undefined) {
    server = await listen(app, options.host, options.port, wiki, batch.route);
  } else {
    try {
      server = await listen(app, options.host, DEFAULT_PORT, wiki, batch.route);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      server = await listen(app, options.host, 0, wiki, batch.route);
      console.log(`Port ${DEFAULT_PORT} is busy; using ${server.port}.`);
    }
  }
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    Promise.all([server.close(), batch.destroy()]).then(
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
  if (wikiOnly) console.log(`Wiki for the desktop served at ${server.url}`);
  else console.log(`Virtual Seoul (browser mode) at ${server.url} - press Ctrl+C to stop`);
  return server;
}

/** Prints a failure as one clear line and exits non-zero. */
export function exitWithError(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Error: ${message}`);
  process.exit(1);
}
