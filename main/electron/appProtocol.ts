// The vseoul:// scheme: the app is loaded from vseoul://app/ and every byte it gets comes through
// the same Electron-free host handler that browser mode serves over HTTP.
import { protocol } from 'electron';
import { APP_SCHEME, contentSecurityPolicy } from '../host/contentSecurityPolicy.js';
import { createHostHandler } from '../host/hostHandler.js';
import { hostFeeds } from '../feeds/hostFeeds.js';
import { createBatchResultRoutes } from '../batch/batchResultRoutes.js';
import type { MountedWiki } from '../wiki/wikiMount.js';
import type { AppPaths } from './appPaths.js';

export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/**
 * Whether a URL belongs to the app. Compared by scheme and host, not URL.origin: Node's URL gives
 * custom schemes the opaque origin "null", so origin equality would refuse the app itself.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Must run before the app is ready: privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and origins work like http; secure: counts as a secure context;
      // supportFetchAPI: fetch() from the page and workers; stream: streamed (and ranged) bodies.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** `wiki`: the handler for vseoul://app/api/wiki/... and the wiki's feed routes (main/wiki/wikiMount.ts). */
export function handleAppProtocol(paths: AppPaths, appVersion: string, log: (line: string) => void, wiki?: Pick<MountedWiki, 'handle' | 'routes'>): void {
  const handler = createHostHandler({
    rendererDir: paths.rendererDir,
    cesiumDir: paths.cesiumDir,
    cityDir: paths.cityDir,
    shell: 'electron',
    appVersion,
    onError: log,
    wiki: wiki?.handle,
    // Live feeds (the wiki's building edits too) reach the page as Server-Sent Events over the streamed vseoul:// protocol.
    routes: [
      ...hostFeeds().routes,
      ...(wiki?.routes ?? []),
      // From the results folder only: the queue client stays out of the Electron main bundle.
      createBatchResultRoutes({ resultsDir: paths.batchResultsDir, onError: log }).route,
    ],
  });
  const csp = contentSecurityPolicy('electron');
  protocol.handle(APP_SCHEME, async (request) => {
    if (new URL(request.url).host !== APP_HOST) return new Response('Not found', { status: 404 });
    const response = await handler(request);
    // The handler already sets the policy on HTML; this makes sure no HTML ever leaves without it.
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
      response.headers.set('Content-Security-Policy', csp);
    }
    return response;
  });
}
