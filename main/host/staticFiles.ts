// Serves one already-resolved file as a Fetch API Response: MIME type, validators (ETag,
// Last-Modified, 304), single byte ranges (206/416), and gzip/brotli for compressible types.
// Bodies are streamed from disk except compressed ones, which come from the compression cache.
import { createReadStream, type Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { negotiateEncoding } from './acceptEncoding.js';
import type { CompressionCache, ContentEncoding } from './compressionCache.js';
import { parseRange } from './httpRange.js';
import { mimeTypeFor } from './mimeTypes.js';

export interface ServeFileOptions {
  cacheControl: string;
  compressionCache: CompressionCache;
  /** Whether to negotiate Content-Encoding at all. */
  compress: boolean;
  /** Extra headers for this response (Content-Security-Policy on HTML, for example). */
  extraHeaders?: Record<string, string>;
}

/** Files smaller than this are not worth a Content-Encoding (headers outweigh the saving). */
const MIN_COMPRESS_BYTES = 512;

export function entityTag(stats: Stats, encoding: ContentEncoding | null): string {
  const base = `${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}`;
  return encoding ? `"${base}-${encoding}"` : `"${base}"`;
}

function etagMatches(header: string, stats: Stats): boolean {
  const ours = new Set([entityTag(stats, null), entityTag(stats, 'br'), entityTag(stats, 'gzip')]);
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || ours.has(tag);
  });
}

function notModifiedSince(header: string, stats: Stats): boolean {
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  // HTTP dates have one-second resolution.
  return Math.floor(stats.mtimeMs / 1000) <= Math.floor(since / 1000);
}

function fileStream(filePath: string, start?: number, end?: number): ReadableStream<Uint8Array> {
  const stream = createReadStream(filePath, start === undefined ? {} : { start, end });
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

export async function serveFile(req: Request, filePath: string, stats: Stats, options: ServeFileOptions): Promise<Response> {
  const isHead = req.method === 'HEAD';
  const mime = mimeTypeFor(filePath);
  const headers = new Headers({
    'Content-Type': mime.type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': options.cacheControl,
    'Last-Modified': new Date(Math.floor(stats.mtimeMs / 1000) * 1000).toUTCString(),
    'Accept-Ranges': 'bytes',
    ...options.extraHeaders,
  });
  const compressible = options.compress && mime.compressible && stats.size >= MIN_COMPRESS_BYTES && stats.size <= options.compressionCache.maxFileBytes;
  if (compressible) headers.set('Vary', 'Accept-Encoding');

  const rangeHeader = req.headers.get('range');
  const ifRange = req.headers.get('if-range');
  // If-Range: serve the range only when the client's copy is still the current one.
  const rangeAllowed =
    rangeHeader !== null &&
    (ifRange === null ||
      (ifRange.startsWith('"') || ifRange.startsWith('W/')
        ? ifRange === entityTag(stats, null)
        : !Number.isNaN(Date.parse(ifRange)) && notModifiedSince(ifRange, stats)));
  const range = rangeAllowed ? parseRange(rangeHeader, stats.size) : ({ kind: 'none' } as const);
  // Ranges address the identity bytes, so they are never compressed.
  const encoding = compressible && range.kind === 'none' ? negotiateEncoding(req.headers.get('accept-encoding')) : null;
  headers.set('ETag', entityTag(stats, encoding));

  const ifNoneMatch = req.headers.get('if-none-match');
  const ifModifiedSince = req.headers.get('if-modified-since');
  const fresh = ifNoneMatch !== null ? etagMatches(ifNoneMatch, stats) : ifModifiedSince !== null && notModifiedSince(ifModifiedSince, stats);
  if (fresh) {
    for (const name of ['Content-Type', 'Accept-Ranges', 'Content-Security-Policy']) headers.delete(name);
    return new Response(null, { status: 304, headers });
  }

  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${stats.size}`);
    headers.set('Content-Length', '0');
    return new Response(null, { status: 416, headers });
  }
  if (range.kind === 'range') {
    const length = range.end - range.start + 1;
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${stats.size}`);
    headers.set('Content-Length', String(length));
    return new Response(isHead ? null : fileStream(filePath, range.start, range.end), { status: 206, headers });
  }
  if (encoding) {
    const compressed = await options.compressionCache.get(filePath, stats.mtimeMs, stats.size, encoding);
    headers.set('Content-Encoding', encoding);
    headers.set('Content-Length', String(compressed.length));
    return new Response(isHead ? null : new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.length), { status: 200, headers });
  }
  headers.set('Content-Length', String(stats.size));
  return new Response(isHead ? null : stats.size === 0 ? new Uint8Array(0) : fileStream(filePath), { status: 200, headers });
}
