// Lifetimes in the real app (Chromium, SwiftShader): a click on the map costs ONE scene.pick
// whoever listens, and tearing the app down leaves nothing behind. Every feature is exercised
// first (sensor and fire layers on, hydrant coverage computed in the analysis worker, every
// analysis tab built, a building selected, a tool holding the map); then
//   teardown('features'): the viewer holds exactly what it held before any feature (primitives,
//     entities, imagery, Cesium event listeners), the panels, hooks, intervals and feeds are gone;
//   teardown('all'): no listener the app added stays on window or document, no interval runs, no
//     analysis worker lives.
// What the page registers is counted by wrapping the browser's own addEventListener,
// setInterval, EventSource and Worker before the app loads (recorded when called from app.js).
import { expect, test, type Page } from '@playwright/test';
import { appUrl, openApp, setLayer, waitForView, type PageGlobals } from './app.js';
import { cityHallRoofOnScreen } from './cityHall.js';

type G = PageGlobals & Record<string, any>;

interface Live {
  listeners: string[];
  intervals: number;
  openEventSources: number;
  liveWorkers: number;
}

/** Installed before any page script: records what app.js registers and what it undoes. */
function installTracker(): void {
  const g = globalThis as any;
  Error.stackTraceLimit = 100;
  const fromApp = () => /\/app\.js:/.test(new Error().stack ?? '');
  const listeners = new Map<string, string>();
  const captureOf = (o: unknown) => (typeof o === 'boolean' ? o : Boolean((o as { capture?: boolean } | undefined)?.capture));
  const ids = new WeakMap<object, number>();
  let next = 0;
  const idOf = (f: object) => {
    if (!ids.has(f)) ids.set(f, ++next);
    return ids.get(f);
  };
  const targetName = (t: unknown) => (t === g ? 'window' : t === g.document ? 'document' : null);
  const add = g.EventTarget.prototype.addEventListener;
  const remove = g.EventTarget.prototype.removeEventListener;
  g.EventTarget.prototype.addEventListener = function (type: string, listener: any, options: unknown) {
    const name = targetName(this);
    if (name && listener && fromApp()) listeners.set(`${name} ${type} #${idOf(listener)} capture=${captureOf(options)}`, type);
    return add.call(this, type, listener, options);
  };
  g.EventTarget.prototype.removeEventListener = function (type: string, listener: any, options: unknown) {
    const name = targetName(this);
    if (name && listener) listeners.delete(`${name} ${type} #${idOf(listener)} capture=${captureOf(options)}`);
    return remove.call(this, type, listener, options);
  };
  const intervals = new Set<number>();
  const setInterval = g.setInterval;
  const clearInterval = g.clearInterval;
  g.setInterval = (...args: unknown[]) => {
    const id = setInterval(...args);
    if (fromApp()) intervals.add(id);
    return id;
  };
  g.clearInterval = (id: number) => {
    intervals.delete(id);
    return clearInterval(id);
  };
  const sources: any[] = [];
  g.EventSource = class extends g.EventSource {
    constructor(...args: unknown[]) {
      super(...args);
      sources.push(this);
    }
  };
  const workers: Array<{ terminated: boolean }> = [];
  g.Worker = class extends g.Worker {
    record = { terminated: false };
    constructor(url: unknown, options: unknown) {
      super(url, options);
      // Only the app's own analysis workers: Cesium's geometry workers are shared by every viewer.
      if (String(url).includes('analysisWorker.js')) workers.push(this.record);
    }
    terminate() {
      this.record.terminated = true;
      super.terminate();
    }
  };
  g.__tracker = {
    live: () => ({
      listeners: [...listeners.keys()],
      intervals: intervals.size,
      openEventSources: sources.filter((s) => s.readyState !== 2).length,
      liveWorkers: workers.filter((w) => !w.terminated).length,
    }),
    workersStarted: () => workers.length,
  };
}

const live = (page: Page) => page.evaluate(() => (globalThis as unknown as G).__tracker.live() as Live);
const holdings = (page: Page) => page.evaluate(() => (globalThis as unknown as G).__vseoul!.holdings());

