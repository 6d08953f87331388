// Content types the host serves, and whether compressing them on the fly pays off. Already
// compressed formats (PNG, JPEG, KTX2) are sent as they are.
import { extname } from 'node:path';

export interface MimeInfo {
  type: string;
  compressible: boolean;
}

const MIME_BY_EXTENSION: Readonly<Record<string, MimeInfo>> = {
  '.html': { type: 'text/html; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.cjs': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.json': { type: 'application/json', compressible: true },
  '.map': { type: 'application/json', compressible: true },
  '.geojson': { type: 'application/geo+json', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.xml': { type: 'application/xml', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.glb': { type: 'model/gltf-binary', compressible: true },
  '.gltf': { type: 'model/gltf+json', compressible: true },
  '.b3dm': { type: 'application/octet-stream', compressible: true },
  '.i3dm': { type: 'application/octet-stream', compressible: true },
  '.pnts': { type: 'application/octet-stream', compressible: true },
  '.cmpt': { type: 'application/octet-stream', compressible: true },
  '.subtree': { type: 'application/octet-stream', compressible: true },
  // Cesium heightmap-1.0 terrain tiles: small int16 grids that gzip well.
  '.terrain': { type: 'application/octet-stream', compressible: true },
  // Raw little-endian Float32 rasters for the analysis workers.
  '.f32': { type: 'application/octet-stream', compressible: true },
  '.bin': { type: 'application/octet-stream', compressible: true },
  // Surface-model tiles (workers/data/surfaceTile.ts): deflated when built.
  '.tile': { type: 'application/octet-stream', compressible: false },
  '.tif': { type: 'image/tiff', compressible: true },
  '.tiff': { type: 'image/tiff', compressible: true },
  '.wasm': { type: 'application/wasm', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.jpg': { type: 'image/jpeg', compressible: false },
  '.jpeg': { type: 'image/jpeg', compressible: false },
  '.gif': { type: 'image/gif', compressible: false },
  '.webp': { type: 'image/webp', compressible: false },
  '.ico': { type: 'image/x-icon', compressible: true },
  '.ktx2': { type: 'image/ktx2', compressible: false },
  '.woff': { type: 'font/woff', compressible: false },
  '.woff2': { type: 'font/woff2', compressible: false },
  '.ttf': { type: 'font/ttf', compressible: true },
};

const FALLBACK: MimeInfo = { type: 'application/octet-stream', compressible: false };

export function mimeTypeFor(filePath: string): MimeInfo {
  return MIME_BY_EXTENSION[extname(filePath).toLowerCase()] ?? FALLBACK;
}
