// A wiki handler that forwards /api/wiki/... (and the wiki's building-edits feed) to a shared wiki server elsewhere (another desktop,
// a server on the exhibition network). Desktops and kiosks then show one wiki, and the page keeps
// talking to its own origin (vseoul://app/ or the loopback host), so its Content-Security-Policy
// never has to allow another origin. The upstream enforces every rule (auth, limits, validation);
// this only carries requests and answers, and turns an unreachable server into the wiki's own
// JSON error shape so the UI can say so.
import { WIKI_PREFIX, type WikiError } from '../../common/api/wikiContract.js';
import { BUILDING_EDITS_FEED } from '../../common/buildingEdits.js';

export interface WikiProxyOptions {
  /** Base URL of the wiki server, e.g. http://10.0.0.5:5180/ (its /api/wiki/ routes are used). */
  upstream: string;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  onError?: (line: string) => void;
}

/** Request headers the wiki reads; nothing else (cookies, origin) is passed on. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'authorization', 'content-type', 'content-length'];
/** Answer headers the page may see. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'retry-after', 'allow', 'cache-control'];

/** Refuses anything but an http(s) base URL without credentials, so a typo fails at start, not per request. */
export function parseWikiUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--wiki-server ${value}: not a URL (expected e.g. http://192.168.0.10:5180/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--wiki-server ${value}: only http:// and https:// wiki servers are supported`);
  if (url.username || url.password) throw new Error(`--wiki-server ${value}: put no credentials in the URL; users sign in in the app`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function unreachable(status: number, error: string, reason: string): Response {
  return new Response(JSON.stringify({ error, reason } satisfies WikiError), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** Forwards one request to the same path on the upstream; `streaming` answers (events) get a timeout for their headers only. */
function forwarder(options: WikiProxyOptions): (req: Request, streaming: boolean) => Promise<Response> {
  const upstream = parseWikiUpstream(options.upstream);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (req, streaming) => {
    const incoming = new URL(req.url);
    const target = new URL(incoming.pathname.slice(1) + incoming.search, upstream);
    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    // An event stream stays open for as long as the page listens: only its start is timed. It ends
    // when the page goes (its body is cancelled, which closes the upstream request).
    const headersTimeout = new AbortController();
    const timer = streaming ? setTimeout(() => headersTimeout.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs) : null;
    const signal = streaming ? headersTimeout.signal : AbortSignal.timeout(timeoutMs);
    const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal, redirect: 'error' };
    if (hasBody && req.body) {
      init.body = req.body;
      init.duplex = 'half';
    }
    let answer: Response;
    try {
      answer = await fetch(target, init);
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      options.onError?.(`wiki proxy ${req.method} ${target.href}: ${(err as Error).message}`);
      return timedOut
        ? unreachable(504, `The wiki server at ${upstream.origin} did not answer within ${timeoutMs / 1000} s.`, 'wiki-timeout')
        : unreachable(502, `Cannot reach the wiki server at ${upstream.origin}.`, 'wiki-unreachable');
    } finally {
      if (timer) clearTimeout(timer);
    }
    const out = new Headers({ 'X-Content-Type-Options': 'nosniff' });
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    return new Response(answer.body, { status: answer.status, headers: out });
  };
}

export function createWikiProxy(options: WikiProxyOptions): (req: Request) => Promise<Response> {
  const forward = forwarder(options);
  return async (req) => {
    const incoming = new URL(req.url);
    if (!incoming.pathname.startsWith(WIKI_PREFIX)) return unreachable(404, `No wiki route ${incoming.pathname}.`, 'no-such-route');
    return forward(req, false);
  };
}

/** The wiki's building-edits feed of the upstream (snapshot and event stream), for HostHandlerOptions.routes. */
export function createWikiFeedProxy(options: WikiProxyOptions): (req: Request) => Promise<Response> | null {
  const forward = forwarder(options);
  const { snapshot, events } = BUILDING_EDITS_FEED.routes;
  return (req) => {
    const pathname = new URL(req.url).pathname;
    return pathname === snapshot || pathname === events ? forward(req, pathname === events) : null;
  };
}
