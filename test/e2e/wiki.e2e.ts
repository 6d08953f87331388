// The citizen wiki end to end in Chromium, three people in three browser contexts against the
// real host and a fresh wiki database (globalSetup.ts): a citizen signs up and adds a place by
// clicking the map (drawn at once as pending, for them only), a moderator approves it from the
// review queue, and a third, signed-out visitor sees it. The place's name carries markup, which
// must come out as text. The citizen corrects the pending edit before review, and the visitor
// exports the approved wiki as GeoJSON.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { WikiExport } from '../../common/api/wikiContract.js';
import type { WithWikiTestHook } from '../../renderer/src/wiki/wikiTestHookApi.js';
import { appUrl, type PageGlobals } from './app.js';
import { api, E2E_WIKI_ADMIN, signInThroughUi } from './wikiFixture.js';

type G = PageGlobals & WithWikiTestHook & { __xss?: number };
const PLACE = `<img src=x onerror="window.__xss=1">Citizen Plaza ${Date.now()}`;
const MODERATOR = { name: 'e2e-moderator', password: 'moderator-password' };

async function openWiki(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(appUrl());
  await page.waitForFunction(() => (globalThis as unknown as G).__vseoul?.ready === true && (globalThis as unknown as G).__vseoulWiki?.loaded === true, null, {
    timeout: 120_000,
  });
  expect(errors).toEqual([]);
  return page;
}

test('a citizen adds a place, a moderator approves it, a third visitor sees it', async ({ browser }) => {
  test.setTimeout(360_000); // three app starts in software WebGL
  const admin = await api('/api/wiki/signin', E2E_WIKI_ADMIN);
  await api('/api/wiki/signup', MODERATOR);
  await api('/api/wiki/users/role', { name: MODERATOR.name, role: 'moderator' }, admin.token);

  // 1. The citizen signs up in the UI and adds a place by clicking the map.
  const citizen = await openWiki(browser);
  await signInThroughUi(citizen, `citizen-${Date.now()}`, 'citizen-password', 'sign-up');
  await citizen.locator('#wiki-add-place').click();
  await expect(citizen.locator('#wiki-pick-hint')).toBeVisible();
  await citizen.mouse.click(520, 300); // the globe, near the start view's centre (City Hall)
  const form = citizen.locator('#wiki-propose');
  await expect(form).toBeVisible();
  await form.locator('input[name="name_en"]').fill(`${PLACE} (draft)`);
  await form.locator('select[name="category"]').selectOption('park');
  await form.locator('input[name="comment"]').fill('new plaza');
  await form.locator('[data-action="submit"]').click();
  await expect(form).toHaveCount(0);
  await expect(citizen.locator('#wiki-my-pending')).toContainText(`${PLACE} (draft)`);
  // The author fixes the name of the still-pending edit: the same revision changes, no second one.
  await citizen.locator('#wiki-my-pending [data-action="edit-pending"]').click();
  const edit = citizen.locator('#wiki-propose');
  await expect(edit.locator('input[name="name_en"]')).toHaveValue(`${PLACE} (draft)`);
  await expect(edit.locator('select[name="category"]')).toHaveValue('park');
  await edit.locator('input[name="name_en"]').fill(PLACE);
  await edit.locator('[data-action="submit"]').click();
  await expect(edit).toHaveCount(0);
  await expect(citizen.locator('#wiki-my-pending li')).toHaveCount(1);
  await expect(citizen.locator('#wiki-my-pending')).not.toContainText('(draft)');
  await expect(citizen.locator('#wiki-my-pending')).toContainText(PLACE);
  expect(await citizen.evaluate(() => (globalThis as unknown as G).__xss)).toBeUndefined();
  const pendingMarker = await citizen.waitForFunction(
    (name) => (globalThis as unknown as G).__vseoulWiki?.markers.find((m) => m.label === name && m.pending) ?? null,
    PLACE,
  );
  const at = (await pendingMarker.jsonValue()) as { lon: number; lat: number };
  // Inside the start view around City Hall (the clicked point), not somewhere arbitrary.
  expect(Math.abs(at.lon - 126.978)).toBeLessThan(0.05);
  expect(Math.abs(at.lat - 37.566)).toBeLessThan(0.05);
  await citizen.screenshot({ path: 'test-results/e2e/wiki-citizen-pending.png' });
  // One globe at a time: software WebGL on two cores.
  await citizen.context().close();

  // 2. The moderator reviews the queue: the diff shows the proposed name as text; approve.
  const moderator = await openWiki(browser);
  expect(await moderator.evaluate(() => (globalThis as unknown as G).__vseoulWiki!.markers.length)).toBe(0); // others' pending edits stay private
  await signInThroughUi(moderator, MODERATOR.name, MODERATOR.password, 'sign-in');
  await moderator.locator('#wiki-open-queue').click();
  const card = moderator.locator('#wiki-queue .wiki-card').filter({ hasText: PLACE });
  await expect(card).toHaveCount(1);
  await expect(card.locator('.wiki-diff')).toContainText(PLACE);
  expect(await moderator.evaluate(() => (globalThis as unknown as G).__xss)).toBeUndefined();
  await moderator.screenshot({ path: 'test-results/e2e/wiki-moderator-queue.png' });
  await card.locator('[data-action="approve"]').click();
  await expect(moderator.locator('#wiki-queue')).toContainText(/검토할 제안이 없습니다|Nothing to review/);
  await moderator.context().close();

  // 3. A signed-out visitor sees the approved place in the list and on the map, as plain text.
  const visitor = await openWiki(browser);
  await expect(visitor.locator('#wiki-places')).toContainText(PLACE);
  await visitor.waitForFunction((name) => (globalThis as unknown as G).__vseoulWiki?.markers.some((m) => m.label === name && !m.pending) === true, PLACE);
  expect(await visitor.locator('#wiki-places img').count()).toBe(0);
  expect(await visitor.evaluate(() => (globalThis as unknown as G).__xss)).toBeUndefined();

  // The history (opened from the list) shows who proposed and who approved it.
  await visitor.locator('#wiki-places .wiki-link').filter({ hasText: PLACE }).click();
  await expect(visitor.locator('#wiki-history li[data-status="approved"]')).toContainText(MODERATOR.name);
  await visitor.screenshot({ path: 'test-results/e2e/wiki-visitor-history.png' });
  await visitor.keyboard.press('Escape');

  // Anyone can export the approved wiki as GeoJSON; the file carries the place and its provenance.
  const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.locator('#wiki-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^virtual-seoul-wiki-\d{4}-\d{2}-\d{2}\.geojson$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as WikiExport;
  const place = exported.features.find((f) => f.properties.name_en === PLACE);
  expect(place?.properties.wiki.approvedBy).toBe(MODERATOR.name);
  expect(place?.geometry?.type).toBe('Point');
  await visitor.context().close();
});
