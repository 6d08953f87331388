// Browser mode: the host handler behind node:http, with streamed bodies. It binds to loopback
// only: the host serves local files and the API without any authentication, so anyone who can
// reach the port can read them. allowNonLoopback exists for deliberate setups (a kiosk on a
// closed network) and has to be asked for by name.
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { noteClientAddress } from './clientAddress.js';
import { PERMISSIONS_POLICY } from './contentSecurityPolicy.js';
import { createHostHandler, type HostHandler } from './hostHandler.js';

export interface HostServerOptions {
  rendererDir: string;
  cesiumDir: string;
  cityDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port chosen by the system. */
  port?: number;
  /** Required to bind anything but a loopback address. */
  allowNonLoopback?: boolean;
  /** The wiki handler (main/wiki/wikiApi.ts createWikiService().handle); the caller closes its store. */
  wiki?: (req: Request) => Promise<Response>;
  /** Extra API routes (live feeds), see HostHandlerOptions.routes. */
  routes?: Array<(req: Request) => Promise<Response> | null>;
  appVersion?: string;
  onError?: (line: string) => void;
}

export interface HostServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/** Host header names that reach this server legitimately; others suggest DNS rebinding. */
function hostHeaderAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
  return isLoopbackHost(name);
}

function toRequest(req: IncomingMessage, origin: string): Request | null {
  const target = req.url ?? '/';
  // Only origin-form targets ("/path?query"); absolute-form and "*" have no business here.
  if (!target.startsWith('/')) return null;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (hasBody) {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  try {
    return new Request(origin + target, init);
  } catch {
    return null;
  }
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), res);
}

/** How many Host header lines came (node:http keeps only the first in req.headers). */
function hostHeaderCount(req: IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') count++;
  return count;
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
  });
  res.end(text);
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowNonLoopback) {
    throw new Error(
      `Refusing to listen on ${host}: the host serves local files and its API without authentication, ` +
        'so it binds to loopback only. Pass allowNonLoopback: true if exposing it is intended.',
    );
  }
  const handler: HostHandler = createHostHandler({
    rendererDir: opts.rendererDir,
    cesiumDir: opts.cesiumDir,
    cityDir: opts.cityDir,
    shell: 'browser',
    appVersion: opts.appVersion,
    onError: opts.onError,
    wiki: opts.wiki,
    routes: opts.routes,
  });
  let origin = '';

  const server = createServer((req, res) => {
    // Two Host headers are ambiguous (a proxy and this server may each read another one): RFC 9112 says 400.
    if (hostHeaderCount(req) > 1) {
      plain(res, 400, 'Bad request: more than one Host header');
      return;
    }
    if (!opts.allowNonLoopback && !hostHeaderAllowed(req.headers.host)) {
      plain(res, 421, 'Misdirected request: this server answers only to loopback host names');
      return;
    }
    const request = toRequest(req, origin);
    if (!request) {
      plain(res, 400, 'Bad request target');
      return;
    }
    noteClientAddress(request, req.socket.remoteAddress);
    handler(request)
      .then((response) => writeResponse(response, req, res))
      .catch((err: unknown) => {
        // A client that goes away mid-body is normal (Cesium cancels tile requests); anything else is logged.
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ERR_STREAM_PREMATURE_CLOSE' && code !== 'ECONNRESET') {
          opts.onError?.(`${req.method} ${req.url} failed: ${(err as Error).stack ?? String(err)}`);
        }
        if (!res.headersSent) plain(res, 500, 'Internal error');
        else res.destroy();
      });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' || isIPv6(address.address) ? `[${address.address}]` : address.address;
  origin = `http://${urlHost}:${address.port}`;

  return {
    url: `${origin}/`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
