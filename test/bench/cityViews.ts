// One view of a served city in headless Chromium (Playwright; Debian's Chromium, software WebGL,
// an 800 x 600 window), measured from a fresh browser context (empty cache): time until the view
// is settled (the app's tilesLoaded, then two frames), requests and bytes by kind (the page's
// Resource Timing entries), the building tiles, triangles and buildings the frame drew (the app's
// test hook: the tileset's tileVisible event), the JS heap after a garbage collection (DevTools
// Performance metrics), and the memory (PSS, /proc) of the renderer and GPU processes. For a
// street view, also which of the buildings within a radius of the camera that are on screen the
// frame drew: full detail means all of them.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import type { FootprintsFile } from '../../common/buildFormat.js';
import type { DrawnBuildings } from '../../renderer/src/testHookApi.js';
import { START_TIME, type PageGlobals } from '../e2e/app.js';
import { childrenOf, processKind, processTreeMB } from '../support/processTree.js';

export const VIEWPORT = { width: 800, height: 600 };
const MB = 2 ** 20;
export const SETTLE_TIMEOUT_MS = 300_000;

export interface Camera {
  lon: number;
  lat: number;
  /** Metres above the WGS84 ellipsoid. */
  height: number;
  heading: number;
  pitch: number;
}

export interface ViewSpec {
  id: string;
  label: string;
  /** ?view=west,south,east,north, or a camera (?camera=). */
  view?: [number, number, number, number];
  camera?: Camera;
  /** Street views: buildings within this many metres of the camera must all be drawn. */
  fullDetailM?: number;
}

export interface ViewResult {
  spec: ViewSpec;
  /** Seconds from navigation to a frame drawn with everything loaded (polled every 2 s); NaN when it did not settle. */
  settleSeconds: number;
  /** Seconds until each part (globe, buildings, ground) had everything; absent: still loading at the end. */
  partsLoadedAt: Record<string, number>;
  /** Frames the page drew until the measurement (it draws on demand: while tiles load, or the camera moves). */
  frames: number;
  /** Requests and body bytes by kind: building tiles, terrain, ground layers, other city files, the app and Cesium. */
  requests: Record<string, { count: number; bytes: number }>;
  drawn: DrawnBuildings;
  jsHeapMb: number;
  rendererMb: number;
  gpuMb: number;
  browserTreeMb: number;
  /** Street views: on-screen buildings within fullDetailM of the camera, and how many of them the frame drew. */
  nearby: { onScreen: number; drawn: number; missing: string[] } | null;
  load: number;
  errors: string[];
}

function kindOf(url: string): string {
  const p = new URL(url).pathname;
  if (p.startsWith('/city/tiles/')) return 'building tiles';
  if (p.startsWith('/city/terrain/')) return 'terrain';
  if (p.startsWith('/city/layers/')) return 'ground layers';
  if (p.startsWith('/city/')) return 'other city files';
  return 'app + Cesium';
}

export function viewUrl(baseUrl: string, spec: ViewSpec): string {
  const params = new URLSearchParams({ light: '1', time: START_TIME });
  if (spec.view) params.set('view', spec.view.join(','));
  if (spec.camera) {
    const c = spec.camera;
    params.set('camera', [c.lon, c.lat, c.height, c.heading, c.pitch].join(','));
  }
  return `${baseUrl}?${params}`;
}

/** The browser process Playwright started (a child of this process, without --type=). */
async function browserPid(): Promise<number | null> {
  for (const pid of await childrenOf(process.pid)) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (/chrom/i.test(cmd) && (await processKind(pid)) === 'browser') return pid;
  }
  return null;
}

/** Buildings (id, centre, height) within `radiusM` of a point, from the build's footprints. */
export function buildingsNear(f: FootprintsFile, lon: number, lat: number, radiusM: number): Array<{ id: string; lon: number; lat: number; height: number }> {
  const mx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const out: Array<{ id: string; lon: number; lat: number; height: number }> = [];
  for (let i = 0; i < f.ids.length; i++) {
    let sx = 0;
    let sy = 0;
    const [a, b] = [f.offsets[i], f.offsets[i + 1]];
    for (let v = a; v < b; v++) {
      sx += f.lonLat[2 * v];
      sy += f.lonLat[2 * v + 1];
    }
    const [cx, cy] = [sx / (b - a), sy / (b - a)];
    if (Math.hypot((cx - lon) * mx, (cy - lat) * 111_320) <= radiusM) out.push({ id: f.ids[i], lon: cx, lat: cy, height: f.heights[i] });
  }
  return out;
}

