// Without a city build the app explains what is wrong and how to fix it, instead of showing an
// empty globe. Uses its own host instance over an empty folder.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import type { PageGlobals } from './app.js';

let server: HostServer;
let emptyDir: string;

test.beforeAll(async () => {
  emptyDir = await mkdtemp(path.join(os.tmpdir(), 'vseoul-e2e-empty-'));
  server = await startHostServer({
    rendererDir: path.resolve('dist', 'renderer'), // bundled by globalSetup
    cesiumDir: path.resolve('node_modules', 'cesium', 'Build', 'Cesium'),
    cityDir: emptyDir,
    host: '127.0.0.1',
    port: 0,
  });
});

test.afterAll(async () => {
  await server?.close();
  if (emptyDir) await rm(emptyDir, { recursive: true, force: true });
});

test('a missing city build shows a clear message', async ({ page }) => {
  await page.goto(`${server.url}?light=1&lang=en`);
  const overlay = page.locator('#status-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay.locator('h2')).toHaveText('No city build found');
  await expect(overlay).toContainText('build:city');
  const error = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul?.error ?? null);
  expect(error).toBeTruthy();
  await page.screenshot({ path: 'test-results/e2e/no-city.png' });
});