test('one scene.pick per click; torn down, the app leaves nothing on the viewer, the window or the document', async ({ page }) => {
  test.setTimeout(480_000);
  await page.addInitScript(installTracker);
  await openApp(page, { lang: 'en' });

  // Every analysis tab built (the Plan tab listens to presses for dragging proposals).
  for (const tab of ['plan', 'sun', 'view', 'compare', 'export', 'wind', 'flood']) {
    await page.click(`#analysis-tab-${tab}`);
    await expect(page.locator('#analysis-panel')).toBeVisible();
  }
  await page.click('#analysis-panel-close');
  await waitForView(page);

  // A click on Seoul City Hall: building info, fire, sensors and the Plan tab listen; the map does one scene.pick.
  const at = await cityHallRoofOnScreen(page);
  expect(at, 'City Hall is in the start view').not.toBeNull();
  await page.evaluate(() => {
    const g = globalThis as unknown as G;
    const proto = g.Cesium.Scene.prototype;
    const pick = proto.pick;
    g.__picks = 0;
    proto.pick = function (...args: unknown[]) {
      g.__picks++;
      return pick.apply(this, args);
    };
  });
  await page.mouse.click(at!.x, at!.y);
  await expect(page.locator('#building-info')).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as G).__picks)).toBe(1);

  // Sensor sites and surface, fire layers with the coverage (computed in the analysis worker).
  await setLayer(page, 'sdot-sites', true);
  await setLayer(page, 'sdot-surface', true);
  await setLayer(page, 'fire-hydrants', true);
  await setLayer(page, 'fire-coverage', true);
  await page.waitForFunction(() => (globalThis as unknown as G).__vseoulFire?.coverage !== null, null, { timeout: 120_000 });
  expect(await page.evaluate(() => (globalThis as unknown as G).__tracker.workersStarted())).toBeGreaterThan(0);

  // A tool holds the map (placing a box) when the app goes.
  await page.click('#analysis-tab-plan');
  await page.click('#plan-add-box');
  expect(await page.evaluate(() => (globalThis as unknown as G).document.querySelector('#viewer canvas').style.cursor)).toBe('crosshair');

  const before = (await holdings(page))!;
  expect(before.now.primitives).toBeGreaterThan(before.atStart.primitives);
  expect(before.now.layers).toBeGreaterThan(10);
  const liveBefore = await live(page);
  expect(liveBefore.openEventSources).toBe(3); // S-DoT state, facility status, building edits
  expect(liveBefore.intervals).toBeGreaterThan(0);

  await page.evaluate(() => (globalThis as unknown as G).__vseoul!.teardown('features'));
  const after = (await holdings(page))!;
  const { language, layerList, mapInput, ...cesiumListeners } = after.now.listeners;
  const { language: _l, layerList: _r, mapInput: _m, ...cesiumAtStart } = after.atStart.listeners;
  expect(cesiumListeners).toEqual(cesiumAtStart);
  expect({ ...after.now, listeners: {} }).toEqual({ ...after.atStart, layers: 0, listeners: {} });
  // Left: the stored language choice (the page's, not a feature's); the layer list and map input are empty.
  expect({ language, layerList, mapInput }).toEqual({ language: 1, layerList: 0, mapInput: 0 });
  const dom = await page.evaluate(() => {
    const d = (globalThis as unknown as G).document;
    const g = globalThis as unknown as G;
    return {
      panels: ['#sensor-panel', '#fire-panel', '#analysis-panel', '#analysis-tools', '#wiki-section', '#wiki-pick-hint', '.raster-legend', 'dialog'].filter(
        (s) => d.querySelector(s),
      ),
      layerItems: d.querySelector('#layer-items').children.length,
      buildingInfo: d.querySelector('#building-info').hidden,
      cursor: d.querySelector('#viewer canvas').style.cursor,
      hooks: ['__vseoulSensors', '__vseoulFire', '__vseoulWiki'].filter((h) => g[h] !== undefined),
    };
  });
  expect(dom).toEqual({ panels: [], layerItems: 0, buildingInfo: true, cursor: '', hooks: [] });
  const liveFeatures = await live(page);
  expect([liveFeatures.intervals, liveFeatures.openEventSources]).toEqual([0, 0]);

  await page.evaluate(() => (globalThis as unknown as G).__vseoul!.teardown('all'));
  expect(await holdings(page)).toBeNull();
  expect(await live(page)).toEqual({ listeners: [], intervals: 0, openEventSources: 0, liveWorkers: 0 });
  expect(await page.locator('#viewer canvas').count()).toBe(0);
});

test('the kiosk, torn down, leaves no listener, interval or hook behind', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(installTracker);
  await page.goto(appUrl({ mode: 'kiosk', idle: '600', lang: 'ko' }));
  await page.waitForFunction(() => (globalThis as unknown as G).__vseoulKiosk?.state === 'attract', null, { timeout: 120_000 });
  // A kiosk offers no link to share (it has no address bar).
  expect(await page.locator('#view-share').count()).toBe(0);
  const running = await live(page);
  expect(running.listeners.length).toBeGreaterThan(20); // the lock-down's and the idle watch's
  expect(running.intervals).toBeGreaterThan(0);

  await page.evaluate(() => (globalThis as unknown as G).__vseoul!.teardown('features'));
  expect(await page.evaluate(() => ['__vseoulKiosk'].filter((h) => (globalThis as unknown as G)[h] !== undefined))).toEqual([]);
  expect(await page.locator('#kiosk-bar, #kiosk-caption').count()).toBe(0);
  await page.evaluate(() => (globalThis as unknown as G).__vseoul!.teardown('all'));
  expect(await live(page)).toEqual({ listeners: [], intervals: 0, openEventSources: 0, liveWorkers: 0 });
  expect(await page.evaluate(() => (globalThis as unknown as G).document.body.classList.contains('kiosk'))).toBe(false);
  // The kiosk computes its result layers in the background, one after the other: a run that ends
  // after the teardown must not start the next (CI once found the sun result's two band workers alive).
  const started = await page.evaluate(() => (globalThis as unknown as G).__tracker.workersStarted() as number);
  await page.waitForTimeout(3_000);
  expect(await live(page)).toEqual({ listeners: [], intervals: 0, openEventSources: 0, liveWorkers: 0 });
  expect(await page.evaluate(() => (globalThis as unknown as G).__tracker.workersStarted() as number)).toBe(started);
});
