// Progress of a batch run from the queue alone (any machine that reaches Redis): each tile's
// current job state, an ETA from the tiles finished so far, and a text progress bar.
import type { BatchQueue } from './batchQueue.js';
import { mergeJobId } from './batchQueue.js';

export interface RunProgress {
  runId: string;
  tiles: number;
  done: number;
  running: number;
  failed: Array<{ tile: string; error: string }>;
  waiting: number;
  /** Seconds until every tile is done at the rate so far (null before the first tile finishes). */
  etaSeconds: number | null;
  /** Whether the run's merge (summary.json) has been written. */
  merged: boolean;
}

export async function runProgress(batch: BatchQueue, runId: string, now = Date.now()): Promise<RunProgress> {
  const spec = await batch.spec(runId);
  if (!spec) throw new Error(`no batch run ${runId} on this Redis`);
  const jobs = await batch.tileJobs(runId);
  const p: RunProgress = { runId, tiles: spec.tiles.length, done: 0, running: 0, failed: [], waiting: 0, etaSeconds: null, merged: false };
  let firstStart = Infinity;
  for (const [tile, id] of Object.entries(jobs)) {
    const job = await batch.queue.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (job?.processedOn) firstStart = Math.min(firstStart, job.processedOn);
    if (state === 'completed') p.done++;
    else if (state === 'active') p.running++;
    else if (state === 'failed') p.failed.push({ tile, error: job?.failedReason ?? 'failed' });
    else p.waiting++;
  }
  const left = p.tiles - p.done - p.failed.length;
  if (p.done > 0 && Number.isFinite(firstStart)) p.etaSeconds = left > 0 ? ((now - firstStart) / 1000 / p.done) * left : 0;
  p.merged = (await (await batch.queue.getJob(mergeJobId(runId)))?.getState()) === 'completed';
  return p;
}

/** `[#########.......] 12/25 done, 2 running, 1 failed, ETA 3 min`. */
export function progressLine(p: RunProgress, width = 40): string {
  const filled = p.tiles ? Math.round((p.done / p.tiles) * width) : 0;
  const failed = p.tiles ? Math.min(width - filled, Math.round((p.failed.length / p.tiles) * width)) : 0;
  const bar = '#'.repeat(filled) + 'x'.repeat(failed) + '.'.repeat(width - filled - failed);
  const eta = p.etaSeconds === null ? 'ETA unknown' : p.etaSeconds < 90 ? `ETA ${Math.round(p.etaSeconds)} s` : `ETA ${Math.round(p.etaSeconds / 60)} min`;
  return `[${bar}] ${p.done}/${p.tiles} done, ${p.running} running, ${p.failed.length} failed, ${p.waiting} waiting, ${eta}${p.merged ? ', merged' : ''}`;
}
