// The View tab in the real app (Debian Chromium, SwiftShader): pick Seoul City Hall on the map, run
// the viewshed from its 3rd floor. The tab sends parameters only; its result must be exactly the
// headless run of the same request in Node on the same build (the eye placed by the one rule,
// workers/analyses/viewshedRunner.ts observerEye), drawn with its legend, with City Hall's target
// shares per floor and the view rendered from the window.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnalysisEntry } from '../../common/analyses/analyses.js';
import type { ScenarioArea } from '../../common/scenario/scenarioFormat.js';
import type { DeclaredRunResult, Variant } from '../../workers/analyses/declaredRun.js';
import { runDeclaredAnalysis } from '../../workers/analyses/runDeclaredAnalysis.js';
import { viewshedStats } from '../../workers/view/viewshed.js';
import { openApp, waitForView } from './app.js';
import { cityHallRoofOnScreen } from './cityHall.js';

/** Looking straight down on City Hall and Seoul Plaza. */
const VIEW = '126.975,37.5637,126.983,37.5707';

interface ViewRun {
  analysis: AnalysisEntry;
  area: ScenarioArea;
  variant: Variant;
  result: DeclaredRunResult;
}
type Doc = { document: { getElementById(id: string): { viewRun?: () => ViewRun | null } | null } };

test('View tab: the viewshed from a floor of City Hall is the headless run of the same request', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page, { lang: 'en', view: VIEW });
  await page.click('#analysis-tab-view');
  await page.click('#view-pick');
  await expect(page.locator('#view-hint')).toContainText('Click on a building');
  await page.click('#analysis-panel-close');
  const at = await cityHallRoofOnScreen(page);
  expect(at, 'City Hall is in view').not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  await page.click('#analysis-tab-view');
  await expect(page.locator('#view-point')).toContainText('126.97');
  await page.fill('#view-floor', '3');
  await page.fill('#view-radius', '300');
  await page.click('#view-run');
  const status = page.locator('#view-status .analysis-status');
  await expect(status).toContainText('Done', { timeout: 120_000 });
  await expect(page.locator('#legend-viewshed')).toContainText('Viewshed');
  await expect(page.locator('#view-window-image')).toHaveAttribute('src', /^data:image\/png/, { timeout: 60_000 });

  const run = await page.evaluate(() => {
    const r = (globalThis as unknown as Doc).document.getElementById('view-panel')?.viewRun?.() ?? null;
    // Typed arrays as plain arrays: what page.evaluate can bring back.
    return r && { ...r, result: { ...r.result, rasters: { visibility: { ...r.result.rasters.visibility, values: [...r.result.rasters.visibility.values] } } } };
  });
  expect(run).not.toBeNull();
  const { analysis, area, variant, result } = run!;
  expect(analysis).toMatchObject({ type: 'viewshed', floor: 3, radius: 300, rooftop: false });
  const node = await runDeclaredAnalysis({
    cityUrl: pathToFileURL(process.env.VSEOUL_E2E_CITY! + path.sep).href,
    analysis,
    area,
    variant,
    proposals: [],
  });
  console.log(`view from ${String(node.facts.observer)}: eye ${String(node.facts.observerZ)} m, ${String(node.facts.visibleCells)} cells visible`);
  expect(result.facts).toEqual(node.facts);
  expect(node.facts.observerBuilding).toBeTruthy();
  expect(result.tables.targetShares).toEqual(node.tables.targetShares);
  const visibility = node.rasters.visibility;
  expect({ ...result.rasters.visibility, values: null }).toEqual({ ...visibility, values: null });
  expect(result.rasters.visibility.values).toEqual([...visibility.values]);
  expect(viewshedStats(visibility).visible).toBeGreaterThan(100);
  // What the tab says and lists: the eye, and one row per floor of City Hall plus its roof.
  await expect(status).toContainText(`eye ${Number(node.facts.observerZ).toFixed(1)} m`);
  await expect(page.locator('#view-results .target-shares tbody tr')).toHaveCount(node.tables.targetShares!.rows.length);
  await page.screenshot({ path: 'test-results/e2e/view-1-panel.png' });
  await page.click('#analysis-panel-close');
  await waitForView(page);
  await page.screenshot({ path: 'test-results/e2e/view-2-viewshed.png' });
});