export async function measureView(
  browser: Browser,
  baseUrl: string,
  spec: ViewSpec,
  footprints: FootprintsFile | null,
  screenshotPath: string,
): Promise<ViewResult> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    // Room for every request of the view (the default buffer keeps 250 entries).
    await context.addInitScript(() => performance.setResourceTimingBufferSize(1_000_000));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    const started = performance.now();
    await page.goto(viewUrl(baseUrl, spec));
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__vseoul?.ready === true, null, { timeout: 300_000 });
    const appError = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul?.error ?? null);
    if (appError) throw new Error(`${spec.id}: the app reported: ${appError}`);
    // Settled: everything loaded, and still so after two more frames and a moment. Software WebGL
    // on a shared machine draws a street view in seconds per frame: up to SETTLE_TIMEOUT_MS.
    let settleSeconds = NaN;
    const partsLoadedAt: Record<string, number> = {};
    for (const deadline = started + SETTLE_TIMEOUT_MS; performance.now() < deadline;) {
      await page.waitForTimeout(2000);
      const parts = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.loadedParts);
      for (const [part, done] of Object.entries(parts)) {
        if (done) partsLoadedAt[part] ??= (performance.now() - started) / 1000;
        else delete partsLoadedAt[part]; // loading again: the time it last finished counts
      }
      if (!Object.values(parts).every(Boolean)) continue;
      await page.evaluate(async () => {
        await (globalThis as unknown as PageGlobals).__vseoul!.renderFrame();
        await (globalThis as unknown as PageGlobals).__vseoul!.renderFrame();
      });
      if (await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.tilesLoaded)) {
        settleSeconds = (performance.now() - started) / 1000;
        break;
      }
    }
    const load = (await import('node:os')).loadavg()[0];

    const drawn = await page.evaluate((withIds) => (globalThis as unknown as PageGlobals).__vseoul!.drawnBuildings(withIds), Boolean(spec.fullDetailM));
    if (!drawn) throw new Error(`${spec.id}: the page has no buildings tileset`);
    const frames = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.frames);
    const entries = await page.evaluate(() =>
      // encodedBodySize: the body as it came over the wire (compressed when the host compressed it).
      performance.getEntriesByType('resource').map((e) => ({ name: e.name, bytes: (e as unknown as { encodedBodySize: number }).encodedBodySize })),
    );
    const requests: ViewResult['requests'] = {};
    for (const e of entries) {
      const r = (requests[kindOf(e.name)] ??= { count: 0, bytes: 0 });
      r.count++;
      r.bytes += e.bytes;
    }

    let nearby: ViewResult['nearby'] = null;
    if (spec.fullDetailM && spec.camera && footprints) {
      const near = buildingsNear(footprints, spec.camera.lon, spec.camera.lat, spec.fullDetailM);
      const positions = await page.evaluate(
        (pts) => pts.map((p) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(p.lon, p.lat, p.height / 2)),
        near,
      );
      const ids = new Set(drawn.ids);
      const onScreen = near.filter((_, i) => {
        const p = positions[i];
        return p !== null && p.x >= 0 && p.x < VIEWPORT.width && p.y >= 0 && p.y < VIEWPORT.height;
      });
      const missing = onScreen.filter((b) => !ids.has(b.id)).map((b) => b.id);
      nearby = { onScreen: onScreen.length, drawn: onScreen.length - missing.length, missing: missing.slice(0, 10) };
    }

    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const pid = await browserPid();
    const tree = pid ? await processTreeMB(pid) : null;
    await page.screenshot({ path: screenshotPath, timeout: 300_000 });
    return {
      spec,
      settleSeconds,
      partsLoadedAt,
      frames,
      requests,
      drawn: { ...drawn, ids: [] },
      jsHeapMb: heap / MB,
      rendererMb: tree?.largestByKind.renderer ?? NaN,
      gpuMb: tree?.largestByKind.gpu ?? NaN,
      browserTreeMb: tree?.mb ?? NaN,
      nearby,
      load,
      errors,
    };
  } finally {
    await context.close();
  }
}
