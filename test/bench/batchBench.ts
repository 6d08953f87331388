// Citywide batch runs (issue 14): ground sun hours (winter solstice, 08:00-16:00, 10-minute steps,
// 1 m) over up to 25 tiles of the build ($VSEOUL_CITY_DIR, e.g. the 600,000-building fixture, else
// the default patch build made here) with one and with two worker processes on a real Redis; the
// queue's own overhead per job with empty jobs; the whole city (605 km²) extrapolated from the
// measured per-tile time. The load average is printed beside every figure: the machine is shared.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue, Worker } from 'bullmq';
import { toWgs84 } from '../../common/crs.js';
import { BatchQueue, connectRedis } from '../../main/batch/batchQueue.js';
import type { BatchSummary } from '../../main/batch/mergeRun.js';
import { parseBatchArea, planBatch } from '../../main/batch/planBatch.js';
import { startRedis } from '../support/redisServer.js';
import { benchCityDir } from '../support/testCity.js';
import { writeBatchScenario } from '../support/batchScenario.js';
import type { Bench, Figure } from './figures.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CITY_TILES = 605;
const EMPTY_JOBS = 500;
/** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK; 100 on Linux). */
const CLK_TCK = 100;

/** The 1-minute load average sampled every second while a run lasts: "load MIN–MAX (mean M) on N cores". */
function loadSampler(): { stop(): string } {
  const samples = [os.loadavg()[0]];
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 1000);
  return {
    stop() {
      clearInterval(timer);
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      return `load ${Math.min(...samples).toFixed(1)}–${Math.max(...samples).toFixed(1)} (mean ${mean.toFixed(1)}) on ${os.availableParallelism()} cores`;
    },
  };
}

/** CPU seconds (user + system, every thread) a live process has used so far. */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14 and 15)
}

interface RunFigures {
  seconds: number;
  /** CPU seconds of the worker processes (start-up, engine threads, queue, merge). */
  cpuSeconds: number;
  load: string;
  summary: BatchSummary;
}

