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
