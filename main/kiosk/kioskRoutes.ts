// Host routes of the kiosk (browser mode and Electron's vseoul:// alike, via HostHandlerOptions.routes):
//   GET  /api/kiosk/tours/<name>  -> the schema-checked tour (common/tourFormat.ts)
//   POST /api/kiosk/log           -> {lines: [{level, message}]} from the renderer, appended to
//                                    <logDir>/renderer.log (rotating); small bodies only, rate-limited.
import { resolve } from 'node:path';
import { CLIENT_LOG_ROUTE, TOUR_ROUTE } from '../../common/tourFormat.js';
import { createRotatingLog, sanitizeLogText, type RotatingLog } from '../host/rotatingLog.js';
import { readTour } from './tourFiles.js';

export const CLIENT_LOG_LIMITS = {
  bodyBytes: 16 * 1024,
  lines: 20,
  messageChars: 2000,
  /** Lines accepted per minute, all clients together: a renderer stuck in a loop cannot fill the disk. */
  linesPerMinute: 120,
} as const;

export interface KioskRoutesOptions {
  /** Default $VSEOUL_TOURS_DIR, else scenarios/tours under the working directory (npm runs in the repository). */
  toursDir?: string;
  /** Default $VSEOUL_LOG_DIR, else logs/ under the working directory. */
  logDir?: string;
  log?: RotatingLog;
  now?: () => number;
}

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8' } });
}

async function readLimited(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type LogLine = { level: 'info' | 'warn' | 'error'; message: string };

function parseLines(body: unknown): LogLine[] | string {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { lines?: unknown }).lines)) return 'expected {"lines": [...]}';
  const lines = (body as { lines: unknown[] }).lines;
  if (lines.length === 0 || lines.length > CLIENT_LOG_LIMITS.lines) return `expected 1 to ${CLIENT_LOG_LIMITS.lines} lines`;
  const out: LogLine[] = [];
  for (const [i, line] of lines.entries()) {
    const { level, message } = (line ?? {}) as Partial<LogLine>;
    if (level !== 'info' && level !== 'warn' && level !== 'error') return `lines[${i}].level must be info, warn or error`;
    if (typeof message !== 'string' || message.length === 0 || message.length > CLIENT_LOG_LIMITS.messageChars) {
      return `lines[${i}].message must be a string of 1 to ${CLIENT_LOG_LIMITS.messageChars} characters`;
    }
    out.push({ level, message });
  }
  return out;
}

export function createKioskRoutes(options: KioskRoutesOptions = {}): (req: Request) => Promise<Response> | null {
  const toursDir = options.toursDir ?? resolve(process.env.VSEOUL_TOURS_DIR || 'scenarios/tours');
  let log = options.log ?? null;
  const getLog = () => (log ??= createRotatingLog({ dir: resolve(options.logDir ?? (process.env.VSEOUL_LOG_DIR || 'logs')), name: 'renderer' }));
  const now = options.now ?? Date.now;
  let windowStart = 0;
  let linesInWindow = 0;

  async function postLog(req: Request): Promise<Response> {
    const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    // JSON only: a cross-site page cannot send it to loopback without a CORS preflight we never answer.
    if (type !== 'application/json') return json(415, { error: 'Content-Type must be application/json' });
    const origin = req.headers.get('origin');
    if (origin !== null && origin !== new URL(req.url).origin) return json(403, { error: `Origin ${sanitizeLogText(origin, 100)} may not log here` });
    const text = await readLimited(req, CLIENT_LOG_LIMITS.bodyBytes);
    if (text === null) return json(413, { error: `Body larger than ${CLIENT_LOG_LIMITS.bodyBytes} bytes` });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { error: 'Body is not JSON' });
    }
    const lines = parseLines(body);
    if (typeof lines === 'string') return json(400, { error: lines });
    const t = now();
    if (t - windowStart >= 60_000) {
      windowStart = t;
      linesInWindow = 0;
    }
    if (linesInWindow + lines.length > CLIENT_LOG_LIMITS.linesPerMinute) return json(429, { error: 'Too many log lines; try again in a minute' });
    linesInWindow += lines.length;
    for (const line of lines) getLog().write(`[renderer] ${line.level.toUpperCase()} ${line.message}`);
    return new Response(null, { status: 204, headers: HEADERS });
  }

  async function getTour(name: string): Promise<Response> {
    const result = await readTour(toursDir, name);
    return result.ok ? json(200, result.tour) : json(result.status, { error: result.error });
  }

  return (req) => {
    const { pathname } = new URL(req.url);
    if (pathname === CLIENT_LOG_ROUTE) {
      return req.method === 'POST' ? postLog(req) : Promise.resolve(json(405, { error: 'POST only' }));
    }
    if (!pathname.startsWith(TOUR_ROUTE)) return null;
    if (req.method !== 'GET' && req.method !== 'HEAD') return Promise.resolve(json(405, { error: 'GET only' }));
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(TOUR_ROUTE.length));
    } catch {
      return Promise.resolve(json(400, { error: 'Bad tour name' }));
    }
    return getTour(name);
  };
}
