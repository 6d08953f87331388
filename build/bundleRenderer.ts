// Bundles the renderer into dist/renderer:
//   app.js (+ map)        our code; `import … from 'cesium'` resolves to the `window.Cesium` global
//   cesium-engine.js      CesiumJS's engine (@cesium/engine, the version `cesium` depends on) as an
//                         IIFE defining window.Cesium; built once per Cesium version and cached
//   index.html, styles.css, cesiumBase.js
//   analysisWorker.js    the analysis engines (workers/) as a classic Web Worker
// Cesium's static assets (Workers, Assets, Widgets CSS) are served by the host from
// node_modules/cesium/Build/Cesium under /cesium/.
//
// Why not Build/Cesium/Cesium.js: it includes the Viewer widgets and their Knockout library, which
// calls eval at load time; the app's Content-Security-Policy forbids 'unsafe-eval'. The engine alone
// has no eval, and keeping it a separate cached file keeps app rebuilds at tens of milliseconds.
import { build, type Plugin } from 'esbuild';
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(repoRoot, 'renderer');
export const RENDERER_OUT_DIR = path.join(repoRoot, 'dist', 'renderer');
const CACHE_DIR = path.join(repoRoot, 'dist', '.cache');

/** Files copied unchanged next to app.js (paths relative to renderer/). */
const STATIC_FILES = ['index.html', 'styles.css', 'cesiumBase.js'];
const ENGINE_FILE = 'cesium-engine.js';

const cesiumGlobal: Plugin = {
  name: 'cesium-global',
  setup(b) {
    b.onResolve({ filter: /^cesium$/ }, () => ({ path: 'cesium', namespace: 'cesium-global' }));
    b.onLoad({ filter: /.*/, namespace: 'cesium-global' }, () => ({
      contents: 'module.exports = globalThis.Cesium;',
      loader: 'js',
    }));
  },
};

async function engineVersion(): Promise<{ version: string; entry: string }> {
  // Resolve @cesium/engine the way `cesium` itself does, so the engine matches the static assets.
  const requireFromCesium = createRequire(path.join(repoRoot, 'node_modules', 'cesium', 'package.json'));
  const pkgPath = requireFromCesium.resolve('@cesium/engine/package.json');
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as { version: string };
  return { version: pkg.version, entry: path.join(path.dirname(pkgPath), 'index.js') };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The engine IIFE for this Cesium version, built into the cache on first use. */
async function cesiumEngineBundle(): Promise<{ file: string; built: boolean }> {
  const { version, entry } = await engineVersion();
  const file = path.join(CACHE_DIR, `cesium-engine-${version}.js`);
  if (await exists(file)) return { file, built: false };
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    format: 'iife',
    globalName: 'Cesium',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  await rename(tmp, file);
  return { file, built: true };
}

export interface BundleResult {
  outDir: string;
  appBytes: number;
  engineBytes: number;
  engineBuilt: boolean;
  seconds: number;
}

export async function bundleRenderer(outDir = RENDERER_OUT_DIR, options: { minify?: boolean } = {}): Promise<BundleResult> {
  const started = performance.now();
  const engine = await cesiumEngineBundle();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const common = {
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify: options.minify ?? false,
    logLevel: 'warning',
  } as const;
  const result = await build({
    ...common,
    entryPoints: [path.join(rendererDir, 'src', 'main.ts')],
    outfile: path.join(outDir, 'app.js'),
    plugins: [cesiumGlobal],
    metafile: true,
  });
  // The analysis worker (workers/analysisWorker.ts): a classic worker script beside app.js.
  await build({
    ...common,
    entryPoints: [path.join(repoRoot, 'workers', 'analysisWorker.ts')],
    outfile: path.join(outDir, 'analysisWorker.js'),
  });
  for (const file of STATIC_FILES) await copyFile(path.join(rendererDir, file), path.join(outDir, file));
  await copyFile(engine.file, path.join(outDir, ENGINE_FILE));
  const appBytes = Object.entries(result.metafile.outputs)
    .filter(([name]) => name.endsWith('.js'))
    .reduce((sum, [, o]) => sum + o.bytes, 0);
  const engineBytes = (await stat(engine.file)).size;
  return { outDir, appBytes, engineBytes, engineBuilt: engine.built, seconds: (performance.now() - started) / 1000 };
}

const isCli = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isCli) {
  const minify = process.argv.includes('--minify');
  bundleRenderer(RENDERER_OUT_DIR, { minify })
    .then((r) =>
      console.log(
        `renderer bundled to ${path.relative(repoRoot, r.outDir)}: app.js ${(r.appBytes / 1024).toFixed(0)} KiB, ` +
          `${ENGINE_FILE} ${(r.engineBytes / 1024 / 1024).toFixed(1)} MiB (${r.engineBuilt ? 'built' : 'cached'}), ${r.seconds.toFixed(2)} s`,
      ),
    )
    .catch((err: unknown) => {
      console.error(`renderer bundle failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
