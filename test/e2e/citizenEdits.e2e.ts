// Citizen edits flow back, in Chromium against the real host: a citizen's edit of Seoul City Hall
// (floors, use, name) is approved by a moderator in the running app's review queue, and without a
// reload the building panel shows the new attributes with who approved them, and the building is
// drawn taller in the citizen-edit colour; a revert through the wiki API takes all of it back. The
// accounts and the edit are test fixtures; the building is the real one of the start view.
import { expect, test, type Page } from '@playwright/test';
import type { BuildingProperties } from '../../common/buildFormat.js';
import type { WithBuildingEditsTestHook } from '../../renderer/src/wiki/wikiTestHookApi.js';
import { openApp, waitForView, type PageGlobals } from './app.js';
import { CITY_HALL_NAME, cityHallFootprint } from './cityHall.js';
import { api, E2E_WIKI_ADMIN, signInThroughUi } from './wikiFixture.js';

type G = PageGlobals & WithBuildingEditsTestHook;
const CITY_HALL = 'osm:way/198561926';
const MODERATOR = { name: 'e2e-edits-moderator', password: 'edits-moderator-password' };
const CITIZEN = { name: 'e2e-edits-citizen', password: 'edits-citizen-password' };
const EDITED_NAME = 'Seoul City Hall (citizen edit)';
const FLOORS = 30;

/** Pixels of a small square of the page around (x, y), as [r, g, b], decoded by the browser's PNG decoder. */
async function pixelsAround(page: Page, x: number, y: number, radius = 4): Promise<number[][]> {
  const png = await page.screenshot({ clip: { x: x - radius, y: y - radius, width: 2 * radius + 1, height: 2 * radius + 1 } });
  return page.evaluate(async (b64) => {
    const g = globalThis as unknown as PageGlobals;
    const bitmap = await g.createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new g.OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return Array.from({ length: data.length / 4 }, (_, i) => [data[4 * i], data[4 * i + 1], data[4 * i + 2]]);
  }, png.toString('base64'));
}

/**
 * Pixels in the citizen-edit purple (#b57edc) however it is lit: red and blue both well above green.
 * No other colour of the start view is like that: measured (off-white), floors (tan, blue lowest),
 * default by use (blue-grey, red lowest), selection (orange), sky, ground and ground layers.
 */
const purple = (pixels: number[][]) => pixels.filter(([r, g, b]) => r - g > 20 && b - g > 40).length;

