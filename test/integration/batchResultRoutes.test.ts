// The host's batch-results listing with a real Redis on loopback: a run enqueued (no worker) is
// listed as running with its tiles waiting and its analysis, before any file of it exists; with the
// Redis stopped the listing still answers, from the folder, saying why progress is missing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_RUNS_ROUTE, type BatchRunList } from '../../common/api/batchContract.js';
import type { BatchRunSpec } from '../../common/batch/batchRun.js';
import { BatchQueue } from '../../main/batch/batchQueue.js';
import { createBatchResultRoutes, type BatchResultRoutes } from '../../main/batch/batchResultRoutes.js';
import { queueProgress } from '../../main/batch/queueProgress.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';

let redis: TestRedis;
let tmp: string;
let routes: BatchResultRoutes;

async function listing(): Promise<BatchRunList> {
  const res = await routes.route(new Request(`http://127.0.0.1${BATCH_RUNS_ROUTE}`))!;
  expect(res.status).toBe(200);
  return (await res.json()) as BatchRunList;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-batch-routes-'));
  redis = await startRedis();
  const spec: BatchRunSpec = {
    runId: 'queued',
    createdAt: new Date().toISOString(),
    scenario: { name: 'queued', file: '/queued.json' },
    analysis: { type: 'fireCoverage' } as BatchRunSpec['analysis'],
    variant: 'before',
    proposals: [],
    area: { kind: 'seoul' },
    halo: { metres: 0, capM: 400, rule: 'as declared' },
    sunSite: [126.95, 37.58],
    cityUrl: 'file:///nowhere/',
    outDir: path.join(tmp, 'queued'),
    tiles: [
      [193, 554],
      [194, 554],
      [195, 554],
    ],
  };
  const batch = new BatchQueue(redis.url);
  try {
    expect(await batch.enqueue(spec)).toBe(true);
    // A record of one tile on disk (as a worker writes it), so the folder alone also knows the run.
    mkdirSync(path.join(tmp, 'queued', 'tiles'), { recursive: true });
    writeFileSync(path.join(tmp, 'queued', 'tiles', '193_554.json'), '{}');
  } finally {
    await batch.destroy();
  }
  routes = createBatchResultRoutes({ resultsDir: tmp, queue: queueProgress(redis.url, { timeoutMs: 2000 }), redisTimeoutMs: 2000 });
}, 60_000);

afterAll(async () => {
  await routes?.destroy();
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('batch results with Redis', () => {
  it('lists a queued run with its progress from the queue', async () => {
    const body = await listing();
    expect(body.redis).toBe(true);
    expect(body.runs).toHaveLength(1);
    expect(body.problem).toBeNull();
    expect(body.runs[0]).toMatchObject({ runId: 'queued', status: 'running', tiles: 3, done: 0, running: 0, waiting: 3, failed: [] });
    expect(body.runs[0].analysis?.type).toBe('fireCoverage');
  });

  it('still answers from the folder when Redis is down, saying so', async () => {
    await redis.stop();
    const body = await listing();
    expect(body.redis).toBe(true);
    expect(body.problem).toMatch(/progress from Redis unavailable/);
    expect(body.runs).toHaveLength(1);
    expect(body.runs[0]).toMatchObject({ runId: 'queued', status: 'running', tiles: null, done: 1, analysis: null });
  }, 60_000);
});
