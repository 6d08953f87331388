// The host's batch-results routes (main/batch/batchResultRoutes.ts) over a results folder written by
// the batch's own writers (tile GeoTIFFs and records, then mergeRun): finished and running runs are
// listed from the files, a run's files are served byte for byte, and bad run ids, files outside the
// allowed set, traversal attempts and links out of the folder are refused without leaking anything.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchFileRoute, type BatchRunList } from '../../../common/api/batchContract.js';
import { tileBounds, type BatchRunSpec, type BatchTile, type TileRecord } from '../../../common/batch/batchRun.js';
import { createBatchResultRoutes, type BatchResultRoutes } from '../../../main/batch/batchResultRoutes.js';
import { mergeRun } from '../../../main/batch/mergeRun.js';
import { tileRasterPath, tileRecordPath, writeFileAtomic } from '../../../main/batch/tileResults.js';
import { createHostHandler, type HostHandler } from '../../../main/host/hostHandler.js';
import { geoTiffToGrid, gridToGeoTiff } from '../../../workers/grid/rasterGeoTiff.js';
import { createHostFixture, type HostFixture } from '../../support/hostFixture.js';
import { TRAVERSAL_ATTACKS } from '../../support/traversalAttacks.js';

const TILES: BatchTile[] = [
  [193, 554],
  [194, 554],
];
let fx: HostFixture;
let resultsDir: string;
let routes: BatchResultRoutes;
let handler: HostHandler;
const secret = `batch-secret-${Math.random()}`;

/** A tile's grid: its column index as value, no-data on the first row (a pattern to read back). */
function tileGrid(tile: BatchTile) {
  const b = tileBounds(tile);
  const values = new Float32Array(100 * 100).map((_, i) => (i < 100 ? -9999 : (i % 100) + tile[0]));
  return { values, width: 100, height: 100, cellSize: 10, originX: b.minX, originY: b.maxY, noData: -9999 };
}

function writeRun(runId: string, merge: boolean): void {
  const outDir = path.join(resultsDir, runId);
  const spec: BatchRunSpec = {
    runId,
    createdAt: '2026-12-07T00:00:00.000Z',
    scenario: { name: 'fixture', file: '/fixture.json' },
    analysis: { type: 'sunHours', date: '2026-06-21', start: '11:00', end: '13:00', stepMinutes: 60 },
    variant: 'before',
    proposals: [],
    area: { kind: 'box', west: 126.9, south: 37.5, east: 127, north: 37.6 },
    halo: { metres: 400, capM: 400, rule: 'fixture' },
    sunSite: [126.95, 37.58],
    cityUrl: 'file:///fixture/',
    outDir,
    tiles: TILES,
  };
  for (const tile of TILES) {
    const rel = tileRasterPath('hours', tile);
    writeFileAtomic(path.join(outDir, rel), new Uint8Array(gridToGeoTiff(tileGrid(tile))));
    const record: TileRecord = { tile, rasters: { hours: rel }, seconds: 1, worker: 'test:1', attempt: 1, facts: {}, problems: [] };
    writeFileAtomic(tileRecordPath(outDir, tile), JSON.stringify(record));
  }
  if (merge) mergeRun(spec, outDir, [], new Date('2026-12-07T00:01:00.000Z'));
  // Beside the served files: a file outside the allowed set and a link that leads out of the folder.
  writeFileSync(path.join(outDir, 'secret.txt'), secret);
  symlinkSync(fx.secretPath, path.join(outDir, 'tiles', 'hours', '9_9.tif'));
}

beforeAll(() => {
  fx = createHostFixture();
  resultsDir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-batch-results-'));
  writeFileSync(path.join(resultsDir, 'secret.txt'), secret);
  writeRun('sun-finished', true);
  writeRun('sun-running', false);
  rmSync(path.join(resultsDir, 'sun-running', 'tiles', '194_554.json'));
  mkdirSync(path.join(resultsDir, 'not a run'));
  routes = createBatchResultRoutes({ resultsDir });
  handler = createHostHandler({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir, shell: 'browser', routes: [routes.route] });
});

afterAll(async () => {
  await routes.destroy();
  fx.cleanup();
  rmSync(resultsDir, { recursive: true, force: true });
});

