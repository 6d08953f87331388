// The host handler on real files in a temp tree: MIME types, compression round trips, ranges,
// validators, methods, headers and the API routes.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../common/api/hostContract.js';
import { CompressionCache } from '../../../main/host/compressionCache.js';
import { contentSecurityPolicy } from '../../../main/host/contentSecurityPolicy.js';
import { CACHE_CONTROL, createHostHandler, type HostHandler } from '../../../main/host/hostHandler.js';
import { createHostFixture, FIXTURE_MANIFEST, type HostFixture } from '../../support/hostFixture.js';

const ORIGIN = 'http://127.0.0.1:5180';

let fx: HostFixture;
let handler: HostHandler;
let cache: CompressionCache;

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return handler(new Request(ORIGIN + path, { method, headers }));
}

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(() => {
  fx = createHostFixture();
  cache = new CompressionCache({ maxBytes: 1024 * 1024 });
  handler = createHostHandler({
    rendererDir: fx.rendererDir,
    cesiumDir: fx.cesiumDir,
    cityDir: fx.cityDir,
    shell: 'browser',
    compressionCache: cache,
    appVersion: '9.8.7',
  });
});
afterAll(() => fx.cleanup());

describe('MIME types', () => {
  const cases: Array<[string, string]> = [
    ['/', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/styles.css', 'text/css; charset=utf-8'],
    ['/cesium/Cesium.js', 'text/javascript; charset=utf-8'],
    ['/cesium/ThirdParty/draco_decoder.wasm', 'application/wasm'],
    ['/cesium/Assets/Textures/pixel.png', 'image/png'],
    ['/cesium/Assets/Textures/photo.jpg', 'image/jpeg'],
    ['/cesium/Assets/Images/mark.svg', 'image/svg+xml'],
    ['/cesium/Assets/Textures/basis.ktx2', 'image/ktx2'],
    ['/city/manifest.json', 'application/json'],
    ['/city/tiles/0/0.glb', 'model/gltf-binary'],
    ['/city/tiles/scene.gltf', 'model/gltf+json'],
    ['/city/terrain/0/0/0.terrain', 'application/octet-stream'],
    ['/city/layers/water.geojson', 'application/geo+json'],
    ['/city/dsm/central.tif', 'image/tiff'],
    ['/city/dsm/central.f32', 'application/octet-stream'],
    ['/city/surface/197_551.tile', 'application/octet-stream'],
    ['/city/data.unknownext', 'application/octet-stream'],
  ];
  it.each(cases)('%s is served as %s with nosniff and the file bytes', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const key =
      path === '/'
        ? 'renderer/index.html'
        : path.startsWith('/cesium/')
          ? `cesium/${path.slice(8)}`
          : path.startsWith('/city/')
            ? `city/${path.slice(6)}`
            : `renderer${path}`;
    const expected = fx.files.get(key);
    expect(expected, key).toBeDefined();
    expect((await bytes(res)).equals(expected!)).toBe(true);
  });
});

describe('compression', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('%s: negotiated, smaller, and decompresses to the file', async (encoding, decompress) => {
    const res = await get('/cesium/Cesium.js', { 'Accept-Encoding': encoding });
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = await bytes(res);
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    const original = fx.files.get('cesium/Cesium.js')!;
    expect(body.length).toBeLessThan(original.length / 4);
    expect(decompress(body).equals(original)).toBe(true);
  });

  it('prefers brotli, honours q=0 and falls back to identity', async () => {
    expect((await get('/city/tiles/tileset.json', { 'Accept-Encoding': 'gzip, deflate, br' })).headers.get('content-encoding')).toBe('br');
    expect((await get('/city/tiles/tileset.json', { 'Accept-Encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/city/tiles/tileset.json', { 'Accept-Encoding': 'identity' })).headers.get('content-encoding')).toBeNull();
    expect((await get('/city/tiles/tileset.json', { 'Accept-Encoding': '*;q=0' })).headers.get('content-encoding')).toBeNull();
  });

  it('compresses terrain, GLB and the raw raster, but not surface tiles (deflated already), PNG or KTX2', async () => {
    const enc = async (p: string) => (await get(p, { 'Accept-Encoding': 'gzip' })).headers.get('content-encoding');
    expect(await enc('/city/terrain/0/0/0.terrain')).toBe('gzip');
    expect(await enc('/city/tiles/0/0.glb')).toBe('gzip');
    expect(await enc('/city/dsm/central.f32')).toBe('gzip');
    expect(await enc('/city/surface/197_551.tile')).toBeNull();
    expect(await enc('/cesium/Assets/Textures/pixel.png')).toBeNull();
    expect(await enc('/cesium/Assets/Textures/basis.ktx2')).toBeNull();
  });

  it('keeps compressed bytes in the bounded cache', async () => {
    await get('/app.js', { 'Accept-Encoding': 'br' });
    const before = cache.size;
    const again = await get('/app.js', { 'Accept-Encoding': 'br' });
    expect(brotliDecompressSync(await bytes(again)).equals(fx.files.get('renderer/app.js')!)).toBe(true);
    expect(cache.size).toBe(before);
    expect(cache.totalBytes).toBeLessThanOrEqual(cache.maxBytes);
  });

  it('evicts the least recently used entries beyond its byte budget', async () => {
    const [a, b, c] = [`${fx.cesiumDir}/Cesium.js`, `${fx.rendererDir}/app.js`, `${fx.cityDir}/layers/water.geojson`];
    const probe = new CompressionCache();
    const sizes = await Promise.all([a, b, c].map(async (p) => (await probe.get(p, 1, 1, 'gzip')).length));
    // Room for a and c but not all three: after a, b, a (hit), c, the stale entry b must go.
    const small = new CompressionCache({ maxBytes: sizes[0] + sizes[2] + 1 });
    await small.get(a, 1, 1, 'gzip');
    await small.get(b, 1, 1, 'gzip');
    await small.get(a, 1, 1, 'gzip');
    await small.get(c, 1, 1, 'gzip');
    expect(small.has(a, 1, 1, 'gzip')).toBe(true);
    expect(small.has(b, 1, 1, 'gzip')).toBe(false);
    expect(small.has(c, 1, 1, 'gzip')).toBe(true);
    expect(small.totalBytes).toBe(sizes[0] + sizes[2]);
    // A new version of a file (other mtime) is a different entry.
    expect(small.has(a, 2, 1, 'gzip')).toBe(false);
  });
});

