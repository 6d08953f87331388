// Facade sunlight in a real browser Web Worker (Debian Chromium): the bundled analysis worker
// fetches the city build's GLBs (and terrain tiles) over HTTP from the host, decodes them with three + meshopt +
// 3d-tiles-renderer's metadata plugins without a DOM, and must give exactly what the same engine
// gives in Node from the same files (VSEOUL_E2E_CITY, read through file: URLs).
// No WebGL involved: the page is the host's build manifest, the worker is started from it.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { facadeSun, type FacadeSunInput, type FacadeSunResult } from '../../workers/sun/facadeSun.js';
import { runInPageWorker } from './pageWorker.js';

const CITY_HALL = 'osm:way/198561926';

test('facadeSun runs in a browser worker and agrees with Node', async ({ page }) => {
  const base = process.env.VSEOUL_E2E_URL!;
  const cityDir = process.env.VSEOUL_E2E_CITY!;
  const origin = new URL(base).origin;
  const input: FacadeSunInput = {
    buildUrl: `${origin}/city/`,
    buildings: [CITY_HALL, 'osm:way/332565595'],
    date: '2026-12-22',
    stepMinutes: 15,
    // A proposal in front of City Hall's south side: proposals reach the worker's mesh too.
    proposals: [
      {
        id: 'p1',
        ring: [
          [198060, 551840],
          [198120, 551840],
          [198120, 551860],
          [198060, 551860],
        ],
        base: 38,
        top: 98,
      },
    ],
  };
  await page.goto(`${origin}/city/manifest.json`);
  const inBrowser = await runInPageWorker(page, base, 'facadeSun', input);
  expect(inBrowser.type, JSON.stringify(inBrowser).slice(0, 500)).toBe('RAW');
  const browser = inBrowser.value as FacadeSunResult;
  const node = await facadeSun({ ...input, buildUrl: pathToFileURL(cityDir + path.sep).href });
  expect(browser.problems).toEqual([]);
  expect(browser.terrain).toBe(true); // terrain tiles fetched over HTTP too
  expect(browser.floors.length).toBeGreaterThan(100);
  expect(browser.floors.map((f) => `${f.building}/${f.facade}/${f.floor}`)).toEqual(node.floors.map((f) => `${f.building}/${f.facade}/${f.floor}`));
  // The two JavaScript engines' Math functions may differ in the last bit (coordinates agree to
  // ~1e-9 m); at most one floor may then fall one step differently on a shadow edge.
  let differing = 0;
  browser.floors.forEach((f, i) => {
    const n = node.floors[i];
    for (const k of ['x0', 'y0', 'x1', 'y1', 'zBottom', 'zTop'] as const) expect(Math.abs(f[k] - n[k])).toBeLessThan(1e-6);
    if (Math.abs(f.hours - n.hours) > 1e-9) {
      differing++;
      expect(Math.abs(f.hours - n.hours)).toBeLessThanOrEqual(0.25 + 1e-9);
    }
  });
  expect(differing).toBeLessThanOrEqual(1);
  if (differing === 0) expect(Array.from(browser.failing)).toEqual(Array.from(node.failing));
  // The proposal shades City Hall: some of its floors lose sun against the same run without it.
  const without = await facadeSun({ ...input, proposals: [], buildUrl: pathToFileURL(cityDir + path.sep).href });
  const lost = node.floors.filter((f, i) => f.building === CITY_HALL && f.hours < without.floors[i].hours - 0.5);
  expect(lost.length).toBeGreaterThan(0);
});
