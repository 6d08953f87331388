// The worker API in Node: engines run through workerApi.run with progress and cancellation by job
// id, exactly as the page calls them through comlink.
import { describe, expect, it } from 'vitest';
import { ENGINES, workerApi } from '../../../workers/analysisWorker.js';
import { aggregateGrid } from '../../../workers/fire/aggregate.js';

describe('analysis worker API', () => {
  it('lists every engine and runs one by name', async () => {
    expect(await workerApi.engines()).toEqual(Object.keys(ENGINES));
    const points = Float64Array.of(127.0001, 37.5001, 127.0002, 37.5002, 127.05, 37.55);
    const result = await workerApi.run('aggregateGrid', { points, cellDegrees: 0.01 });
    expect([...result.count].sort()).toEqual([1, 2]);
    const single = [...result.single].filter((s) => s >= 0);
    expect(single).toEqual([2]);
  });

  it('cancels a running job by id and reports progress', async () => {
    const points = new Float64Array(2_000_000).map((_, i) => (i % 2 ? 37.5 : 127) + (i % 1000) * 1e-5);
    const seen: number[] = [];
    const job = workerApi.run('aggregateGrid', { points, cellDegrees: 0.001 }, 'job-1', (f) => {
      seen.push(f);
      workerApi.cancel('job-1');
    });
    await expect(job).rejects.toThrow(/cancelled/);
    expect(workerApi.cancel('job-1')).toBe(false); // the token is gone once the job ended
    expect(aggregateGrid({ points: points.slice(0, 20), cellDegrees: 1 }).count[0]).toBe(10);
    expect(seen.length).toBeGreaterThan(0);
  });
});
