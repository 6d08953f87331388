// Running runs' progress from the batch queue's Redis, for the host's batch-results routes (only
// when the host was given --redis). Kept out of batchResultRoutes.ts so that a host without Redis
// (the Electron main bundle) carries no queue client.
import type { BatchRunInfo } from '../../common/api/batchContract.js';
import { BATCH_RUN_ID } from '../../common/batch/batchRun.js';
import { BatchQueue } from './batchQueue.js';
import { runProgress, type RunProgress } from './runStatus.js';

export interface QueuedRun {
  progress: RunProgress;
  analysis: BatchRunInfo['analysis'];
}

export interface QueueProgress {
  /** Every run on the queue with its progress; rejects when Redis does not answer. */
  read(): Promise<Map<string, QueuedRun>>;
  destroy(): Promise<void>;
}

export function queueProgress(redisUrl: string, options: { timeoutMs?: number; onError?: (line: string) => void } = {}): QueueProgress {
  let queue: BatchQueue | null = null;
  const batchQueue = () =>
    (queue ??= new BatchQueue(redisUrl, {
      // A host must answer while Redis is down: fail a command after one reconnect instead of waiting.
      redis: { maxRetriesPerRequest: 1, connectTimeout: options.timeoutMs ?? 3000 },
      onError: (err) => options.onError?.(`batch results: Redis ${err.message}`),
    }));
  return {
    async read() {
      const batch = batchQueue();
      const runs = new Map<string, QueuedRun>();
      for (const id of await batch.runIds()) {
        if (!BATCH_RUN_ID.test(id)) continue;
        runs.set(id, { progress: await runProgress(batch, id), analysis: (await batch.spec(id))?.analysis ?? null });
      }
      return runs;
    },
    async destroy() {
      await queue?.destroy();
      queue = null;
    },
  };
}
