// The host as one Fetch API handler, (req: Request) => Promise<Response>, so the same code serves
// browser mode over node:http (httpServer.ts) and Electron's protocol.handle('vseoul', ...).
//
// Routes:
//   /                  -> <rendererDir>/index.html (the app shell)
//   /api/...           -> the renderer API (API_ROUTES in common/api/hostContract.ts), GET, JSON
//   /api/wiki/...      -> the wiki (main/wiki/wikiApi.ts) when one is configured, GET and POST
//   /api/feeds/...     -> live feeds (opts.routes, main/feeds/feedRoutes.ts)
//   /api/kiosk/...     -> kiosk tours (GET) and renderer log lines (POST), main/kiosk/kioskRoutes.ts via opts.routes
//   /cesium/<path>     -> <cesiumDir>/<path> (Cesium's static build)
//   /city/<path>       -> <cityDir>/<path> (the city build)
//   /<path>            -> <rendererDir>/<path> (app files)
import { basename } from 'node:path';
import { API_ROUTES, type ApiError, type VirtualSeoulApi } from '../../common/api/hostContract.js';
import { WIKI_PREFIX } from '../../common/api/wikiContract.js';
import { CLIENT_LOG_ROUTE } from '../../common/tourFormat.js';
import { findAppVersion } from './appVersion.js';
import { CompressionCache } from './compressionCache.js';
import { contentSecurityPolicy, PERMISSIONS_POLICY, type ShellKind } from './contentSecurityPolicy.js';
import { CESIUM_BASE_URL, CITY_BASE_URL, createHostApi, HostApiError } from './hostApi.js';
import { resolveSafeFile } from './safePath.js';
import { serveFile } from './staticFiles.js';

export interface HostHandlerOptions {
  rendererDir: string;
  cesiumDir: string;
  cityDir: string;
  shell: ShellKind;
  /** Defaults to the version in the package.json above rendererDir. */
  appVersion?: string;
  /** Defaults to true in browser mode, false in Electron (bytes never cross a network there). */
  compress?: boolean;
  compressionCache?: CompressionCache;
  /** Called with one line per unexpected failure (500); refused paths are not logged. */
  onError?: (line: string) => void;
  /** The wiki's handler (main/wiki/wikiApi.ts) for /api/wiki/..., any method; absent = no wiki. */
  wiki?: (req: Request) => Promise<Response>;
  /**
   * Extra /api/ routes (live feeds: main/feeds/feedRoutes.ts; kiosk). Each returns null for paths that are
   * not its own; the first non-null answer wins. GET only.
   */
  routes?: HostRoute[];
}

/** An extra host route: answers its own paths, null for any other. */
export type HostRoute = (req: Request) => Promise<Response> | null;

export type HostHandler = (req: Request) => Promise<Response>;

export const CACHE_CONTROL = {
  /** The app shell must pick up a new bundle on reload; ETags keep that cheap. */
  app: 'no-cache',
  /** Cesium's static build changes only with the package version. */
  cesium: 'public, max-age=86400, must-revalidate',
  /** Tile contents, terrain tiles, rasters and layers: large and immutable within a build. */
  cityContent: 'public, max-age=86400, must-revalidate',
  /** Files that describe a build (manifest, tileset and terrain roots) change with every rebuild. */
  cityIndex: 'no-cache',
  api: 'no-store',
} as const;

const CITY_INDEX_FILES = new Set(['manifest.json', 'build-report.json', 'tileset.json', 'layer.json']);

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' } as const;

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
  });
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': CACHE_CONTROL.api },
  });
}

