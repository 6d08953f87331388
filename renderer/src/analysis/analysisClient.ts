// The page's handle on the analysis worker (workers/analysisWorker.ts, bundled to
// analysisWorker.js next to app.js). One worker for the app, started on first use.
//
//   const result = await runAnalysis('computeCoverage', input, { onProgress, signal });
//
// `signal` (an AbortSignal) cancels the run: the promise rejects at once ("<engine> was cancelled")
// and the client forwards the abort to the worker (see runAnalysis for engines that cannot hear it).
import { proxy, wrap, type Remote } from 'comlink';
import type { AnalysisWorkerApi, EngineName, ENGINES } from '../../../workers/analysisWorker.js';
import type { ProgressCallback } from '../../../workers/engineControl.js';
import { combinedProgress, inputHeight, mergeRowBands, planRowBands } from '../../../workers/pool/rowBands.js';

export type { EngineName } from '../../../workers/analysisWorker.js';
export type EngineInput<N extends EngineName> = Parameters<(typeof ENGINES)[N]>[0];
export type EngineResult<N extends EngineName> = Awaited<ReturnType<(typeof ENGINES)[N]>>;

export const ANALYSIS_WORKER_FILE = 'analysisWorker.js';

/** The app's analysis worker and how many runs it has in hand. */
let single: { worker: Worker; api: Remote<AnalysisWorkerApi>; running: number } | null = null;
let jobCounter = 0;
/** How long a cancelled run may take to notice the cancel before its worker is stopped. */
const CANCEL_GRACE_MS = 500;

function worker(): NonNullable<typeof single> {
  if (!single) {
    // Relative to the page, so it works at http://127.0.0.1:port/ and at vseoul://app/ alike.
    const w = new Worker(new URL(ANALYSIS_WORKER_FILE, document.baseURI), { name: 'vseoul-analysis' });
    single = { worker: w, api: wrap<AnalysisWorkerApi>(w), running: 0 };
  }
  return single;
}

export interface RunOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/**
 * Cancel answers at once: the promise rejects when the signal aborts. Engines that yield see the
 * cancel and stop; a synchronous engine (viewshed, target shares, proposals) cannot read it, so
 * when it is still running after a grace period and nothing else waits on the worker, the worker
 * is stopped and a new one starts with the next run.
 */
export async function runAnalysis<N extends EngineName>(name: N, input: EngineInput<N>, options: RunOptions = {}): Promise<EngineResult<N>> {
  if (options.signal?.aborted) throw new Error(`${name} was cancelled`);
  const w = worker();
  const jobId = `job-${++jobCounter}`;
  let settled = false;
  let rejectCancel: (e: Error) => void = () => {};
  const cancelled = new Promise<never>((_, reject) => (rejectCancel = reject));
  const onAbort = () => {
    void w.api.cancel(jobId);
    rejectCancel(new Error(`${name} was cancelled`));
    setTimeout(() => {
      if (settled || single !== w || w.running > 1) return;
      w.worker.terminate();
      single = null;
    }, CANCEL_GRACE_MS);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  w.running++;
  const run = w.api.run(name, input as never, jobId, options.onProgress ? proxy(options.onProgress) : undefined) as Promise<EngineResult<N>>;
  void run
    .then(
      () => {},
      () => {},
    )
    .finally(() => {
      settled = true;
      w.running--;
    });
  try {
    return await Promise.race([run, cancelled]);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

// --- Row-band split over several workers (workers/pool/rowBands.ts has the splittable-engine rules) ---
//
//   const r = await runAnalysisSplit('groundSunHours', { dsm, date }, { parts: 4, onProgress, signal });
//
// Up to `workers` (default navigator.hardwareConcurrency, at most 8) extra analysis workers run the
// bands; results are merged in row order. The engines are synchronous loops that cannot read a
// cancel message until they finish, so aborting terminates these workers (new ones start next time).

export interface SplitRunOptions extends RunOptions {
  parts?: number;
  workers?: number;
}

let splitPool: { worker: Worker; api: Remote<AnalysisWorkerApi> }[] = [];

function splitWorkers(n: number): { worker: Worker; api: Remote<AnalysisWorkerApi> }[] {
  while (splitPool.length < n) {
    const w = new Worker(new URL(ANALYSIS_WORKER_FILE, document.baseURI), { name: `vseoul-analysis-${splitPool.length + 1}` });
    splitPool.push({ worker: w, api: wrap<AnalysisWorkerApi>(w) });
  }
  return splitPool.slice(0, n);
}

export async function runAnalysisSplit<N extends EngineName>(name: N, input: EngineInput<N>, options: SplitRunOptions = {}): Promise<EngineResult<N>> {
  if (options.signal?.aborted) throw new Error(`${name} was cancelled`);
  const cores = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2));
  const bands = planRowBands(inputHeight(input), options.parts ?? cores);
  const pool = splitWorkers(Math.min(options.workers ?? cores, bands.length));
  const fractions = bands.map(() => 0);
  let aborted = false;
  let rejectAbort: (e: Error) => void = () => {};
  const abortPromise = new Promise<never>((_, reject) => (rejectAbort = reject));
  const onAbort = () => {
    aborted = true;
    for (const p of pool) p.worker.terminate();
    splitPool = splitPool.filter((p) => !pool.includes(p));
    rejectAbort(new Error(`${name} was cancelled`));
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let next = 0;
    const results: EngineResult<N>[] = new Array(bands.length);
    const lane = async (p: { api: Remote<AnalysisWorkerApi> }) => {
      while (!aborted && next < bands.length) {
        const i = next++;
        const progress = proxy((f: number, stage: string) => {
          fractions[i] = f;
          void options.onProgress?.(combinedProgress(bands, fractions), stage);
        });
        results[i] = (await p.api.run(name, { ...(input as object), rows: bands[i] } as never, `split-${++jobCounter}`, progress)) as EngineResult<N>;
      }
    };
    await Promise.race([Promise.all(pool.map(lane)), abortPromise]);
    return mergeRowBands(results);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Terminates every analysis worker (the app's teardown); runs still waiting on them never settle. A later run starts a new worker. */
export function stopAnalysisWorkers(): void {
  single?.worker.terminate();
  single = null;
  for (const p of splitPool) p.worker.terminate();
  splitPool = [];
}
