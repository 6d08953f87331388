// The e2e host's wiki: a fresh database in a temporary folder with this admin (a test fixture),
// and the two ways the specs act in it: its HTTP API and the page's sign-in form.
import { expect, type Page } from '@playwright/test';

export const E2E_WIKI_ADMIN = { name: 'e2e-admin', password: 'e2e-admin-password' };

/** POSTs to the e2e host's wiki API; throws on a refusal. */
export async function api(path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(new URL(path, process.env.VSEOUL_E2E_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Signs in (or up) through the page's wiki form. */
export async function signInThroughUi(page: Page, name: string, password: string, action: 'sign-in' | 'sign-up'): Promise<void> {
  await page.locator('#wiki-sign-in').click();
  const dialog = page.locator('#wiki-auth');
  await dialog.locator('input[name="name"]').fill(name);
  await dialog.locator('input[name="password"]').fill(password);
  await dialog.locator(`[data-action="${action}"]`).click();
  await expect(page.locator('#wiki-user')).toContainText(name);
}
