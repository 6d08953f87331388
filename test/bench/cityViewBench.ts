// The app at the city-wide view (?view=126.76,37.42,127.21,37.71, what the All of Seoul control
// shows) and, for comparison, at a street view of City Hall, in Debian's Chromium (800 x 600,
// ?light=1, SwiftShader WebGL: a CPU renderer, so frame times are far above a GPU's): frame time
// with the ground layers on and with them off (what drawing water, parks, districts, streams and
// the building overview from the build's imagery tiles costs), JS heap after GC, the browser's process tree by kind (PSS),
// and the city files the view requested. The build: $VSEOUL_CITY_DIR, else the default build made here.
// Driven over a bare DevTools pipe (test/soak/cdpPipe.ts) so no DevTools domain buffers in the heap.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleRenderer } from '../../build/bundleRenderer.js';
import { startHostServer } from '../../main/host/httpServer.js';
import { CdpPipe } from '../soak/cdpPipe.js';
import { HEADLESS_CHROMIUM_ARGS } from '../support/chromiumArgs.js';
import { processTreeMB } from '../support/processTree.js';
import { benchCityDir } from '../support/testCity.js';
import type { Bench, Figure } from './figures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const VIEWS = { 'city-wide': '126.76,37.42,127.21,37.71', 'street, City Hall': '126.975,37.5637,126.983,37.5707' };
const GROUND_LAYERS = ['water', 'waterways', 'parks', 'districts', 'buildings-overview'];
const FRAMES = 9;
const MB = 1024 * 1024;

/** In the page: waits until the app is ready and every tile of the view is loaded. */
const SETTLED = `new Promise((resolve, reject) => {
  const started = performance.now();
  const poll = () => {
    const h = globalThis.__vseoul;
    if (h?.error) return reject(new Error(h.error));
    if (h?.ready && h.tilesLoaded) return resolve(performance.now() - started);
    if (performance.now() - started > 300000) return reject(new Error('the view did not settle within 300 s'));
    setTimeout(poll, 250);
  };
  poll();
})`;

/** In the page: the median time of FRAMES fresh frames (ms). */
const FRAME_MS = `(async () => {
  const h = globalThis.__vseoul;
  await h.renderFrame();
  const times = [];
  for (let i = 0; i < ${FRAMES}; i++) {
    const t = performance.now();
    await h.renderFrame();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[${Math.floor(FRAMES / 2)}];
})()`;

/** In the page: city files requested so far, by kind (resource timing), count and bytes. */
const CITY_REQUESTS = `(() => {
  const out = {};
  for (const e of performance.getEntriesByType('resource')) {
    const m = /\\/city\\/(layers|terrain|tiles)\\//.exec(new URL(e.name).pathname);
    if (!m) continue;
    const k = m[1];
    out[k] ??= { count: 0, bytes: 0 };
    out[k].count++;
    out[k].bytes += e.encodedBodySize;
  }
  return out;
})()`;

export const cityViewBench: Bench = {
  name: 'cityview',
  description:
    'the app at the city-wide view and a street view in Chromium (SwiftShader): frame time with and without the ground layers, memory, city files requested',
  async run(): Promise<Figure[]> {
    const build = await benchCityDir('cityview');
    const bundle = await bundleRenderer();
    const server = await startHostServer({
      rendererDir: bundle.outDir,
      cesiumDir: path.join(repoRoot, 'node_modules', 'cesium', 'Build', 'Cesium'),
      cityDir: build.root,
      host: '127.0.0.1',
      port: 0,
    });
    const profile = await mkdtemp(path.join(os.tmpdir(), 'vseoul-cityview-chromium-'));
    const browser = CdpPipe.launch(process.env.VSEOUL_CHROMIUM ?? '/usr/bin/chromium', [
      '--headless',
      ...HEADLESS_CHROMIUM_ARGS,
      '--window-size=800,600',
      `--user-data-dir=${profile}`,
    ]);
    const figures: Figure[] = [];
    try {
      const page = await browser.openPage();
      await browser.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 1, mobile: false }, page);
      await browser.send('Performance.enable', {}, page);
      await browser.send('Page.addScriptToEvaluateOnNewDocument', { source: 'performance.setResourceTimingBufferSize(100000)' }, page);
      for (const [name, view] of Object.entries(VIEWS)) {
        const query = new URLSearchParams({ light: '1', time: '2026-06-21T14:00:00+09:00', lang: 'en', view });
        const opened = performance.now();
        await browser.send('Page.navigate', { url: `${server.url}?${query}` }, page);
        await new Promise((r) => setTimeout(r, 1000)); // the old page's hook is gone by then
        await browser.evaluate(page, SETTLED);
        const settled = (performance.now() - opened) / 1000;
        const withLayers = await browser.evaluate<number>(page, FRAME_MS);
        await browser.send('HeapProfiler.collectGarbage', {}, page);
        const { metrics } = await browser.send<{ metrics: Array<{ name: string; value: number }> }>('Performance.getMetrics', {}, page);
        const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / MB;
        const tree = await processTreeMB(browser.pid);
        const requests = await browser.evaluate<Record<string, { count: number; bytes: number }>>(page, CITY_REQUESTS);
        // The same view with the ground layers off (through the layer list, as a user would).
        await browser.evaluate(
          page,
          `(${JSON.stringify(GROUND_LAYERS)}).forEach((id) => { const b = document.getElementById('layer-' + id); if (b?.checked) b.click(); })`,
        );
        await browser.evaluate(page, SETTLED);
        const without = await browser.evaluate<number>(page, FRAME_MS);
        const load = os.loadavg()[0];
        const files = Object.entries(requests)
          .map(([k, r]) => `${k} ${r.count} (${(r.bytes / 1e6).toFixed(1)} MB)`)
          .join(', ');
        console.log(
          `${name} view: settled in ${settled.toFixed(1)} s; frame ${withLayers.toFixed(0)} ms with the ground layers, ${without.toFixed(0)} ms without (median of ${FRAMES}); ` +
            `JS heap ${heap.toFixed(0)} MB; process tree ${tree.mb.toFixed(0)} MB (renderer ${tree.byKind.renderer.toFixed(0)}, gpu ${tree.byKind.gpu.toFixed(0)}, browser ${tree.byKind.browser.toFixed(0)}); ` +
            `city files: ${files}; load average ${load.toFixed(1)} on ${os.availableParallelism()} cores`,
        );
        const size = `${name} view (${view}), 800 x 600, SwiftShader, load ${load.toFixed(1)}`;
        figures.push(
          {
            bench: 'cityview',
            metric: 'frame time, ground layers on (imagery tiles)',
            value: withLayers,
            unit: 'ms',
            size,
            peer: 'ground layers off',
            peer_value: without,
          },
          { bench: 'cityview', metric: 'time to a settled view', value: settled, unit: 's', size },
          { bench: 'cityview', metric: 'JS heap after GC', value: heap, unit: 'MB', size },
          { bench: 'cityview', metric: 'browser process tree PSS', value: tree.mb, unit: 'MB', size },
          { bench: 'cityview', metric: 'renderer process PSS', value: tree.byKind.renderer, unit: 'MB', size },
          { bench: 'cityview', metric: 'ground-layer imagery files requested', value: requests.layers?.count ?? 0, unit: 'files', size },
          { bench: 'cityview', metric: 'ground-layer bytes requested', value: (requests.layers?.bytes ?? 0) / 1e6, unit: 'MB', size },
        );
      }
    } finally {
      await browser.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
      build.remove();
    }
    return figures;
  },
};
