// The host's batch-results routes (common/api/batchContract.ts), for browser mode and Electron:
//   GET /api/batch/runs                 -> the runs in the results folder (and, with a Redis, on its queue)
//   GET /api/batch/runs/<run>/<file>    -> mosaic.json, summary.json, mosaic-<output>.vrt or tiles/<output>/<e>_<n>.tif
// The files on disk are the truth for finished runs; the queue (only when the host was given
// --redis) adds the progress of running ones. Run ids and file names are checked against their
// patterns before any path is built, and files are then resolved with the host's path-safety rules.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BATCH_RUN_FILE, BATCH_RUNS_ROUTE, type BatchRunInfo, type BatchRunList, type BatchMosaic } from '../../common/api/batchContract.js';
import { BATCH_RUN_ID } from '../../common/batch/batchRun.js';
import { CompressionCache } from '../host/compressionCache.js';
import type { HostRoute } from '../host/hostHandler.js';
import { decodePathSegments, resolveSafeFile } from '../host/safePath.js';
import { serveFile } from '../host/staticFiles.js';
import type { BatchSummary } from './mergeRun.js';
import type { QueuedRun, QueueProgress } from './queueProgress.js';
import type { RunProgress } from './runStatus.js';

export interface BatchResultRoutesOptions {
  /** The folder holding <run>/ folders (the batch commands' --out). */
  resultsDir: string;
  /** Running runs' progress from the queue's Redis (queueProgress.ts, --redis); absent: the folder only. */
  queue?: QueueProgress;
  /** How long a listing waits for Redis before answering without it (default 3 s). */
  redisTimeoutMs?: number;
  onError?: (line: string) => void;
}

export interface BatchResultRoutes {
  route: HostRoute;
  /** Closes the queue's Redis connection, if one was opened. */
  destroy(): Promise<void>;
}

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Type': 'application/json; charset=utf-8' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function folderRunIds(resultsDir: string): Promise<string[]> {
  try {
    return (await readdir(resultsDir, { withFileTypes: true })).filter((d) => d.isDirectory() && BATCH_RUN_ID.test(d.name)).map((d) => d.name);
  } catch {
    return [];
  }
}

async function tileRecordCount(runDir: string): Promise<number> {
  try {
    return (await readdir(path.join(runDir, 'tiles'))).filter((f) => /^-?\d+_-?\d+\.json$/.test(f)).length;
  } catch {
    return 0;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** One run as the files and, when given, the queue describe it. */
async function runInfo(runDir: string, runId: string, progress: RunProgress | null, queued: BatchRunInfo['analysis']): Promise<BatchRunInfo> {
  const [summary, mosaic] = await Promise.all([
    readJson<BatchSummary>(path.join(runDir, 'summary.json')),
    readJson<BatchMosaic>(path.join(runDir, 'mosaic.json')),
  ]);
  const pending = progress ? progress.running + progress.waiting : 0;
  const finished = summary !== null && pending === 0;
  const info: BatchRunInfo = {
    runId,
    status: finished ? 'finished' : 'running',
    analysis: summary?.analysis ?? queued,
    scenarioName: summary?.scenario.name ?? null,
    tiles: summary?.tiles ?? progress?.tiles ?? null,
    done: summary?.done ?? 0,
    running: 0,
    waiting: 0,
    failed: summary?.failed ?? [],
    etaSeconds: null,
    outputs: mosaic ? Object.keys(mosaic.outputs) : [],
    mergedAt: summary?.mergedAt ?? null,
  };
  if (!finished && progress)
    Object.assign(info, {
      done: progress.done,
      running: progress.running,
      waiting: progress.waiting,
      failed: progress.failed,
      etaSeconds: progress.etaSeconds,
    });
  else if (!finished) info.done = await tileRecordCount(runDir);
  return info;
}

export function createBatchResultRoutes(options: BatchResultRoutesOptions): BatchResultRoutes {
  const resultsDir = path.resolve(options.resultsDir);
  const timeoutMs = options.redisTimeoutMs ?? 3000;
  const compressionCache = new CompressionCache();
  async function list(): Promise<BatchRunList> {
    const ids = new Set(await folderRunIds(resultsDir));
    let progress = new Map<string, QueuedRun>();
    let problem: string | null = null;
    if (options.queue) {
      try {
        progress = await withTimeout(options.queue.read(), timeoutMs, 'Redis');
        for (const id of progress.keys()) ids.add(id);
      } catch (err) {
        problem = `progress from Redis unavailable: ${(err as Error).message}`;
      }
    }
    const runs = await Promise.all(
      [...ids].sort().map((id) => {
        const queued = progress.get(id);
        return runInfo(path.join(resultsDir, id), id, queued?.progress ?? null, queued?.analysis ?? null);
      }),
    );
    return { runs, redis: !!options.queue, problem };
  }

  async function file(req: Request, encodedRest: string): Promise<Response> {
    const decoded = decodePathSegments(encodedRest);
    if (!decoded.ok) return json(400, { error: `bad batch file path (${decoded.reason})` });
    const [runId, ...rest] = decoded.segments;
    if (!runId || !BATCH_RUN_ID.test(runId)) return json(400, { error: 'bad batch run id' });
    if (!BATCH_RUN_FILE.test(rest.join('/'))) return json(404, { error: 'not a file of a batch run' });
    const resolved = await resolveSafeFile(path.join(resultsDir, runId), rest.map(encodeURIComponent).join('/'));
    if (!resolved.ok) return json(resolved.status, { error: resolved.status === 400 ? 'bad batch file path' : 'not found' });
    // A tile re-run replaces its files: revalidate (ETag) rather than cache.
    return serveFile(req, resolved.filePath, resolved.stats, { cacheControl: 'no-cache', compressionCache, compress: false });
  }

  const route: HostRoute = (req) => {
    const pathname = new URL(req.url).pathname;
    if (pathname === BATCH_RUNS_ROUTE) return list().then((body) => json(200, body));
    if (pathname.startsWith(`${BATCH_RUNS_ROUTE}/`)) return file(req, pathname.slice(BATCH_RUNS_ROUTE.length + 1));
    return null;
  };
  return {
    route,
    destroy: async () => {
      await options.queue?.destroy();
    },
  };
}
