// Compressed copies of static files, kept in a bounded in-memory LRU so a file is compressed once
// per version, not once per request. Keys carry the file's mtime and size, so a rebuilt file gets
// a fresh entry and the stale one ages out.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function compress(data: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  if (encoding === 'br') {
    // Quality 5 compresses a 4 MB Cesium.js in well under a second and comes close to quality 11
    // in size; 11 would stall the first request for several seconds.
    return brotliAsync(data, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
  }
  return gzipAsync(data, { level: 6 });
}

export interface CompressionCacheOptions {
  /** Total bytes of compressed data kept. */
  maxBytes?: number;
  /** Files larger than this are not compressed (streamed as they are). */
  maxFileBytes?: number;
}

export class CompressionCache {
  readonly maxBytes: number;
  readonly maxFileBytes: number;
  // Map iteration order is insertion order: re-inserting on a hit makes it an LRU.
  private readonly entries = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private bytes = 0;

  constructor(options: CompressionCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxFileBytes = options.maxFileBytes ?? 32 * 1024 * 1024;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  static key(filePath: string, mtimeMs: number, size: number, encoding: ContentEncoding): string {
    return `${encoding}\0${filePath}\0${mtimeMs}\0${size}`;
  }

  has(filePath: string, mtimeMs: number, size: number, encoding: ContentEncoding): boolean {
    return this.entries.has(CompressionCache.key(filePath, mtimeMs, size, encoding));
  }

  /** The compressed bytes of a file version, compressing it (once, even under concurrency) on a miss. */
  async get(filePath: string, mtimeMs: number, size: number, encoding: ContentEncoding): Promise<Buffer> {
    const key = CompressionCache.key(filePath, mtimeMs, size, encoding);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const work = readFile(filePath)
      .then((data) => compress(data, encoding))
      .then((compressed) => {
        this.store(key, compressed);
        return compressed;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, work);
    return work;
  }

  private store(key: string, value: Buffer): void {
    if (value.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += value.length;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldestKey);
      this.bytes -= oldest.length;
    }
  }
}
