// What `npm start` and `npm run serve` both do before serving: read the options, make sure the
// renderer bundle is current and a city build exists (building either in a child process, with
// its output shown), and locate Cesium's static build.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILD_PATHS } from '../../common/buildFormat.js';
import { parseKioskCli, type KioskCliOptions } from './kioskCli.js';
import { defaultBuildDir, REPO_ROOT } from '../../tiles/cli/defaultPaths.js';

export { REPO_ROOT };
export const DEFAULT_PORT = 5180;

export interface CliOptions {
  /** Undefined: the default port, with a fallback to a free one when it is busy. */
  port: number | undefined;
  cityDir: string;
  /** Undefined: the build CLI's own default (VSEOUL_DATA_DIR, else ../shared/data). */
  sourceDir: string | undefined;
  /** Undefined: VSEOUL_WIKI_DB, else wiki-data/wiki.sqlite (main/wiki/wikiApi.ts wikiDbPath). */
  wikiDb: string | undefined;
  /** A shared wiki server to use instead of a local store (--wiki-server URL). */
  wikiServer: string | undefined;
  /** Address browser mode listens on; default 127.0.0.1. Anything else must be asked for by name. */
  host: string;
  /** --kiosk, --idle-seconds, --tour (main/cli/kioskCli.ts). */
  kiosk: KioskCliOptions;
  /** Batch runs the app lists and opens (--batch-results DIR, default $VSEOUL_BATCH_RESULTS or batch-results/, the batch commands' --out). */
  batchResults: string;
  /** The batch queue's Redis, for running runs' progress (--redis URL, default $VSEOUL_BATCH_REDIS); absent: the host never talks to Redis. */
  batchRedis: string | undefined;
}

export interface PreparedApp {
  rendererDir: string;
  cesiumDir: string;
  cityDir: string;
}

export const USAGE =
  'options: --port N (default 5180)  --city DIR (city build, default $VSEOUL_BUILD_DIR or city-build/)  --source DIR (source data for a first build)  --wiki-db FILE (wiki database, default $VSEOUL_WIKI_DB or wiki-data/wiki.sqlite)  --wiki-server URL (use a shared wiki server instead, default $VSEOUL_WIKI_SERVER)  --host ADDR (listen address in browser mode, default 127.0.0.1; e.g. 0.0.0.0 to share this wiki on a network)  --sdot-key KEY --sdot-url URL --sdot-replay FILE (S-DoT live feed / replay files)  --kiosk [--idle-seconds N] [--tour NAME] (exhibition kiosk mode)  --batch-results DIR (batch runs shown in the app, default $VSEOUL_BATCH_RESULTS or batch-results/)  --redis URL (the batch queue: progress of running runs)';

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      city: { type: 'string' },
      source: { type: 'string' },
      'wiki-db': { type: 'string' },
      'wiki-server': { type: 'string' },
      host: { type: 'string' },
      // S-DoT feed flags: read by main/feeds/sdot/sdotFromEnv.ts from process.argv.
      'sdot-key': { type: 'string' },
      'sdot-url': { type: 'string' },
      'sdot-service': { type: 'string' },
      'sdot-interval': { type: 'string' },
      'sdot-replay': { type: 'string', multiple: true },
      kiosk: { type: 'boolean' },
      'idle-seconds': { type: 'string' },
      tour: { type: 'string' },
      'batch-results': { type: 'string' },
      redis: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: not a port number (0-65535)`);
  }
  return {
    port,
    cityDir: values.city === undefined ? defaultBuildDir() : resolve(values.city),
    sourceDir: values.source === undefined ? undefined : resolve(values.source),
    wikiDb: values['wiki-db'] === undefined ? undefined : resolve(values['wiki-db']),
    wikiServer: values['wiki-server'] ?? (process.env.VSEOUL_WIKI_SERVER || undefined),
    host: values.host ?? '127.0.0.1',
    kiosk: parseKioskCli(values),
    batchResults: resolve(values['batch-results'] ?? (process.env.VSEOUL_BATCH_RESULTS || join(REPO_ROOT, 'batch-results'))),
    batchRedis: values.redis ?? (process.env.VSEOUL_BATCH_REDIS || undefined),
  };
}

/** Runs a TypeScript script of this repository in a child Node with tsx, output shown as it comes. */
export function runTsScript(script: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, script), ...args], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${script} ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`));
    });
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Inputs of the renderer and analysis-worker bundles: a change to any of them makes dist/renderer stale. */
const RENDERER_INPUTS = ['renderer', 'common', 'workers', 'build/bundleRenderer.ts'];

export function rendererBundleIsCurrent(rendererDir: string): boolean {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return RENDERER_INPUTS.every((input) => newestMtime(join(REPO_ROOT, input)) <= builtAt);
}

export async function prepareApp(options: CliOptions): Promise<PreparedApp> {
  const rendererDir = join(REPO_ROOT, 'dist', 'renderer');
  const cesiumDir = join(REPO_ROOT, 'node_modules', 'cesium', 'Build', 'Cesium');
  if (!existsSync(join(cesiumDir, 'Cesium.js'))) {
    throw new Error(`Cesium's static build is missing at ${cesiumDir}. Run "npm install" first.`);
  }
  if (!rendererBundleIsCurrent(rendererDir)) {
    console.log('Building the renderer bundle (dist/renderer is missing or older than its sources)...');
    await runTsScript('build/bundleRenderer.ts', []);
  }
  if (!existsSync(join(options.cityDir, BUILD_PATHS.manifest))) {
    console.log(`No city build in ${options.cityDir}; building it from the source data...`);
    const sourceArgs = options.sourceDir ? ['--source', options.sourceDir] : [];
    // The build applies the approved building edits of the wiki this app serves; a shared wiki
    // server's store is not on this machine.
    const wikiArgs = options.wikiServer ? ['--no-wiki-edits'] : options.wikiDb ? ['--wiki-db', options.wikiDb] : [];
    await runTsScript('tiles/cli/buildCity.ts', [...sourceArgs, ...wikiArgs, '--out', options.cityDir]);
    if (!existsSync(join(options.cityDir, BUILD_PATHS.manifest))) {
      throw new Error(`The city build finished but ${join(options.cityDir, BUILD_PATHS.manifest)} is missing.`);
    }
  }
  return { rendererDir, cesiumDir, cityDir: options.cityDir };
}