/** A request body the client stopped sending (it closed the connection): expected, worth one line, no stack. */
export function isAbandonedRequestBody(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * Headers every response gets, whoever made it (files, API, wiki, feeds, kiosk): Permissions-Policy,
 * and Cross-Origin-Resource-Policy: same-origin where a route did not set its own.
 */
function withSecurityHeaders(response: Response): Response {
  const set = (headers: Headers) => {
    headers.set('Permissions-Policy', PERMISSIONS_POLICY);
    if (!headers.has('Cross-Origin-Resource-Policy')) headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  };
  try {
    set(response.headers);
    return response;
  } catch {
    // Immutable headers (a Response from fetch, e.g. a proxied one): copy them.
    const headers = new Headers(response.headers);
    set(headers);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

const API_BY_PATH = new Map<string, keyof VirtualSeoulApi>(
  (Object.keys(API_ROUTES) as Array<keyof VirtualSeoulApi>).map((method) => [API_ROUTES[method].http, method]),
);

export function createHostHandler(opts: HostHandlerOptions): HostHandler {
  const api = createHostApi({
    cityDir: opts.cityDir,
    shell: opts.shell,
    appVersion: opts.appVersion ?? findAppVersion(opts.rendererDir),
  });
  const compressionCache = opts.compressionCache ?? new CompressionCache();
  const compress = opts.compress ?? opts.shell === 'browser';
  const csp = contentSecurityPolicy(opts.shell);
  const htmlHeaders = { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' };

  async function serveFrom(req: Request, root: string, encodedPath: string, cacheControl: (fileName: string) => string): Promise<Response> {
    const resolved = await resolveSafeFile(root, encodedPath);
    if (!resolved.ok) return resolved.status === 400 ? textResponse(400, 'Bad request path') : textResponse(404, 'Not found');
    const fileName = basename(resolved.filePath).toLowerCase();
    const isHtml = fileName.endsWith('.html') || fileName.endsWith('.htm');
    return serveFile(req, resolved.filePath, resolved.stats, {
      cacheControl: cacheControl(fileName),
      compressionCache,
      compress,
      extraHeaders: { 'Cross-Origin-Resource-Policy': 'same-origin', ...(isHtml ? htmlHeaders : {}) },
    });
  }

  async function serveApi(method: keyof VirtualSeoulApi): Promise<Response> {
    try {
      return jsonResponse(200, await api[method]());
    } catch (err) {
      const status = err instanceof HostApiError ? err.status : 500;
      if (!(err instanceof HostApiError)) opts.onError?.(`API ${method} failed: ${(err as Error).stack ?? String(err)}`);
      const body: ApiError = { error: (err as Error).message };
      return jsonResponse(status, body);
    }
  }

  return async function handle(req: Request): Promise<Response> {
    return withSecurityHeaders(await route(req));
  };

  async function route(req: Request): Promise<Response> {
    try {
      if (opts.wiki && URL.canParse(req.url) && new URL(req.url).pathname.startsWith(WIKI_PREFIX)) return await opts.wiki(req);
      // The one POST outside the wiki: the renderer's log lines (main/kiosk/kioskRoutes.ts, in routes).
      const isClientLog = req.method === 'POST' && URL.canParse(req.url) && new URL(req.url).pathname === CLIENT_LOG_ROUTE;
      if (req.method !== 'GET' && req.method !== 'HEAD' && !isClientLog) {
        return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
      }
      let pathname: string;
      try {
        pathname = new URL(req.url).pathname;
      } catch {
        return textResponse(400, 'Bad request URL');
      }
      if (pathname.startsWith('/api/')) {
        for (const route of opts.routes ?? []) {
          const answer = route(req);
          if (answer) return await answer;
        }
        const method = API_BY_PATH.get(pathname);
        return method ? await serveApi(method) : jsonResponse(404, { error: `No API route ${pathname}` } satisfies ApiError);
      }
      if (pathname.startsWith(CESIUM_BASE_URL)) {
        return await serveFrom(req, opts.cesiumDir, pathname.slice(CESIUM_BASE_URL.length), () => CACHE_CONTROL.cesium);
      }
      if (pathname.startsWith(CITY_BASE_URL)) {
        return await serveFrom(req, opts.cityDir, pathname.slice(CITY_BASE_URL.length), (name) =>
          CITY_INDEX_FILES.has(name) ? CACHE_CONTROL.cityIndex : CACHE_CONTROL.cityContent,
        );
      }
      const appPath = pathname === '/' ? 'index.html' : pathname;
      // Awaited here so that a failure while serving becomes a 500 below, not a rejected promise.
      return await serveFrom(req, opts.rendererDir, appPath, () => CACHE_CONTROL.app);
    } catch (err) {
      if (isAbandonedRequestBody(err)) {
        opts.onError?.(
          `${req.method} ${URL.canParse(req.url) ? new URL(req.url).pathname : req.url}: the client went away before sending the whole request body`,
        );
        return textResponse(400, 'Request body cut off');
      }
      opts.onError?.(`${req.method} ${req.url} failed: ${(err as Error).stack ?? String(err)}`);
      return textResponse(500, 'Internal error');
    }
  }
}
