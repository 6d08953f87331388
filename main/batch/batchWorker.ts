// A batch worker: takes tile and merge jobs from the run queue (BullMQ) with N at a time. Each tile's
// analysis runs on one of N worker threads (workers/pool), so this thread's event loop stays free
// and BullMQ renews the job's lock every lockMs / 2 however long the tile takes. A worker that dies
// mid-job stops renewing; after `lockMs` another worker's stalled-job check puts the job back and
// it runs again (its results replace the same files: tileResults.ts). BullMQ's own sandboxed
// processors would run the merge in the sandbox too, where the job lacks getIgnoredChildrenFailures.
import { Worker, type Job } from 'bullmq';
import type { BatchRunSpec, TileJobData, TileRecord } from '../../common/batch/batchRun.js';
import { BATCH_QUEUE, connectRedis } from './batchQueue.js';
import { mergeRun, tileOfJobKey, type BatchSummary } from './mergeRun.js';
import { runTile } from './runTile.js';
import { createNodePool } from '../../workers/pool/nodePool.js';

export interface BatchWorkerOptions {
  redisUrl: string;
  concurrency?: number;
  /** This machine's copy of the build (file: or http(s) URL); default each run's. */
  cityUrl?: string;
  /** This machine's path to the runs' output folder (the folder holding <runId>/); default each run's. */
  outRoot?: string;
  /**
   * How long a job's lock lasts without renewal: how soon a dead worker's job is taken again
   * (default BullMQ's 30 s). Renewal goes on while a tile runs, so a tile may take any time.
   */
  lockMs?: number;
  /** Called after each job (for the CLI's log). */
  onJob?: (job: Job, result: TileRecord | BatchSummary | Error) => void;
  /** Called when this worker's stalled-job check puts a job whose lock expired back in the queue. */
  onStalled?: (jobId: string) => void;
}

export interface BatchWorker {
  readonly worker: Worker;
  destroy(): Promise<void>;
}

/** BullMQ's default lock duration. */
export const DEFAULT_LOCK_MS = 30_000;

type BatchJob = Job<TileJobData | { runId: string; spec: BatchRunSpec }, TileRecord | BatchSummary>;

export function startBatchWorker(options: BatchWorkerOptions): BatchWorker {
  const concurrency = options.concurrency ?? 1;
  const pool = createNodePool(concurrency);
  const outDirOf = (spec: { runId: string; outDir: string }) => (options.outRoot ? `${options.outRoot}/${spec.runId}` : spec.outDir);
  const processor = async (job: BatchJob): Promise<TileRecord | BatchSummary> => {
    if (job.name === 'tile') {
      const data = job.data as TileJobData;
      return runTile(data, { pool, cityUrl: options.cityUrl, outDir: outDirOf(data.spec), attempt: job.attemptsMade + 1 });
    }
    if (job.name === 'merge') {
      const { spec } = job.data as { spec: BatchRunSpec };
      const ignored = await job.getIgnoredChildrenFailures();
      const failures = Object.entries(ignored).map(([key, error]) => ({ tile: tileOfJobKey(key), error }));
      return mergeRun(spec, outDirOf(spec), failures);
    }
    throw new Error(`unknown batch job ${job.name}`);
  };
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const connection = connectRedis(options.redisUrl);
  const worker = new Worker(BATCH_QUEUE, processor, {
    connection,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.round(lockMs / 2)),
    name: `batch-worker-${process.pid}`,
  });
  if (options.onJob) {
    const onJob = options.onJob;
    worker.on('completed', (job, result) => onJob(job, result as TileRecord | BatchSummary));
    worker.on('failed', (job, err) => job && onJob(job, err));
  }
  if (options.onStalled) worker.on('stalled', options.onStalled);
  // Connection errors are retried by the client (a restarted Redis is waited for); log, do not crash.
  worker.on('error', (err) => console.error(`batch worker: ${err.message}`));
  return {
    worker,
    destroy: async () => {
      await worker.close();
      await pool.close();
      await connection.quit();
    },
  };
}
