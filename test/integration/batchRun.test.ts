// Citywide batch runs (issue 14) on a real Redis and real worker processes over the real city build:
// a 3 x 3-tile ground-sun batch on two workers equals one run of the same engine over the whole
// block cell for cell (seams included); a worker killed mid-job leaves its tile to another; a tile
// failing three times is reported while the rest finishes, and re-runs alone; a Redis restart
// mid-run (append-only file) does not stop the run; a tile outlasting the lock duration keeps its
// lock (the engine runs on a worker thread) and runs once; a scenario failing its schema enqueues
// nothing. GDAL reads the tiles and the mosaic with the intended georeferencing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWgs84 } from '../../common/crs.js';
import { BatchQueue } from '../../main/batch/batchQueue.js';
import type { BatchSummary } from '../../main/batch/mergeRun.js';
import { runDeclaredAnalysis } from '../../workers/analyses/runDeclaredAnalysis.js';
import { buildTestCity, type TestCity } from '../support/testCity.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';
import { until } from '../support/until.js';
import { writeBatchScenario } from '../support/batchScenario.js';
import { gdalInfo } from '../support/gdalInfo.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The Hongjecheon patch's surface model: tiles 193..195 x 552..554 (1 km, EPSG:5186). */
const BLOCK = { minX: 193000, minY: 552000, maxX: 196000, maxY: 555000 };
/**
 * Midday at midsummer: the lowest sun (~74°) keeps every shadow of the patch, hills included, within
 * the 400 m halo (at the winter solstice the hills by the Hongjecheon cast further than 400 m).
 */
const SUN = { type: 'sunHours', date: '2026-06-21', start: '11:00', end: '13:00', stepMinutes: 60 };
/** A longer day for the fault tests, so that a job is still running when it is interrupted. */
const LONG_SUN = { type: 'sunHours', date: '2026-12-22', start: '08:00', end: '16:00', stepMinutes: 30 };
/** The benchmark's day (10-minute steps): a tile computes for many seconds. */
const BENCH_SUN = { ...LONG_SUN, stepMinutes: 10 };

let city: TestCity;
let redis: TestRedis;
let tmp: string;
const children: ChildProcess[] = [];

/** A lon/lat box just inside the given EPSG:5186 box (so it touches exactly its tiles). */
function innerArea(b: typeof BLOCK): string {
  const [w, s] = toWgs84(5186, b.minX + 50, b.minY + 50);
  const [e, n] = toWgs84(5186, b.maxX - 50, b.maxY - 50);
  return [w, s, e, n].join(',');
}

function cli(script: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** A worker process. `lockMs`: how soon another worker retakes a dead worker's job (default BullMQ's 30 s). */
function startWorker(lockMs?: number): ChildProcess & { log: () => string } {
  const lock = lockMs === undefined ? [] : ['--lock-ms', String(lockMs)];
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/batchWorker.ts', '--redis', redis.url, ...lock], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  children.push(child);
  return Object.assign(child, { log: () => out });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid!, 'SIGTERM');
  await exited;
}

/** `npm run batch` arguments for a scenario file over the inner area of `block`. */
function batchArgs(file: string, runId: string, block: typeof BLOCK): string[] {
  return [file, '--area', innerArea(block), '--redis', redis.url, '--city', city.root, '--out', path.join(tmp, 'out'), '--run', runId];
}

async function enqueue(runId: string, analysis: object, block: typeof BLOCK): Promise<string> {
  const file = writeBatchScenario(tmp, runId, analysis);
  const r = await cli('main/cli/batch.ts', batchArgs(file, runId, block));
  expect(r.code, r.out).toBe(0);
  return path.join(tmp, 'out', runId);
}