test('an approved edit of City Hall shows at once (panel, colour, height) and a revert takes it back', async ({ page }) => {
  test.setTimeout(300_000);
  const admin = await api('/api/wiki/signin', E2E_WIKI_ADMIN);
  const moderator = await api('/api/wiki/signup', MODERATOR);
  await api('/api/wiki/users/role', { name: MODERATOR.name, role: 'moderator' }, admin.token);
  const citizen = await api('/api/wiki/signup', CITIZEN);
  const { revision: proposal } = await api(
    '/api/wiki/revisions',
    {
      kind: 'building',
      target: CITY_HALL,
      baseRev: null,
      properties: { floors: FLOORS, use: 'office', name: EDITED_NAME },
      comment: 'the tower has 30 floors',
    },
    citizen.token,
  );

  const hall = await cityHallFootprint();
  await openApp(page, { lang: 'en' });
  await page.waitForFunction(() => (globalThis as unknown as G).__vseoulBuildingEdits?.connected === true);
  const panel = page.locator('#building-info');
  const field = (name: string) => panel.locator(`dd[data-field="${name}"]`);
  const onScreen = (metresAboveGround: number) =>
    page.evaluate(([lon, lat, h]) => (globalThis as unknown as G).__vseoul!.windowPosition(lon, lat, h), [hall.lon, hall.lat, metresAboveGround] as const);

  // City Hall as built: selected by a click on its roof.
  const roof = await onScreen((hall.sourceHeight ?? 20) * 0.9);
  expect(roof, 'City Hall is in the start view').not.toBeNull();
  await page.mouse.click(roof!.x, roof!.y);
  await expect(field('name')).toHaveText(CITY_HALL_NAME);
  const built = (await page.evaluate(() => (globalThis as unknown as G).__vseoul!.selectedBuilding)) as BuildingProperties;
  expect(built.floors).not.toBe(FLOORS);
  await expect(field('citizenEdits')).toHaveCount(0);
  // A point inside the edited tower, above the built roof: nothing purple there yet.
  const towerTop = await onScreen(FLOORS * 3.3 - 10);
  expect(towerTop).not.toBeNull();
  await page.keyboard.press('Escape');
  await waitForView(page);
  expect(purple(await pixelsAround(page, towerTop!.x, towerTop!.y))).toBe(0);

  // The moderator approves the edit in the app's review queue, with City Hall selected.
  await signInThroughUi(page, MODERATOR.name, MODERATOR.password, 'sign-in');
  await page.mouse.click(roof!.x, roof!.y);
  await expect(field('name')).toHaveText(CITY_HALL_NAME);
  await page.locator('#wiki-open-queue').click();
  const card = page.locator(`#wiki-queue .wiki-card[data-revision="${proposal.id}"]`);
  await expect(card).toContainText(EDITED_NAME);
  await card.locator('[data-action="approve"]').click();
  await expect(page.locator('#wiki-queue')).toContainText('Nothing to review');
  await page.locator('#wiki-queue [data-action="cancel"]').click();

  // Without a reload: the panel of the selected building...
  await expect(field('name')).toHaveText(EDITED_NAME);
  await expect(field('floors')).toHaveText(String(FLOORS));
  await expect(field('use')).toHaveText('office');
  await expect(field('height')).toHaveText('99 m');
  await expect(field('heightSource')).toHaveText('Citizen edit: floors × 3.3 m');
  await expect(field('citizenEdits')).toContainText(`Floors: citizen edit, approved by ${MODERATOR.name}, on `);
  await expect(field('citizenEdits')).toContainText(`Name: citizen edit, approved by ${MODERATOR.name}, on `);
  await expect(panel.locator('[data-wiki-field="floors"]')).toHaveText(String(FLOORS)); // the wiki section, reloaded
  await page.locator('#language-toggle').click();
  await expect(field('citizenEdits')).toContainText(`층수: 시민 편집, ${MODERATOR.name} 승인, `);
  await page.locator('#language-toggle').click();
  // ...and the building: drawn to the edited height in the citizen-edit colour once deselected.
  const edited = await page.waitForFunction((id) => (globalThis as unknown as G).__vseoulBuildingEdits!.building(id)?.overlay ?? null, CITY_HALL);
  const overlay = (await edited.jsonValue()) as { bottom: number; top: number; colour: string };
  expect(overlay.top - overlay.bottom).toBeCloseTo(FLOORS * 3.3, 3);
  await page.keyboard.press('Escape');
  await page.waitForFunction((id) => (globalThis as unknown as G).__vseoulBuildingEdits!.building(id)?.overlay?.colour === '#b57edc', CITY_HALL);
  await waitForView(page);
  await page.screenshot({ path: 'test-results/e2e/citizen-edit-approved.png' });
  expect(purple(await pixelsAround(page, towerTop!.x, towerTop!.y))).toBeGreaterThan(40);

  // A revert (here through the API, as from another moderator's desk) reaches the page at once.
  await api(`/api/wiki/revisions/${proposal.id}/revert`, {}, moderator.token);
  await page.waitForFunction(
    ([id, height]) => {
      const b = (globalThis as unknown as G).__vseoulBuildingEdits!.building(id as string);
      return b?.overlay === null && b.height === height;
    },
    [CITY_HALL, built.height] as const,
  );
  await waitForView(page);
  await page.screenshot({ path: 'test-results/e2e/citizen-edit-reverted.png' });
  expect(purple(await pixelsAround(page, towerTop!.x, towerTop!.y))).toBe(0);
  await page.mouse.click(roof!.x, roof!.y);
  await expect(field('name')).toHaveText(CITY_HALL_NAME);
  await expect(field('floors')).toHaveText(String(built.floors));
  expect(await page.evaluate(() => (globalThis as unknown as G).__vseoul!.selectedBuilding)).toEqual(built);
  await expect(field('citizenEdits')).toHaveCount(0);
});