const get = (p: string, method = 'GET') => handler(new Request(`http://127.0.0.1:5180${p}`, { method }));

describe('batch results routes', () => {
  it('lists finished runs from summary.json and the mosaic index, running ones from their tile records', async () => {
    const res = await get('/api/batch/runs');
    expect(res.status).toBe(200);
    const body = (await res.json()) as BatchRunList;
    expect(body.redis).toBe(false);
    expect(body.runs.map((r) => r.runId)).toEqual(['sun-finished', 'sun-running']);
    const [finished, running] = body.runs;
    expect(finished).toMatchObject({ status: 'finished', tiles: 2, done: 2, failed: [], outputs: ['hours'], scenarioName: 'fixture' });
    expect(finished.analysis?.type).toBe('sunHours');
    expect(finished.mergedAt).toBe('2026-12-07T00:01:00.000Z');
    expect(running).toMatchObject({ status: 'running', tiles: null, done: 1, outputs: [], analysis: null });
  });

  it('serves the mosaic index, the summary and the tile GeoTIFFs byte for byte', async () => {
    const mosaic = await get(batchFileRoute('sun-finished', 'mosaic.json'));
    expect(mosaic.status).toBe(200);
    const index = (await mosaic.json()) as { outputs: { hours: { tiles: Array<{ path: string }> } } };
    expect(index.outputs.hours.tiles.map((t) => t.path)).toEqual(['tiles/hours/193_554.tif', 'tiles/hours/194_554.tif']);
    const tif = await get(batchFileRoute('sun-finished', 'tiles/hours/194_554.tif'));
    expect(tif.status).toBe(200);
    const bytes = new Uint8Array(await tif.arrayBuffer());
    expect(Buffer.from(bytes).equals(readFileSync(path.join(resultsDir, 'sun-finished', 'tiles', 'hours', '194_554.tif')))).toBe(true);
    const grid = await geoTiffToGrid(bytes.buffer);
    expect([grid.originX, grid.originY, grid.width, grid.cellSize, grid.noData]).toEqual([194000, 555000, 100, 10, -9999]);
    expect([grid.values[0], grid.values[100], grid.values[199]]).toEqual([-9999, 194, 293]);
    expect((await get(batchFileRoute('sun-finished', 'summary.json'))).status).toBe(200);
    expect((await get(batchFileRoute('sun-finished', 'mosaic-hours.vrt'))).status).toBe(200);
  });

  it('refuses bad run ids with 400', async () => {
    // ('..' and '%2e%2e' never get here: the URL parser removes them; the traversal test covers them.)
    for (const id of ['a%20b', 'a.b', 'x'.repeat(65), '%2F', 'a%00']) {
      const res = await get(`/api/batch/runs/${id}/mosaic.json`);
      expect(res.status, id).toBe(400);
      expect(await res.text()).not.toContain(secret);
    }
    expect(() => batchFileRoute('../x', 'mosaic.json')).toThrow(/run id/);
  });

  it('serves nothing outside the allowed files of a run: other files, links out, traversal', async () => {
    for (const file of ['secret.txt', 'tiles/193_554.json', 'tiles/hours/9_9.tif', 'tiles/hours/1_1.tif', 'tiles', '']) {
      const res = await get(`/api/batch/runs/sun-finished/${file}`);
      expect(res.status, file).toBe(404);
      expect(await res.text()).not.toContain(secret);
    }
    for (const attack of TRAVERSAL_ATTACKS) {
      for (const prefix of ['/api/batch/runs/', '/api/batch/runs/sun-finished/', '/api/batch/runs/sun-finished/tiles/hours/']) {
        let request: Request;
        try {
          request = new Request(`http://127.0.0.1:5180${prefix}${attack}`);
        } catch {
          continue; // a URL the Fetch API itself refuses cannot reach the host
        }
        const res = await handler(request);
        const body = await res.text();
        expect(body, prefix + attack).not.toContain(secret);
        expect(body, prefix + attack).not.toContain(fx.secret);
        expect([400, 404], prefix + attack).toContain(res.status);
      }
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('/api/batch/runs', 'POST')).status).toBe(405);
    expect((await get(batchFileRoute('sun-finished', 'mosaic.json'), 'HEAD')).status).toBe(200);
  });
});