function summaryOf(outDir: string): BatchSummary | null {
  const f = path.join(outDir, 'summary.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as BatchSummary) : null;
}

async function finished(outDir: string, tiles: number, what: string): Promise<BatchSummary> {
  await until(
    () => {
      const s = summaryOf(outDir);
      return !!s && s.done + s.failed.length === tiles;
    },
    what,
    300_000,
  );
  return summaryOf(outDir)!;
}

async function readTif(file: string) {
  const buf = readFileSync(file);
  const tiff = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const image = await tiff.getImage();
  const [originX, originY] = image.getOrigin();
  return { originX, originY, width: image.getWidth(), height: image.getHeight(), values: (await image.readRasters())[0] as Float32Array };
}

/** The id of a tile job of the run once one is running (locked by a worker). */
async function runningTileJob(runId: string): Promise<string> {
  const batch = new BatchQueue(redis.url);
  try {
    for (let i = 0; i < 6000; i++) {
      const job = (await batch.queue.getActive()).find((j) => j.id?.startsWith(`${runId}.tile.`));
      if (job?.id) return job.id;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await batch.destroy();
  }
  throw new Error(`no tile job of ${runId} started`);
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-batch-'));
  [city, redis] = await Promise.all([buildTestCity('batch'), startRedis()]);
}, 600_000);

afterAll(async () => {
  for (const c of children) await stopWorker(c);
  await redis?.stop();
  city?.remove();
  rmSync(tmp, { recursive: true, force: true });
});

describe('batch runs on BullMQ', () => {
  it('refuses a scenario that fails its schema and enqueues nothing', async () => {
    const file = writeBatchScenario(tmp, 'bad', { type: 'sunHours', stepMinutes: 0 });
    const r = await cli('main/cli/batch.ts', batchArgs(file, 'bad', BLOCK));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/stepMinutes/);
    const batch = new BatchQueue(redis.url);
    try {
      expect(await batch.spec('bad')).toBeNull();
      const counts = await batch.queue.getJobCounts();
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await batch.destroy();
    }
    const rainFile = writeBatchScenario(tmp, 'rain', { type: 'rainFlood' });
    const rain = await cli('main/cli/batch.ts', [rainFile, '--area', 'seoul', '--redis', redis.url, '--city', city.root, '--run', 'rain']);
    expect(rain.code).toBe(1);
    expect(rain.out).toMatch(/rain flood couples neighbouring cells every step.*refuses/);
  }, 120_000);

  it('a 3 x 3 ground-sun batch on two workers equals one run over the block, seams included', async () => {
    const outDir = await enqueue('sun3x3', SUN, BLOCK);
    const workers = [startWorker(), startWorker()];
    const summary = await finished(outDir, 9, 'the 3 x 3 batch to finish');
    await Promise.all(workers.map(stopWorker));
    expect(summary.failed).toEqual([]);
    expect(summary.done).toBe(9);
    // Every tile's halo holds the farthest shadow of its surroundings at the lowest sun: tiles must equal one run.
    for (const t of summary.perTile) expect(t.shadowReach?.covered, t.tile).toBe(true);
    const spec = JSON.parse(readFileSync(path.join(outDir, 'mosaic.json'), 'utf8')) as { outputs: { hours: { tiles: Array<{ tile: string; path: string }> } } };
    expect(spec.outputs.hours.tiles.map((t) => t.tile).sort()).toEqual([
      '193_552',
      '193_553',
      '193_554',
      '194_552',
      '194_553',
      '194_554',
      '195_552',
      '195_553',
      '195_554',
    ]);

    const [west, south] = toWgs84(5186, BLOCK.minX, BLOCK.minY);
    const [east, north] = toWgs84(5186, BLOCK.maxX, BLOCK.maxY);
    const whole = await runDeclaredAnalysis({
      cityUrl: city.url,
      analysis: summary.analysis,
      area: { west, south, east, north },
      bounds5186: BLOCK,
      sunSite: summary.sunSite,
      variant: 'before',
    });
    const g = whole.rasters.hours;
    expect([g.originX, g.originY, g.width, g.height]).toEqual([BLOCK.minX, BLOCK.maxY, 3000, 3000]);
    let compared = 0;
    let differing = 0;
    let sunlit = 0;
    for (const t of spec.outputs.hours.tiles) {
      const tile = await readTif(path.join(outDir, t.path));
      expect([tile.width, tile.height]).toEqual([1000, 1000]);
      const col0 = Math.round(tile.originX - g.originX);
      const row0 = Math.round(g.originY - tile.originY);
      for (let r = 0; r < tile.height; r++)
        for (let c = 0; c < tile.width; c++) {
          const a = tile.values[r * tile.width + c];
          const b = g.values[(row0 + r) * g.width + col0 + c];
          compared++;
          if (a !== b) differing++;
          if (a > 0) sunlit++;
        }
    }
    expect(compared).toBe(9_000_000);
    expect(sunlit).toBeGreaterThan(1_000_000);
    expect(differing).toBe(0);

    // GDAL reads every tile as the 1 km tile of EPSG:5186 it is, and the VRT as the whole block.
    for (const t of spec.outputs.hours.tiles) {
      const info = gdalInfo(path.join(outDir, t.path));
      const [e, n] = t.tile.split('_').map(Number);
      expect(info.driverShortName).toBe('GTiff');
      expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",5186\]\]$/);
      expect(info.size).toEqual([1000, 1000]);
      expect(info.geoTransform).toEqual([e * 1000, 1, 0, (n + 1) * 1000, 0, -1]);
      expect(info.bands[0].type).toBe('Float32');
      expect(info.bands[0].noDataValue).toBe(-9999);
      // What geotiff.js writes (README): whole-width strips, not tiles, and no overviews.
      expect(info.bands[0].block[0]).toBe(1000);
      expect(info.bands[0].overviews ?? []).toEqual([]);
    }
    const mosaic = gdalInfo(path.join(outDir, 'mosaic-hours.vrt'));
    expect(mosaic.size).toEqual([3000, 3000]);
    expect(mosaic.geoTransform).toEqual([BLOCK.minX, 1, 0, BLOCK.maxY, 0, -1]);
    expect(mosaic.coordinateSystem.wkt).toMatch(/ID\["EPSG",5186\]\]$/);
  }, 600_000);

  it('a worker killed mid-job leaves its tile to another worker: no tile missing, none duplicated', async () => {
    const block = { minX: 193000, minY: 554000, maxX: 195000, maxY: 555000 };
    const outDir = await enqueue('kill', SUN, block);
    const doomed = startWorker(15_000);
    const killedJob = await runningTileJob('kill');
    const gone = new Promise((r) => doomed.once('exit', r));
    process.kill(doomed.pid!, 'SIGKILL');
    await gone;
    const rescuer = startWorker(15_000);
    const summary = await finished(outDir, 2, 'the run to finish after the kill');
    await stopWorker(rescuer);
    expect(summary.failed).toEqual([]);
    expect(summary.perTile.map((t) => t.tile).sort()).toEqual(['193_554', '194_554']);
    const retaken = summary.perTile.find((t) => killedJob.endsWith(t.tile))!;
    expect(retaken.worker).toMatch(new RegExp(`:${rescuer.pid}$`));
    const tifs = readdirSync(path.join(outDir, 'tiles', 'hours')).filter((f) => f.endsWith('.tif'));
    expect(tifs.sort()).toEqual(['193_554.tif', '194_554.tif']);
  }, 600_000);

  it('a tile computing for longer than the lock duration keeps its lock: not stalled, run once', async () => {
    const lockMs = 3000;
    const block = { minX: 193000, minY: 553000, maxX: 195000, maxY: 554000 };
    const outDir = await enqueue('longtile', BENCH_SUN, block);
    // Two workers: a tile whose lock lapsed would be put back by one's stalled-job check and taken by the other.
    const workers = [startWorker(lockMs), startWorker(lockMs)];
    const summary = await finished(outDir, 2, 'the run with tiles longer than the lock to finish');
    await Promise.all(workers.map(stopWorker));
    const logs = workers.map((w) => w.log()).join('\n');
    expect(summary.failed).toEqual([]);
    expect(summary.perTile.map((t) => t.tile).sort()).toEqual(['193_553', '194_553']);
    const batch = new BatchQueue(redis.url);
    try {
      for (const t of summary.perTile) {
        // The premise: the tile's engine ran for longer than its lock lasts without renewal.
        expect(t.seconds * 1000, t.tile).toBeGreaterThan(lockMs);
        expect(t.attempt, t.tile).toBe(1);
        expect(logs.match(new RegExp(`longtile\\.tile\\.${t.tile}: done`, 'g')), logs).toHaveLength(1);
        const job = await batch.queue.getJob(`longtile.tile.${t.tile}`);
        expect(job?.stalledCounter, t.tile).toBe(0);
      }
    } finally {
      await batch.destroy();
    }
    expect(logs).not.toMatch(/stalled|failed/);
  }, 600_000);

  it('a tile failing three times is reported with its error, the rest finishes, and it re-runs alone', async () => {
    const block = { minX: 193000, minY: 552000, maxX: 195000, maxY: 553000 };
    const outDir = path.join(tmp, 'out', 'fail');
    // A folder where the tile's GeoTIFF must go: every attempt's rename into place fails.
    const blocker = path.join(outDir, 'tiles', 'hours', '194_552.tif');
    mkdirSync(blocker, { recursive: true });
    writeFileSync(path.join(blocker, 'keep'), 'x');
    await enqueue('fail', SUN, block);
    const worker = startWorker();
    const summary = await finished(outDir, 2, 'the run with a failing tile to finish');
    expect(summary.done).toBe(1);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0].tile).toBe('194_552');
    expect(summary.failed[0].error).toMatch(/EISDIR|directory/i);
    expect(worker.log().match(/fail\.tile\.194_552: failed/g)).toHaveLength(3);
    const status = await cli('main/cli/batchStatus.ts', ['fail', '--redis', redis.url]);
    expect(status.out).toMatch(/1\/2 done, 0 running, 1 failed/);
    expect(status.out).toMatch(/failed 194_552: .*(EISDIR|directory)/i);

    rmSync(blocker, { recursive: true });
    const again = await cli('main/cli/batch.ts', ['--rerun', 'fail', '--tile', '194_552', '--redis', redis.url]);
    expect(again.code, again.out).toBe(0);
    await until(() => summaryOf(outDir)?.done === 2, 'the re-run tile to merge', 300_000);
    expect(summaryOf(outDir)!.failed).toEqual([]);
    const after = await cli('main/cli/batchStatus.ts', ['fail', '--redis', redis.url]);
    expect(after.out).toMatch(/2\/2 done, 0 running, 0 failed/);
    await stopWorker(worker);
  }, 600_000);

  it('a Redis restarted mid-run (append-only) does not stop the run', async () => {
    const block = { minX: 194000, minY: 553000, maxX: 196000, maxY: 554000 };
    const outDir = await enqueue('restart', LONG_SUN, block);
    const worker = startWorker();
    await runningTileJob('restart');
    await redis.restart();
    const summary = await finished(outDir, 2, 'the run to finish after the Redis restart');
    await stopWorker(worker);
    expect(summary.failed).toEqual([]);
    expect(summary.perTile.map((t) => t.tile).sort()).toEqual(['194_553', '195_553']);
    const spec = JSON.parse(readFileSync(path.join(outDir, 'mosaic.json'), 'utf8')) as { runId: string };
    expect(spec.runId).toBe('restart');
  }, 600_000);
});
