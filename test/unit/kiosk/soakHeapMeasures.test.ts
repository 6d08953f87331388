// The soak's two heap measures against a page whose allocations the test makes itself, in real
// Chromium: V8's GC trace split (objects vs code) and the heap-snapshot growth by constructor.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CdpPipe } from '../../soak/cdpPipe.js';
import { heapGrowth, summarizeHeapSnapshot } from '../../soak/heapSnapshotSummary.js';
import { V8SpaceTrace } from '../../soak/v8SpaceTrace.js';
import { HEADLESS_CHROMIUM_ARGS } from '../../support/chromiumArgs.js';

const MB = 1024 * 1024;
let profile: string;
let browser: CdpPipe;
let page: string;
const spaces = new V8SpaceTrace();

beforeAll(async () => {
  profile = await mkdtemp(path.join(os.tmpdir(), 'vseoul-heap-'));
  browser = CdpPipe.launch(
    process.env.VSEOUL_CHROMIUM ?? '/usr/bin/chromium',
    ['--headless', ...HEADLESS_CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--enable-logging=stderr', '--js-flags=--trace-gc-verbose'],
    (line) => spaces.line(line),
  );
  page = await browser.openPage();
  await browser.send('Performance.enable', {}, page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(profile, { recursive: true, force: true });
});

async function measure(): Promise<{ usedMB: number; objectsMB: number; codeMB: number }> {
  await browser.send('HeapProfiler.collectGarbage', {}, page);
  const { metrics } = await browser.send<{ metrics: Array<{ name: string; value: number }> }>('Performance.getMetrics', {}, page);
  const usedMB = metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / MB;
  await new Promise((r) => setTimeout(r, 300));
  const split = spaces.split(usedMB);
  expect(split, `an isolate in the GC trace matches the page's ${usedMB.toFixed(1)} MB`).not.toBeNull();
  return { usedMB, objectsMB: split!.objectsMB, codeMB: split!.codeMB };
}

test('the GC-trace split sees 9 MB of kept objects as objects, not code; the snapshot names their constructor', async () => {
  const before = await measure();
  const snapBefore = summarizeHeapSnapshot(await browser.heapSnapshot(page));
  // 100,000 instances of a named class holding a 12-element array each: about 9 MB kept alive.
  await browser.evaluate(
    page,
    'class SoakProbe { constructor(i) { this.v = new Array(12).fill(i); } }; globalThis.kept = Array.from({ length: 100000 }, (_, i) => new SoakProbe(i)); 1',
  );
  const after = await measure();
  const snapAfter = summarizeHeapSnapshot(await browser.heapSnapshot(page));

  const grown = after.objectsMB - before.objectsMB;
  console.log(
    `used ${before.usedMB.toFixed(1)} -> ${after.usedMB.toFixed(1)} MB; objects +${grown.toFixed(1)} MB, code ${before.codeMB.toFixed(2)} -> ${after.codeMB.toFixed(2)} MB`,
  );
  expect(grown).toBeGreaterThan(7);
  expect(grown).toBeLessThan(20);
  expect(Math.abs(after.codeMB - before.codeMB)).toBeLessThan(2);
  // The split adds up to what DevTools reports for the page.
  expect(Math.abs(after.objectsMB + after.codeMB - after.usedMB)).toBeLessThan(2);

  const top = heapGrowth(snapBefore, snapAfter, 5);
  const probe = top.find((g) => g.key === 'object SoakProbe');
  expect(probe?.count).toBe(100_000);
}, 120_000);