async function runWith(workers: number, redisUrl: string, cityRoot: string, tmp: string, area: string): Promise<RunFigures> {
  const scenario = writeBatchScenario(tmp, 'batch-bench', { type: 'sunHours', date: '2026-12-22', start: '08:00', end: '16:00', stepMinutes: 10 });
  const runId = `bench-${workers}w`;
  const spec = await planBatch({
    scenarioFile: scenario,
    area: parseBatchArea([area]),
    cityUrl: pathToFileURL(`${cityRoot}/`).href,
    outDir: path.join(tmp, 'out'),
    runId,
  });
  const children: ChildProcess[] = [];
  const sampler = loadSampler();
  const started = performance.now();
  const batch = new BatchQueue(redisUrl);
  await batch.enqueue(spec);
  await batch.destroy();
  let log = '';
  for (let i = 0; i < workers; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/batchWorker.ts', '--redis', redisUrl], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    children.push(child);
  }
  const summaryFile = path.join(spec.outDir, 'summary.json');
  while (!existsSync(summaryFile)) {
    // A worker that exits before the run is merged would leave this loop waiting forever.
    if (children.some((c) => c.exitCode !== null || c.signalCode !== null)) throw new Error(`a batch worker exited before the run finished:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const load = sampler.stop();
  const cpuSeconds = children.reduce((sum, c) => sum + cpuSecondsOf(c.pid!), 0);
  for (const c of children) process.kill(c.pid!, 'SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as BatchSummary;
  if (summary.failed.length)
    throw new Error(`${runId}: ${summary.failed.length} tiles failed: ${summary.failed.map((f) => `${f.tile}: ${f.error}`).join('; ')}`);
  return { seconds, cpuSeconds, load, summary };
}

/** Seconds per job of BullMQ alone: empty jobs through one worker. */
async function queueOverhead(redisUrl: string): Promise<number> {
  const connection = connectRedis(redisUrl);
  const queue = new Queue('vseoul-bench-empty', { connection });
  await queue.addBulk(Array.from({ length: EMPTY_JOBS }, (_, i) => ({ name: 'empty', data: { i } })));
  let done = 0;
  const started = performance.now();
  const worker = new Worker('vseoul-bench-empty', async () => null, { connection, concurrency: 1 });
  worker.on('completed', () => done++);
  while (done < EMPTY_JOBS) await new Promise((r) => setTimeout(r, 20));
  const perJob = (performance.now() - started) / 1000 / EMPTY_JOBS;
  await worker.close();
  await queue.close();
  await connection.quit();
  return perJob;
}

export const batchBench: Bench = {
  name: 'batch',
  description: 'citywide ground sun batch on BullMQ: tiles per second with 1 and 2 worker processes, queue overhead per job, whole city extrapolated',
  async run(): Promise<Figure[]> {
    const build = await benchCityDir('batchbench');
    const redis = await startRedis();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-batchbench-'));
    try {
      const manifest = JSON.parse(readFileSync(path.join(build.root, 'manifest.json'), 'utf8')) as { surface: { tiles: Array<[number, number]> } };
      // A block of up to 5 x 5 tiles around the build's first tile that has a full neighbourhood.
      const tiles = manifest.surface.tiles;
      const e0 = Math.min(...tiles.map((t) => t[0]));
      const n1 = Math.max(...tiles.map((t) => t[1]));
      const [w, s] = toWgs84(5186, e0 * 1000 + 50, (n1 - 4) * 1000 + 50);
      const [e, n] = toWgs84(5186, (e0 + 5) * 1000 - 50, (n1 + 1) * 1000 - 50);
      const area = [w, s, e, n].join(',');
      const one = await runWith(1, redis.url, build.root, tmp, area);
      const tileCount = one.summary.done;
      const perTile = one.summary.tileSeconds / tileCount;
      console.log(
        `1 worker: ${tileCount} tiles in ${one.seconds.toFixed(1)} s (${perTile.toFixed(2)} s per tile job), ${one.cpuSeconds.toFixed(1)} s CPU; ${one.load}`,
      );
      const two = await runWith(2, redis.url, build.root, tmp, area);
      console.log(`2 workers: ${two.summary.done} tiles in ${two.seconds.toFixed(1)} s, ${two.cpuSeconds.toFixed(1)} s CPU; ${two.load}`);
      const queueLoad = loadSampler();
      const overhead = await queueOverhead(redis.url);
      const loadQueue = queueLoad.stop();
      console.log(`queue overhead ${(overhead * 1000).toFixed(2)} ms per empty job (${EMPTY_JOBS} jobs); ${loadQueue}`);
      const tps1 = tileCount / one.seconds;
      const tps2 = two.summary.done / two.seconds;
      // What a real run spends per tile outside runTile: worker start-up (tsx, the engine thread), the
      // queue, the merge; one worker, so its wall time is all its own.
      const runOverhead = (one.seconds - one.summary.tileSeconds) / tileCount;
      const size = `${tileCount} tiles of 1 km² (1 m cells), winter solstice 08:00-16:00, 10-min steps`;
      const both = `${size}; 1 worker ${one.load}; 2 workers ${two.load}`;
      return [
        { bench: 'batch', metric: 'tiles per second, 1 worker process', value: tps1, unit: 'tiles/s', size: `${size}; ${one.load}` },
        { bench: 'batch', metric: 'tiles per second, 2 worker processes', value: tps2, unit: 'tiles/s', size: `${size}; ${two.load}` },
        { bench: 'batch', metric: 'scaling efficiency 1 -> 2 workers (goal >= 0.85)', value: tps2 / tps1 / 2, unit: 'ratio', size: both },
        { bench: 'batch', metric: 'time per tile job (engine + GeoTIFF), 1 worker', value: perTile, unit: 's', size: `${size}; ${one.load}` },
        // CPU time varies far less than wall time with the other users' load.
        {
          bench: 'batch',
          metric: 'CPU seconds per tile (worker processes, all threads), 1 worker',
          value: one.cpuSeconds / tileCount,
          unit: 's',
          size: `${size}; ${one.load}`,
        },
        {
          bench: 'batch',
          metric: 'CPU seconds per tile (worker processes, all threads), 2 workers',
          value: two.cpuSeconds / two.summary.done,
          unit: 's',
          size: `${size}; ${two.load}`,
        },
        {
          bench: 'batch',
          metric: 'queue overhead per empty job (goal < 20 ms)',
          value: overhead * 1000,
          unit: 'ms',
          size: `${EMPTY_JOBS} empty jobs, 1 worker; ${loadQueue}`,
        },
        {
          bench: 'batch',
          metric: 'real run: wall time per tile outside the tile job (start-up, queue, merge), 1 worker',
          value: runOverhead * 1000,
          unit: 'ms',
          size: `${size}; ${one.load}`,
        },
        {
          bench: 'batch',
          metric: 'whole city, 1 worker on this machine (EXTRAPOLATED from the measured rate)',
          value: CITY_TILES / tps1 / 60,
          unit: 'min',
          size: `${CITY_TILES} tiles; ${one.load}`,
        },
        {
          bench: 'batch',
          metric: 'whole city, 2 workers on this machine (EXTRAPOLATED from the measured rate)',
          value: CITY_TILES / tps2 / 60,
          unit: 'min',
          size: `${CITY_TILES} tiles; ${two.load}`,
        },
      ];
    } finally {
      await redis.stop();
      rmSync(tmp, { recursive: true, force: true });
      build.remove();
    }
  },
};
