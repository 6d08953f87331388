// Every live feed's HTTP GET (main/feeds/poller.ts calls it): a bounded streaming read instead of
// fetch's response.text(), which holds a body of any size (a 200 MB answer or a gzip bomb took the
// host past 1 GB). node:http rather than fetch, because fetch decodes Content-Encoding out of
// sight and so cannot count the bytes actually received; here both counts are exact:
//   - bytes received on the wire (maxBodyBytes; a larger Content-Length is refused before reading),
//   - bytes after gzip / deflate / br decoding (maxDecodedBytes: what a compression bomb inflates).
// Redirects are followed by hand (at most MAX_REDIRECTS, http: and https: only), so a loop or a
// redirect to file: gets a message that says so rather than fetch's "fetch failed".
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface FeedLimits {
  /** Bytes received for one response body, as sent (compressed or not). */
  maxBodyBytes: number;
  /** Bytes of one response body once decompressed. */
  maxDecodedBytes: number;
  /** Rows one poll may deliver (each feed counts its own rows). */
  maxRows: number;
}

/**
 * Defaults: the whole Seoul facility list (62,732 fire-water facilities) as data.go.kr JSON is a
 * few MB; these leave room for fuller records while keeping one poll's memory in tens of MB.
 */
export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDecodedBytes: 32 * 1024 * 1024,
  maxRows: 200_000,
};

export const MAX_REDIRECTS = 5;

/** The limits with any given values in place of the defaults; a value that is not a positive integer is an error. */
export function feedLimits(given: Partial<Record<keyof FeedLimits, number | undefined>> = {}): FeedLimits {
  const out = { ...DEFAULT_FEED_LIMITS };
  for (const key of Object.keys(out) as Array<keyof FeedLimits>) {
    const value = given[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`feed limit ${key} must be a positive whole number, got ${value}`);
    out[key] = value;
  }
  return out;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Passes bytes through, failing once more than `limit` went by. */
function byteLimit(limit: number, message: () => string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      done(seen > limit ? new Error(message()) : null, chunk);
    },
  });
}

function decoderFor(encoding: string): Transform | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new Error(`unsupported Content-Encoding "${encoding}"`);
  }
}

function request(url: URL, accept: string, signal: AbortSignal): Promise<IncomingMessage> {
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    // agent: false, one connection per request: polls are minutes apart, and a kept-alive socket the
    // server has since closed would fail the next poll with ECONNRESET.
    get(url, { signal, agent: false, headers: { Accept: accept, 'Accept-Encoding': 'gzip, deflate, br' } }, resolve).on('error', reject);
  });
}

function checkScheme(url: URL, what: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${what} ${url.href} refused: only http: and https: are followed`);
}

const mib = (bytes: number) => `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** GETs `url` following redirects; resolves with the body as UTF-8 text, or rejects with one line. */
export async function boundedGet(url: string, options: { accept: string; signal: AbortSignal; limits: FeedLimits }): Promise<string> {
  const { limits, signal } = options;
  let current = new URL(url);
  checkScheme(current, 'feed URL');
  const visited = [current.href];
  for (;;) {
    const response = await request(current, options.accept, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      response.destroy();
      const next = new URL(location, current);
      checkScheme(next, `redirect from ${current.href} to`);
      if (visited.includes(next.href)) throw new Error(`redirect loop: ${[...visited, next.href].join(' -> ')}`);
      if (visited.length > MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${visited[0]}`);
      visited.push(next.href);
      current = next;
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new Error(`HTTP ${status} ${response.statusMessage ?? ''}`.trim());
    }
    return readBody(response, limits, signal);
  }
}

async function readBody(response: IncomingMessage, limits: FeedLimits, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    response.destroy();
    throw new Error(`body of ${mib(declared)} announced, over the limit of ${mib(limits.maxBodyBytes)} received; not read`);
  }
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  let decoder: Transform | null;
  try {
    decoder = decoderFor(encoding);
  } catch (err) {
    response.destroy();
    throw err;
  }
  const chunks: Buffer[] = [];
  const received = byteLimit(limits.maxBodyBytes, () => `body over the limit of ${mib(limits.maxBodyBytes)} received; reading stopped`);
  const decoded = byteLimit(
    limits.maxDecodedBytes,
    () => `body over the limit of ${mib(limits.maxDecodedBytes)} once decompressed (${encoding || 'not compressed'}); reading stopped`,
  );
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  };
  try {
    await (decoder ? pipeline(response, received, decoder, decoded, collect, { signal }) : pipeline(response, received, decoded, collect, { signal }));
  } catch (err) {
    response.destroy();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET') throw new Error('the answer was cut off before its end', { cause: err });
    if (code?.startsWith('Z_')) throw new Error(`the ${encoding} body is damaged (${(err as Error).message})`, { cause: err });
    throw err;
  }
  return Buffer.concat(chunks).toString('utf8');
}