describe('ranges', () => {
  const glb = () => fx.files.get('city/tiles/0/0.glb')!;

  it('serves a single range as 206 with Content-Range, uncompressed', async () => {
    const res = await get('/city/tiles/0/0.glb', { Range: 'bytes=100-199', 'Accept-Encoding': 'gzip, br' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-199/${glb().length}`);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-length')).toBe('100');
    expect((await bytes(res)).equals(glb().subarray(100, 200))).toBe(true);
  });

  it('serves open-ended and suffix ranges', async () => {
    const size = glb().length;
    const open = await get('/city/tiles/0/0.glb', { Range: `bytes=${size - 10}-` });
    expect(open.status).toBe(206);
    expect((await bytes(open)).equals(glb().subarray(size - 10))).toBe(true);
    const suffix = await get('/city/tiles/0/0.glb', { Range: 'bytes=-4' });
    expect(suffix.headers.get('content-range')).toBe(`bytes ${size - 4}-${size - 1}/${size}`);
    expect((await bytes(suffix)).equals(glb().subarray(size - 4))).toBe(true);
    const clamped = await get('/city/tiles/0/0.glb', { Range: `bytes=0-${size * 10}` });
    expect(clamped.headers.get('content-range')).toBe(`bytes 0-${size - 1}/${size}`);
  });

  it('answers an unsatisfiable range with 416 and the size', async () => {
    const res = await get('/city/tiles/0/0.glb', { Range: `bytes=${glb().length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${glb().length}`);
    expect((await bytes(res)).length).toBe(0);
  });

  it('ignores multiple ranges, malformed ranges and stale If-Range (full 200)', async () => {
    const variants: Array<Record<string, string>> = [
      { Range: 'bytes=0-1,5-6' },
      { Range: 'bytes=9-2' },
      { Range: 'lines=1-2' },
      { Range: 'bytes=0-9', 'If-Range': '"stale"' },
    ];
    for (const headers of variants) {
      const res = await get('/city/tiles/0/0.glb', headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect((await bytes(res)).length).toBe(glb().length);
    }
    const etag = (await get('/city/tiles/0/0.glb')).headers.get('etag')!;
    const current = await get('/city/tiles/0/0.glb', { Range: 'bytes=0-9', 'If-Range': etag });
    expect(current.status).toBe(206);
  });
});

describe('validators and caching headers', () => {
  it('answers If-None-Match with 304 and no body, for identity and compressed ETags', async () => {
    const first = await get('/city/tiles/0/0.glb');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get('/city/tiles/0/0.glb', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect((await bytes(again)).length).toBe(0);
    expect(again.headers.get('etag')).toBe(etag);
    const br = await get('/city/tiles/0/0.glb', { 'Accept-Encoding': 'br' });
    expect(br.headers.get('etag')).not.toBe(etag);
    expect((await get('/city/tiles/0/0.glb', { 'Accept-Encoding': 'br', 'If-None-Match': `W/${br.headers.get('etag')}` })).status).toBe(304);
    expect((await get('/city/tiles/0/0.glb', { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('answers If-Modified-Since with 304 when not modified, 200 when older', async () => {
    const lastModified = (await get('/styles.css')).headers.get('last-modified')!;
    expect(Date.parse(lastModified)).not.toBeNaN();
    expect((await get('/styles.css', { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await get('/styles.css', { 'If-Modified-Since': new Date(Date.parse(lastModified) - 60_000).toUTCString() })).status).toBe(200);
  });

  it('sets Cache-Control by kind of file', async () => {
    expect((await get('/')).headers.get('cache-control')).toBe(CACHE_CONTROL.app);
    expect((await get('/app.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/cesium/Cesium.js')).headers.get('cache-control')).toBe(CACHE_CONTROL.cesium);
    expect((await get('/city/tiles/0/0.glb')).headers.get('cache-control')).toMatch(/max-age=\d{5,}.*must-revalidate/);
    expect((await get('/city/terrain/0/0/0.terrain')).headers.get('cache-control')).toBe(CACHE_CONTROL.cityContent);
    expect((await get('/city/manifest.json')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/city/tiles/tileset.json')).headers.get('cache-control')).toBe('no-cache');
    expect((await get(API_ROUTES.getAppInfo.http)).headers.get('cache-control')).toBe('no-store');
  });

  it('puts the strict CSP on HTML only', async () => {
    const html = await get('/');
    const csp = html.headers.get('content-security-policy');
    expect(csp).toBe(contentSecurityPolicy('browser'));
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect((await get('/app.js')).headers.get('content-security-policy')).toBeNull();
    expect(contentSecurityPolicy('electron')).toContain("connect-src 'self' vseoul:");
  });
});

describe('methods', () => {
  it('HEAD gives the headers of GET and no body', async () => {
    const head = await get('/city/tiles/0/0.glb', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(fx.files.get('city/tiles/0/0.glb')!.length));
    expect(head.headers.get('content-type')).toBe('model/gltf-binary');
    expect(head.body).toBeNull();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s is 405 with Allow', async (method) => {
    const res = await get('/city/tiles/0/0.glb', {}, method);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves an empty file', async () => {
    const res = await get('/empty.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
    expect((await bytes(res)).length).toBe(0);
  });

  it('gives 404 for missing files, directories and unknown API routes', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/city/tiles')).status).toBe(404);
    expect((await get('/city/tiles/')).status).toBe(404);
    expect((await get('/city/')).status).toBe(404);
    const api = await get('/api/nope');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: string }).error).toContain('/api/nope');
  });
});

describe('API routes', () => {
  it('app info names the shell and the base URLs', async () => {
    const res = await get(API_ROUTES.getAppInfo.http);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'Virtual Seoul', version: '9.8.7', shell: 'browser', cityBaseUrl: '/city/', cesiumBaseUrl: '/cesium/' });
  });

  it('returns the manifest of the city build', async () => {
    const res = await get(API_ROUTES.getCityManifest.http);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(FIXTURE_MANIFEST);
  });

  it('answers a missing build with a clear JSON error', async () => {
    const empty = createHostFixture({ withManifest: false });
    try {
      const h = createHostHandler({ rendererDir: empty.rendererDir, cesiumDir: empty.cesiumDir, cityDir: empty.cityDir, shell: 'electron' });
      const res = await h(new Request(`vseoul://app${API_ROUTES.getCityManifest.http}`));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: string };
      expect(body.error).toContain(empty.cityDir);
      expect(body.error).toContain('npm run build:city');
      const info = (await (await h(new Request(`vseoul://app${API_ROUTES.getAppInfo.http}`))).json()) as { shell: string; version: string };
      expect(info.shell).toBe('electron');
      // No package.json of the app above a temp folder: the version says it is unknown.
      expect(info.version).toBe('0.0.0-unknown');
    } finally {
      empty.cleanup();
    }
  });

  it('reports a manifest of another format version instead of passing it on', async () => {
    const other = createHostFixture({ withManifest: false });
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${other.cityDir}/manifest.json`, JSON.stringify({ ...FIXTURE_MANIFEST, formatVersion: 99 }));
      const h = createHostHandler({ rendererDir: other.rendererDir, cesiumDir: other.cesiumDir, cityDir: other.cityDir, shell: 'browser' });
      const res = await h(new Request(`${ORIGIN}${API_ROUTES.getCityManifest.http}`));
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: string }).error).toMatch(/format version 99.*reads 1/);
      writeFileSync(`${other.cityDir}/manifest.json`, '{"truncated":');
      const broken = await h(new Request(`${ORIGIN}${API_ROUTES.getCityManifest.http}`));
      expect(((await broken.json()) as { error: string }).error).toMatch(/not valid JSON/);
    } finally {
      other.cleanup();
    }
  });
});

describe('Electron shell', () => {
  it('serves vseoul://app/ uncompressed with the Electron CSP', async () => {
    const h = createHostHandler({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir, shell: 'electron' });
    const res = await h(new Request('vseoul://app/', { headers: { 'Accept-Encoding': 'br' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy('electron'));
    expect((await bytes(res)).equals(fx.files.get('renderer/index.html')!)).toBe(true);
  });
});
