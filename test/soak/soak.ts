// npm run soak: the kiosk's attract loop with live layers in Debian's Chromium for SOAK_MINUTES
// (default 15), sampling memory every SOAK_SAMPLE_SECONDS (default 30):
//   - JS heap used, after a forced garbage collection (CDP HeapProfiler.collectGarbage, then
//     Performance.getMetrics), plus DOM nodes and JS event listeners;
//   - memory of the whole browser process tree (browser, renderer, GPU/SwiftShader, utility):
//     the sum of PSS from /proc/<pid>/smaps_rollup (shared pages counted once overall), and the
//     same split by process kind, so a swing or a growth can be pinned on one process.
// The page is driven over a bare DevTools pipe (cdpPipe.ts), not Playwright, whose Network and
// Runtime domains would keep request and console data in the very heap being measured.
// Rule (after a warm-up of SOAK_WARMUP_MINUTES, default 3, and at least SOAK_WARMUP_LOOPS tour loops,
// default 2, while tile, shader and label caches fill: they fill per stop seen, and a busy machine shows
// fewer stops per minute): the linear-fit
// slope of the JS objects on the heap (the used heap less compiled code and bytecode, which V8 adds
// while it tiers up the tour over many loops; see v8SpaceTrace.ts) must stay below
// SOAK_MAX_HEAP_MB_PER_HOUR (default 10); the whole used heap and the code are reported beside it; the process tree
// swings by ±100 MB within a tour loop, so its rule is on the lower envelope (the minimum of each
// SOAK_ENVELOPE_SECONDS window, default 120 s ≈ one loop): slope below SOAK_MAX_PROCESS_MB_PER_HOUR
// (default 120); no recovery reload may happen, and no error line may reach the renderer log
// (DOM nodes and JS event listeners are reported: they swing with Cesium's flights). Exit code 1
// when a rule fails. Writes test-results/soak/soak-<time>.{md,json}.
// Not part of `npm test` (it takes SOAK_MINUTES plus about a minute of set-up); .ci/run runs it after.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleRenderer } from '../../build/bundleRenderer.js';
import { createHostFeeds } from '../../main/feeds/hostFeeds.js';
import { startHostServer } from '../../main/host/httpServer.js';
import { buildCity } from '../../tiles/buildCity.js';
import { CdpPipe } from './cdpPipe.js';
import { HEADLESS_CHROMIUM_ARGS } from '../support/chromiumArgs.js';
import { heapGrowth, summarizeHeapSnapshot, type HeapGroup, type HeapGrowth } from './heapSnapshotSummary.js';
import { linearFit, windowMinima } from './memoryFit.js';
import { V8SpaceTrace } from './v8SpaceTrace.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';
import { processTreeMB } from '../support/processTree.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const MINUTES = num('SOAK_MINUTES', 15);
const SAMPLE_S = num('SOAK_SAMPLE_SECONDS', 30);
const WARMUP_MIN = num('SOAK_WARMUP_MINUTES', 3);
const WARMUP_LOOPS = num('SOAK_WARMUP_LOOPS', 2);
const MAX_HEAP = num('SOAK_MAX_HEAP_MB_PER_HOUR', 10);
const MAX_PROC = num('SOAK_MAX_PROCESS_MB_PER_HOUR', 120);
/** Windows for the process tree's lower envelope: about one tour loop. */
const ENVELOPE_S = num('SOAK_ENVELOPE_SECONDS', 120);
/** SOAK_HEAP_SNAPSHOTS=1: heap snapshots after the warm-up, half-way and at the end, and what grew between them, by constructor. */
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS === '1';
const MB = 1024 * 1024;

interface Sample {
  t: number;
  heapMB: number;
  /** The used heap less code and trusted spaces (V8's GC trace); null when the trace had no match. */
  objectsMB: number | null;
  codeMB: number | null;
  heapTotalMB: number;
  nodes: number;
  listeners: number;
  processMB: number;
  processes: number;
  /** PSS by Chromium process kind (MB): which process a swing or a growth belongs to. */
  byKind: Record<string, number>;
  stopsShown: number;
  recoveries: number;
  stopId: string | null;
}

