// Builds the city ONCE from the shared data into a temporary folder, bundles the renderer and
// starts the real host on 127.0.0.1 (random port). Tests read the URL from VSEOUL_E2E_URL.
// VSEOUL_E2E_CITY_DIR=<folder> reuses an existing city build instead (faster local iteration).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleRenderer } from '../../build/bundleRenderer.js';
import { startHostServer } from '../../main/host/httpServer.js';
import { createWikiService } from '../../main/wiki/wikiApi.js';
import { E2E_WIKI_ADMIN } from './wikiFixture.js';
import { hostFeeds } from '../../main/feeds/hostFeeds.js';
import { buildCity } from '../../tiles/buildCity.js';
import type { BuildIssue, BuildLog } from '../../tiles/model/cityModel.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  let cityDir = process.env.VSEOUL_E2E_CITY_DIR;
  let tempDir: string | null = null;
  if (!cityDir) {
    const sourceDir = path.resolve(repoRoot, process.env.VSEOUL_DATA_DIR ?? '../shared/data');
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'vseoul-e2e-'));
    cityDir = path.join(tempDir, 'city');
    const issues: BuildIssue[] = [];
    const log: BuildLog = { issue: (i) => issues.push(i), progress: () => {}, info: () => {} };
    const summary = await buildCity({ sourceDir, sourcesConfig: PATCH_SOURCES_FILE, outDir: cityDir }, log);
    console.log(
      `[e2e] city built from ${sourceDir} in ${seconds()} s: ${summary.buildingsBuilt} buildings, ` + `${summary.tileCount} tiles, ${issues.length} issues`,
    );
  }
  const bundle = await bundleRenderer();
  console.log(`[e2e] renderer bundled (${bundle.seconds.toFixed(1)} s)`);
  // A fresh wiki database for every run, in its own temporary folder.
  const wikiDir = await mkdtemp(path.join(os.tmpdir(), 'vseoul-e2e-wiki-'));
  // The renderer's log lines (kiosk) go to a rotating file here, where kiosk.e2e.ts reads them.
  process.env.VSEOUL_LOG_DIR ??= path.join(wikiDir, 'logs');
  const wiki = await createWikiService({
    dbPath: path.join(wikiDir, 'wiki.sqlite'),
    admin: E2E_WIKI_ADMIN,
    onError: (line) => console.error(`[e2e wiki] ${line}`),
  });
  const server = await startHostServer({
    rendererDir: bundle.outDir,
    cesiumDir: path.join(repoRoot, 'node_modules', 'cesium', 'Build', 'Cesium'),
    cityDir,
    host: '127.0.0.1',
    port: 0,
    wiki: wiki.handle,
    routes: [...hostFeeds().routes, ...wiki.routes],
    onError: (line) => console.error(`[e2e host] ${line}`),
  });
  process.env.VSEOUL_E2E_URL = server.url;
  process.env.VSEOUL_E2E_CITY = cityDir;
  process.env.VSEOUL_E2E_RENDERER = bundle.outDir;
  console.log(`[e2e] host at ${server.url} serving ${cityDir} (setup ${seconds()} s)`);

  return async () => {
    await server.close();
    wiki.close();
    await rm(wikiDir, { recursive: true, force: true });
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}
