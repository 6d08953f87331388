// Row-band splitting across Node worker threads (tests, benchmarks, the headless scenario runner).
// The page has the same in renderer/src/analysis/analysisClient.ts: runAnalysisSplit().
//
//   import { createNodePool } from '../workers/pool/nodePool.js';
//   const pool = createNodePool();               // one thread per core (os.availableParallelism())
//   const r = await pool.runSplit('groundSunHours', { dsm, date: '2026-12-22' }, { parts: 4, onProgress, signal });
//   await pool.close();
//   // or, one-shot: await runSplitNode('groundSunHours', input, { parts: 2 })
//
// Each band runs the engine by name from ENGINES (workers/analysisWorker.ts) with `rows` set, in a
// worker thread that runs the TS sources through tsx (`--import tsx`); results are merged by
// mergeRowBands (see rowBands.ts for what makes an engine splittable). More parts than threads
// queue up, which evens out bands of unequal cost. Progress is the row-weighted mean of the bands';
// aborting `signal` cancels every band and rejects with "<engine> was cancelled".
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ENGINES, EngineName } from '../analysisWorker.js';
import type { ProgressCallback } from '../engineControl.js';
import type { PoolReply, PoolRequest } from './nodePoolWorker.js';
import { combinedProgress, inputHeight, mergeRowBands, planRowBands } from './rowBands.js';

type EngineInput<N extends EngineName> = Parameters<(typeof ENGINES)[N]>[0];
type EngineResult<N extends EngineName> = Awaited<ReturnType<(typeof ENGINES)[N]>>;

export interface SplitOptions<R = unknown> {
  /** Number of row bands (default: the pool size). */
  parts?: number;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Rows to split (default: height of the input's first RasterGrid). */
  height?: number;
  /** Custom merge of band results in band order (default mergeRowBands). */
  merge?: (parts: R[]) => R;
}

export interface RunOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

export interface NodePool {
  readonly size: number;
  /** One engine call on one thread. */
  run<N extends EngineName>(name: N, input: EngineInput<N>, options?: RunOptions): Promise<EngineResult<N>>;
  /** The engine split into row bands over the threads, merged. */
  runSplit<N extends EngineName>(name: N, input: EngineInput<N>, options?: SplitOptions<EngineResult<N>>): Promise<EngineResult<N>>;
  /** Ends the threads (pending jobs reject). */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./nodePoolWorker.ts', import.meta.url);
// Node 20 ignores `--import tsx` in a worker's execArgv, so the thread registers tsx's ESM hooks
// itself (tsx/esm/api) before importing the TS entry.
const BOOT = `import(${JSON.stringify('tsx/esm/api')}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;

interface Job {
  id: string;
  name: EngineName;
  input: unknown;
  onProgress?: ProgressCallback;
  cancelFlag: Int32Array;
  resolve(v: unknown): void;
  reject(e: Error): void;
  started: boolean;
}

export function createNodePool(size = os.availableParallelism()): NodePool {
  const n = Math.max(1, Math.floor(size));
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const queue: Job[] = [];
  const running = new Map<string, { job: Job; worker: Worker }>();
  let counter = 0;
  let closed = false;
  let deadCount = 0;

  const next = () => {
    while (idle.length && queue.length) {
      const job = queue.shift()!;
      const worker = idle.pop()!;
      running.set(job.id, { job, worker });
      job.started = true;
      worker.postMessage({ type: 'run', id: job.id, name: job.name, input: job.input, cancelFlag: job.cancelFlag } satisfies PoolRequest);
    }
  };

  for (let i = 0; i < n; i++) {
    const w = new Worker(BOOT, { eval: true });
    w.on('message', (msg: PoolReply) => {
      const entry = running.get(msg.id);
      if (!entry) return;
      if (msg.type === 'progress') {
        void entry.job.onProgress?.(msg.fraction, msg.stage);
        return;
      }
      running.delete(msg.id);
      idle.push(w);
      if (msg.type === 'done') entry.job.resolve(msg.result);
      else entry.job.reject(Object.assign(new Error(msg.message), { name: msg.cancelled ? 'EngineCancelledError' : 'Error' }));
      next();
    });
    // A thread that dies (a syntax error in an engine module, out of memory) fails its job; when
    // none is left, queued jobs fail too instead of waiting forever.
    let gone = false;
    const dead = (err: Error) => {
      if (gone) return;
      gone = true;
      for (const [id, e] of running) {
        if (e.worker === w) {
          running.delete(id);
          e.job.reject(err);
        }
      }
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
      if (!closed && ++deadCount === n) for (const j of queue.splice(0)) j.reject(new Error(`no worker thread left: ${err.message}`));
    };
    w.on('error', dead);
    w.on('exit', (code) => {
      if (!closed && code !== 0) dead(new Error(`worker thread exited with code ${code}`));
    });
    idle.push(w);
    all.push(w);
  }

  function submit(name: EngineName, input: unknown, onProgress?: ProgressCallback): { id: string; promise: Promise<unknown> } {
    if (closed) throw new Error('the worker pool is closed');
    const id = `pool-${++counter}`;
    let job!: Job;
    const promise = new Promise<unknown>((resolve, reject) => {
      job = { id, name, input, onProgress, cancelFlag: new Int32Array(new SharedArrayBuffer(4)), resolve, reject, started: false };
    });
    queue.push(job);
    next();
    return { id, promise };
  }

  function cancel(id: string, name: string) {
    const qi = queue.findIndex((j) => j.id === id);
    if (qi >= 0) queue.splice(qi, 1)[0].reject(Object.assign(new Error(`${name} was cancelled`), { name: 'EngineCancelledError' }));
    const entry = running.get(id);
    if (entry) Atomics.store(entry.job.cancelFlag, 0, 1);
  }

  return {
    size: n,
    async run(name, input, options = {}) {
      if (options.signal?.aborted) throw new Error(`${name} was cancelled`);
      const { id, promise } = submit(name, input, options.onProgress);
      const onAbort = () => cancel(id, name);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return (await promise) as never;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    async runSplit(name, input, options = {}) {
      if (options.signal?.aborted) throw new Error(`${name} was cancelled`);
      const bands = planRowBands(options.height ?? inputHeight(input), options.parts ?? n);
      const fractions = bands.map(() => 0);
      const jobs = bands.map((rows, i) =>
        submit(name, { ...(input as object), rows }, (f, stage) => {
          fractions[i] = f;
          void options.onProgress?.(combinedProgress(bands, fractions), stage);
        }),
      );
      const onAbort = () => jobs.forEach((j) => cancel(j.id, name));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const parts = (await Promise.all(jobs.map((j) => j.promise))) as EngineResult<typeof name>[];
        return (options.merge ?? mergeRowBands)(parts) as never;
      } catch (err) {
        onAbort(); // one band failed: stop the others
        throw err;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      closed = true;
      for (const j of queue.splice(0)) j.reject(new Error('the worker pool was closed'));
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/** One-shot split run: starts a pool, runs, closes it. */
export async function runSplitNode<N extends EngineName>(
  name: N,
  input: EngineInput<N>,
  options: SplitOptions<EngineResult<N>> & { workers?: number } = {},
): Promise<EngineResult<N>> {
  const pool = createNodePool(options.workers ?? Math.min(os.availableParallelism(), options.parts ?? os.availableParallelism()));
  try {
    return await pool.runSplit(name, input, options);
  } finally {
    await pool.close();
  }
}