async function main(): Promise<void> {
  const started = Date.now();
  const temp = await mkdtemp(path.join(os.tmpdir(), 'vseoul-soak-'));
  process.env.VSEOUL_LOG_DIR = path.join(temp, 'logs');
  let cityDir = process.env.VSEOUL_SOAK_CITY_DIR;
  if (!cityDir) {
    cityDir = path.join(temp, 'city');
    const sourceDir = path.resolve(repoRoot, process.env.VSEOUL_DATA_DIR ?? '../shared/data');
    await buildCity({ sourceDir, sourcesConfig: PATCH_SOURCES_FILE, outDir: cityDir }, { issue: () => {}, progress: () => {}, info: () => {} });
  }
  const bundle = await bundleRenderer();
  const feeds = createHostFeeds();
  const server = await startHostServer({
    rendererDir: bundle.outDir,
    cesiumDir: path.join(repoRoot, 'node_modules', 'cesium', 'Build', 'Cesium'),
    cityDir,
    host: '127.0.0.1',
    port: 0,
    routes: feeds.routes,
    onError: (line) => console.error(`[soak host] ${line}`),
  });
  const profile = path.join(temp, 'chromium-profile');
  const spaces = new V8SpaceTrace();
  const browser = CdpPipe.launch(
    process.env.VSEOUL_CHROMIUM ?? '/usr/bin/chromium',
    [
      '--headless',
      ...HEADLESS_CHROMIUM_ARGS,
      '--window-size=800,600',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--js-flags=--trace-gc-verbose',
    ],
    (line) => spaces.line(line),
  );
  const browserPid = browser.pid;
  const samples: Sample[] = [];
  const failed: string[] = [];
  const tourStops = (JSON.parse(await readFile(path.join(repoRoot, 'scenarios', 'tours', 'seoul.tour.json'), 'utf8')) as { stops: unknown[] }).stops.length;
  const warmStops = WARMUP_LOOPS * tourStops;
  const warmedUp = (s: { t: number; stopsShown: number }) => s.t >= WARMUP_MIN * 60 && s.stopsShown >= warmStops;
  let warmAt: number | undefined;
  // Snapshots after the warm-up, half-way through the rest, and at the end: growth in both halves
  // tells a cache still filling (second half smaller) from a leak (both halves alike).
  const heaps: Array<{ t: number; groups: Map<string, HeapGroup> }> = [];
  const growth: Array<{ from: number; to: number; groups: HeapGrowth[] }> = [];
  try {
    const page = await browser.openPage();
    await browser.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 1, mobile: false }, page);
    await browser.send('Performance.enable', {}, page);
    const url = `${server.url}?${new URLSearchParams({ mode: 'kiosk', light: '1', time: '2026-06-21T14:00:00+09:00', lang: 'ko' })}`;
    await browser.send('Page.navigate', { url }, page);
    const kioskState = () => browser.evaluate<string | null>(page, 'globalThis.__vseoulKiosk?.state ?? null').catch(() => null);
    for (const until = Date.now() + 120_000; (await kioskState()) !== 'attract';) {
      if (Date.now() > until) throw new Error('the kiosk did not reach the attract loop within 120 s');
      await new Promise((r) => setTimeout(r, 1000));
    }
    const t0 = Date.now();
    console.log(
      `[soak] attract loop running after ${((t0 - started) / 1000).toFixed(0)} s of set-up; sampling every ${SAMPLE_S} s for ${MINUTES} min (browser pid ${browserPid})`,
    );
    console.log('   t (s)  heap MB  objects  code  tree MB  renderer  gpu  browser  util  procs  nodes  listeners  stops  stop');
    for (;;) {
      const t = (Date.now() - t0) / 1000;
      await browser.send('HeapProfiler.collectGarbage', {}, page);
      const { metrics } = await browser.send<{ metrics: Array<{ name: string; value: number }> }>('Performance.getMetrics', {}, page);
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const kiosk = await browser.evaluate<{ stopsShown: number; recoveries: number; stopId: string | null }>(
        page,
        '(() => { const k = globalThis.__vseoulKiosk; return { stopsShown: k.stopsShown, recoveries: k.recoveries.length, stopId: k.stopId }; })()',
      );
      const tree = await processTreeMB(browserPid);
      // The forced collection's trace lines cross a pipe; they have arrived by now (the tree read takes longer), checked by the match.
      const split = spaces.split(m.JSHeapUsedSize / MB);
      const s: Sample = {
        t,
        heapMB: m.JSHeapUsedSize / MB,
        objectsMB: split?.objectsMB ?? null,
        codeMB: split?.codeMB ?? null,
        heapTotalMB: m.JSHeapTotalSize / MB,
        nodes: m.Nodes,
        listeners: m.JSEventListeners,
        processMB: tree.mb,
        processes: tree.count,
        byKind: tree.byKind,
        ...kiosk,
      };
      samples.push(s);
      console.log(
        `${t.toFixed(0).padStart(8)} ${s.heapMB.toFixed(1).padStart(8)} ${(s.objectsMB?.toFixed(1) ?? '-').padStart(8)} ${(s.codeMB?.toFixed(1) ?? '-').padStart(5)} ${s.processMB.toFixed(0).padStart(8)} ${s.byKind.renderer.toFixed(0).padStart(9)} ${s.byKind.gpu.toFixed(0).padStart(4)} ${s.byKind.browser.toFixed(0).padStart(8)} ${s.byKind.utility.toFixed(0).padStart(5)} ${String(s.processes).padStart(6)} ${String(s.nodes).padStart(6)} ${String(s.listeners).padStart(10)} ${String(s.stopsShown).padStart(6)}  ${s.stopId ?? '-'}`,
      );
      warmAt ??= warmedUp(s) ? t : undefined;
      const snapshotAt = warmAt === undefined ? [] : [warmAt, (warmAt + MINUTES * 60) / 2, MINUTES * 60];
      if (SNAPSHOTS && heaps.length < snapshotAt.length && t >= snapshotAt[heaps.length]) {
        heaps.push({ t, groups: summarizeHeapSnapshot(await browser.heapSnapshot(page)) });
        if (heaps.length > 1) {
          const [a, b] = heaps.slice(-2);
          growth.push({ from: a.t, to: b.t, groups: heapGrowth(a.groups, b.groups) });
        }
      }
      if (t >= MINUTES * 60) break;
      // The next slot of the sampling grid (a snapshot can take longer than one interval).
      const next = Math.ceil((Date.now() - t0 + 1) / (SAMPLE_S * 1000)) * SAMPLE_S * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + next - Date.now())));
    }
  } finally {
    await browser.close();
    await server.close();
    feeds.stop();
  }

  // Page errors reach the host's renderer log (the kiosk logs uncaught errors itself; no DevTools
  // console is attached, see cdpPipe.ts).
  const logText = await readFile(path.join(process.env.VSEOUL_LOG_DIR!, 'renderer.log'), 'utf8').catch(() => '');
  const errorLines = logText.split('\n').filter((l) => / \[renderer\] ERROR /.test(l));
  for (const l of errorLines.slice(0, 10)) console.error(`[soak page] ${l}`);

  const after = warmAt === undefined ? [] : samples.filter((s) => s.t >= warmAt!);
  const heapFit = linearFit(
    after.map((s) => s.t),
    after.map((s) => s.heapMB),
  );
  const split = after.filter((s) => s.objectsMB !== null && s.codeMB !== null);
  const objectsFit = linearFit(
    split.map((s) => s.t),
    split.map((s) => s.objectsMB!),
  );
  const codeFit = linearFit(
    split.map((s) => s.t),
    split.map((s) => s.codeMB!),
  );
  const rawProcFit = linearFit(
    after.map((s) => s.t),
    after.map((s) => s.processMB),
  );
  const floor = windowMinima(
    after.map((s) => s.t),
    after.map((s) => s.processMB),
    ENVELOPE_S,
  );
  const procFit = linearFit(floor.t, floor.y);
  const first = samples[0];
  const warm = after[0];
  const last = samples[samples.length - 1];
  if (after.length < 4 || floor.t.length < 3) failed.push(`only ${after.length} samples (${floor.t.length} envelope windows) after the warm-up; run longer`);
  if (split.length < Math.max(4, after.length * 0.8))
    failed.push(`the heap's split into objects and code was read for only ${split.length} of ${after.length} samples (V8's GC trace on stderr)`);
  else if (objectsFit.slopePerHour >= MAX_HEAP) failed.push(`JS objects on the heap grow ${objectsFit.slopePerHour.toFixed(1)} MB/h (limit ${MAX_HEAP})`);
  if (procFit.slopePerHour >= MAX_PROC) failed.push(`process tree grows ${procFit.slopePerHour.toFixed(1)} MB/h (limit ${MAX_PROC})`);
  if (last.recoveries > 0) failed.push(`${last.recoveries} recoveries (reloads) during the soak`);
  if (errorLines.length) failed.push(`${errorLines.length} error lines in the renderer log (first: ${errorLines[0]})`);

  const row = (label: string, s: Sample | undefined) =>
    s
      ? `| ${label} | ${s.t.toFixed(0)} | ${s.heapMB.toFixed(1)} | ${s.objectsMB?.toFixed(1) ?? '-'} | ${s.processMB.toFixed(0)} | ${s.nodes} | ${s.listeners} | ${s.stopsShown} |`
      : `| ${label} | - | - | - | - | - | - | - |`;
  const md = [
    `# Kiosk soak, ${new Date(started).toISOString()}`,
    '',
    `${MINUTES} min attract loop (tour seoul, ?light=1, 800×600, SwiftShader WebGL), sample every ${SAMPLE_S} s, warm-up ${WARMUP_MIN} min and ${WARMUP_LOOPS} tour loops (${warmStops} stops): ${warmAt === undefined ? 'not reached' : `ended at ${warmAt.toFixed(0)} s`}. Load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores.`,
    '',
    '| sample | t (s) | JS heap after GC (MB) | of which JS objects (MB) | browser process tree PSS (MB) | DOM nodes | JS listeners | stops shown |',
    '|---|---|---|---|---|---|---|---|',
    row('start', first),
    row('after warm-up', warm),
    row('end', last),
    '',
    `Linear fit after warm-up (${heapFit.n} samples): JS objects on the heap ${objectsFit.slopePerHour.toFixed(2)} MB/h (R² ${objectsFit.r2.toFixed(2)}, ${objectsFit.n} samples, limit ${MAX_HEAP}); compiled code and bytecode ${codeFit.slopePerHour.toFixed(2)} MB/h (not a rule: V8 tiering up); the whole used heap ${heapFit.slopePerHour.toFixed(2)} MB/h (R² ${heapFit.r2.toFixed(2)}); process tree, lower envelope (minimum per ${ENVELOPE_S} s, ${procFit.n} windows) ${procFit.slopePerHour.toFixed(1)} MB/h (limit ${MAX_PROC}); all samples ${rawProcFit.slopePerHour.toFixed(0)} MB/h (R² ${rawProcFit.r2.toFixed(2)}, not a rule: noise of ±100 MB within a loop).`,
    '',
    `Per process kind at the end (PSS MB): ${Object.entries(last.byKind)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}; after warm-up: ${Object.entries(warm?.byKind ?? {})
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}. Renderer log: ${errorLines.length} error lines.`,
    '',
    failed.length ? `**FAILED**: ${failed.join('; ')}` : '**PASSED**',
    '',
    ...growth.flatMap((g) => [
      `## What grew from ${g.from.toFixed(0)} s to ${g.to.toFixed(0)} s (heap snapshots, by constructor)`,
      '',
      '| constructor or kind | objects | KB |',
      '|---|---|---|',
      ...g.groups.map((x) => `| ${x.key.replace(/\|/g, '\\|')} | ${x.count} | ${(x.bytes / 1024).toFixed(1)} |`),
      '',
    ]),
    '## All samples',
    '',
    '| t (s) | JS heap (MB) | objects (MB) | code (MB) | heap total (MB) | tree PSS (MB) | renderer | gpu | browser | utility | processes | DOM nodes | JS listeners | stops shown | stop |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...samples.map(
      (s) =>
        `| ${s.t.toFixed(0)} | ${s.heapMB.toFixed(1)} | ${s.objectsMB?.toFixed(1) ?? '-'} | ${s.codeMB?.toFixed(1) ?? '-'} | ${s.heapTotalMB.toFixed(1)} | ${s.processMB.toFixed(0)} | ${s.byKind.renderer.toFixed(0)} | ${s.byKind.gpu.toFixed(0)} | ${s.byKind.browser.toFixed(0)} | ${s.byKind.utility.toFixed(0)} | ${s.processes} | ${s.nodes} | ${s.listeners} | ${s.stopsShown} | ${s.stopId ?? '-'} |`,
    ),
  ].join('\n');
  const outDir = path.join(repoRoot, 'test-results', 'soak');
  await mkdir(outDir, { recursive: true });
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  await writeFile(path.join(outDir, `soak-${stamp}.md`), md + '\n');
  await writeFile(
    path.join(outDir, `soak-${stamp}.json`),
    JSON.stringify(
      {
        minutes: MINUTES,
        sampleSeconds: SAMPLE_S,
        warmupMinutes: WARMUP_MIN,
        warmupLoops: WARMUP_LOOPS,
        warmupEndedAt: warmAt ?? null,
        envelopeSeconds: ENVELOPE_S,
        heapFit,
        objectsFit,
        codeFit,
        procFit,
        rawProcFit,
        failed,
        samples,
        heapGrowth: growth,
      },
      null,
      2,
    ),
  );
  await rm(temp, { recursive: true, force: true });
  console.log(`\n${md.split('## All samples')[0]}`);
  console.log(`[soak] wall time ${((Date.now() - started) / 60000).toFixed(1)} min; report in test-results/soak/soak-${stamp}.md`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
