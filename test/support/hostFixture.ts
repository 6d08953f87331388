// A throwaway host tree for tests (fixtures made here, not Seoul data): renderer, Cesium and city
// roots with real files of each served type, plus a secret file beside the roots and symlinks
// that lead out of them, so path-safety tests can check the secret never comes back.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface HostFixture {
  base: string;
  rendererDir: string;
  cesiumDir: string;
  cityDir: string;
  secretPath: string;
  secret: string;
  /** Relative path (below its root) -> bytes, for every file written. */
  files: Map<string, Buffer>;
  cleanup(): void;
}

export const FIXTURE_MANIFEST = {
  formatVersion: 1,
  builtAt: '2026-01-01T00:00:00.000Z',
  sourceDir: '/fixture',
  home: { lon: 126.978, lat: 37.5665, height: 1500, heading: 0, pitch: -45 },
  bbox: [126.97, 37.56, 126.99, 37.57],
  tileset: 'tiles/tileset.json',
  terrain: null,
  layers: [],
  dsm: [],
  attributions: ['test fixture'],
  summary: {
    buildingsBuilt: 0,
    buildingsRepaired: 0,
    buildingsSkipped: 0,
    heightSources: { measured: 0, floors: 0, 'default-by-use': 0 },
    tileCount: 0,
    tileBytes: 0,
    seconds: 0,
  },
};

export function createHostFixture(options: { withManifest?: boolean } = {}): HostFixture {
  const base = mkdtempSync(join(tmpdir(), 'vseoul-host-'));
  const rendererDir = join(base, 'renderer');
  const cesiumDir = join(base, 'cesium');
  const cityDir = join(base, 'city');
  const secret = `TOP-SECRET-${randomBytes(12).toString('hex')}`;
  const secretPath = join(base, 'secret.txt');
  writeFileSync(secretPath, secret);
  const files = new Map<string, Buffer>();
  const put = (root: string, rel: string, data: Buffer | string): void => {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
    writeFileSync(full, bytes);
    files.set(`${root === rendererDir ? 'renderer' : root === cesiumDir ? 'cesium' : 'city'}/${rel}`, bytes);
  };
  const text = (label: string, n: number): string => Array.from({ length: n }, (_, i) => `${label} line ${i}\n`).join('');

  put(rendererDir, 'index.html', `<!doctype html><html><head><title>fixture</title></head><body>${text('html', 50)}</body></html>`);
  put(rendererDir, 'app.js', `// fixture bundle\n${text('console.log("app")', 400)}`);
  put(rendererDir, 'styles.css', `body { margin: 0 }\n${text('/* css */', 100)}`);
  put(rendererDir, 'empty.txt', '');
  put(cesiumDir, 'Cesium.js', text('var Cesium = {};', 2000));
  put(cesiumDir, 'Workers/createGeometry.js', text('self.onmessage = null;', 200));
  put(cesiumDir, 'ThirdParty/draco_decoder.wasm', Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4096, 7)]));
  put(cesiumDir, 'Assets/Textures/pixel.png', randomBytes(2048));
  put(cesiumDir, 'Assets/Textures/photo.jpg', randomBytes(2048));
  put(cesiumDir, 'Assets/Images/mark.svg', `<svg xmlns="http://www.w3.org/2000/svg">${text('<!-- svg -->', 60)}</svg>`);
  put(cesiumDir, 'Assets/Textures/basis.ktx2', randomBytes(4096));
  if (options.withManifest !== false) put(cityDir, 'manifest.json', JSON.stringify(FIXTURE_MANIFEST, null, 2));
  put(cityDir, 'tiles/tileset.json', JSON.stringify({ asset: { version: '1.1' }, geometricError: 100, root: { children: [] }, pad: text('x', 100) }));
  // Incompressible random bytes make a range/length check meaningful; a repeated pattern makes gzip pay.
  put(cityDir, 'tiles/0/0.glb', Buffer.concat([Buffer.from('glTF'), randomBytes(20_000)]));
  put(cityDir, 'tiles/scene.gltf', JSON.stringify({ asset: { version: '2.0' }, pad: text('g', 100) }));
  put(cityDir, 'terrain/layer.json', JSON.stringify({ format: 'heightmap-1.0', tiles: ['{z}/{x}/{y}.terrain'], pad: text('t', 20) }));
  put(cityDir, 'terrain/0/0/0.terrain', Buffer.alloc(65 * 65 * 2 + 2, 3));
  put(cityDir, 'layers/water.geojson', JSON.stringify({ type: 'FeatureCollection', features: [], pad: text('w', 100) }));
  put(cityDir, 'dsm/central.tif', Buffer.concat([Buffer.from('II*\0'), Buffer.alloc(8000, 1)]));
  put(cityDir, 'dsm/central.f32', Buffer.from(new Float32Array(4000).fill(38.5).buffer));
  // A surface-model tile is deflated already (workers/data/surfaceTile.ts): incompressible here too.
  put(cityDir, 'surface/197_551.tile', randomBytes(6000));
  put(cityDir, 'data.unknownext', randomBytes(100));
  // Links that stay inside are fine; links that lead out must never be followed.
  symlinkSync(join(cityDir, 'tiles', 'tileset.json'), join(cityDir, 'inside-link.json'));
  symlinkSync(secretPath, join(cityDir, 'leak.txt'));
  symlinkSync(base, join(cityDir, 'leakdir'));
  symlinkSync('/etc', join(cityDir, 'etc-link'));
  return {
    base,
    rendererDir,
    cesiumDir,
    cityDir,
    secretPath,
    secret,
    files,
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}
