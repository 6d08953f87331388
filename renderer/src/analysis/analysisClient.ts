// The page's handle on the analysis worker (workers/analysisWorker.ts, bundled to
// analysisWorker.js next to app.js). One worker for the app, started on first use.
//
//   const result = await runAnalysis('computeCoverage', input, { onProgress, signal });
//
// `signal` (an AbortSignal) cancels the run: the client forwards the abort to the worker, and the
// promise rejects with the engine's EngineCancelledError message.
import { proxy, wrap, type Remote } from 'comlink';
import type { AnalysisWorkerApi, EngineName, ENGINES } from '../../../workers/analysisWorker.js';
import type { ProgressCallback } from '../../../workers/engineControl.js';
import { combinedProgress, inputHeight, mergeRowBands, planRowBands } from '../../../workers/pool/rowBands.js';

export type { EngineName } from '../../../workers/analysisWorker.js';
export type EngineInput<N extends EngineName> = Parameters<(typeof ENGINES)[N]>[0];
export type EngineResult<N extends EngineName> = Awaited<ReturnType<(typeof ENGINES)[N]>>;

export const ANALYSIS_WORKER_FILE = 'analysisWorker.js';

let remote: Remote<AnalysisWorkerApi> | null = null;
let jobCounter = 0;

function worker(): Remote<AnalysisWorkerApi> {
  if (!remote) {
    // Relative to the page, so it works at http://127.0.0.1:port/ and at vseoul://app/ alike.
    const url = new URL(ANALYSIS_WORKER_FILE, document.baseURI);
    remote = wrap<AnalysisWorkerApi>(new Worker(url, { name: 'vseoul-analysis' }));
  }
  return remote;
}

export interface RunOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

export async function runAnalysis<N extends EngineName>(name: N, input: EngineInput<N>, options: RunOptions = {}): Promise<EngineResult<N>> {
  const api = worker();
  const jobId = `job-${++jobCounter}`;
  const onAbort = () => void api.cancel(jobId);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) throw new Error(`${name} was cancelled`);
    const progress = options.onProgress ? proxy(options.onProgress) : undefined;
    return (await api.run(name, input as never, jobId, progress)) as EngineResult<N>;
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
