// Declared analyses in a real browser Web Worker (Debian Chromium): the page sends parameters only —
// the build's URL on the host, the analysis entry, the area, a proposal — and the bundled worker
// loads the surface model and the water layers itself over HTTP (workers/data), as the page's panels
// will. The results must equal the same runs in Node reading the same build from disk; two row
// bands run in the worker must merge into the whole (the page's band workers split this way).
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RasterGrid } from '../../common/rasterGrid.js';
import type { Proposal } from '../../common/scenario/scenarioFormat.js';
import type { DeclaredRunInput, DeclaredRunResult } from '../../workers/analyses/declaredRun.js';
import { declaredSplitHeight, runDeclaredAnalysis } from '../../workers/analyses/runDeclaredAnalysis.js';
import { mergeRowBands } from '../../workers/pool/rowBands.js';
import { runInPageWorker } from './pageWorker.js';

/** Seoul Plaza and City Hall (Cheonggyecheon surface model), a tower proposed beside them. */
const PLAZA = { west: 126.9765, south: 37.5655, east: 126.9795, north: 37.568 };
const TOWER: Proposal = { kind: 'box', id: 'tower', centre: [126.9791, 37.5672], width: 30, depth: 24, floors: 30 };
/** A stretch of the Hongjecheon (Hongjecheon surface model). */
const STREAM = { west: 126.93192, south: 37.57808, east: 126.93531, north: 37.58078 };

/** Typed arrays come back from the page as typed arrays or as index-keyed objects. */
function valuesOf(grid: RasterGrid): Float32Array {
  return grid.values instanceof Float32Array ? grid.values : Float32Array.from(Object.values(grid.values as unknown as Record<string, number>));
}

function sameGrid(browser: RasterGrid, node: RasterGrid): void {
  expect({ ...browser, values: null }).toEqual({ ...node, values: null });
  expect(Buffer.from(valuesOf(browser).buffer).equals(Buffer.from(node.values.buffer, node.values.byteOffset, node.values.byteLength))).toBe(true);
}

test('the analysis worker loads its own inputs over HTTP and gives what Node gives from disk', async ({ page }) => {
  const base = process.env.VSEOUL_E2E_URL!;
  const cityDir = process.env.VSEOUL_E2E_CITY!;
  const origin = new URL(base).origin;
  const fileUrl = pathToFileURL(cityDir + path.sep).href;
  await page.goto(`${origin}/city/manifest.json`);
  const manifest = JSON.parse((await page.textContent('body')) ?? '{}');
  const inWorker = async (input: DeclaredRunInput): Promise<DeclaredRunResult> => {
    const reply = await runInPageWorker(page, base, 'runDeclaredAnalysis', input);
    expect(reply.type, JSON.stringify(reply).slice(0, 500)).toBe('RAW');
    return reply.value as DeclaredRunResult;
  };

  const sun: DeclaredRunInput = {
    cityUrl: `${origin}/city/`,
    analysis: { type: 'sunHours', date: '2026-12-22', stepMinutes: 30 },
    area: PLAZA,
    proposals: [TOWER],
    variant: 'after',
  };
  const browser = await inWorker(sun);
  const node = await runDeclaredAnalysis({ ...sun, cityUrl: fileUrl });
  expect(browser.surface).toEqual({ areas: ['cheonggyecheon'], problems: [] });
  expect(browser.facts).toEqual(node.facts);
  sameGrid(browser.rasters.hours, node.rasters.hours);

  // Two row bands of the area, each run in the worker, merge into the whole.
  const height = declaredSplitHeight(manifest, PLAZA);
  expect(height).toBe(node.rasters.hours.height);
  const cut = Math.floor(height / 3);
  const bands = [await inWorker({ ...sun, splitHeight: height, rows: [0, cut] }), await inWorker({ ...sun, splitHeight: height, rows: [cut, height] })];
  for (const b of bands) b.rasters.hours = { ...b.rasters.hours, values: valuesOf(b.rasters.hours) };
  sameGrid(mergeRowBands(bands).rasters.hours, node.rasters.hours);

  const fill: DeclaredRunInput = { cityUrl: `${origin}/city/`, analysis: { type: 'riverFill', rise: 3 }, area: STREAM, variant: 'before' };
  const fb = await inWorker(fill);
  const fn = await runDeclaredAnalysis({ ...fill, cityUrl: fileUrl });
  expect(fb.facts).toEqual(fn.facts);
  expect(Number(fb.facts.filledCells)).toBeGreaterThan(1000);
  sameGrid(fb.rasters.depth, fn.rasters.depth);
});
