// Helpers shared by the end-to-end tests: open the app and wait until the view is complete, take
// screenshots of the globe area, and compare screenshots pixel by pixel.
import { expect, type Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WithTestHook } from '../../renderer/src/testHookApi.js';

/** The page's globals these helpers use (the Node-side tsconfig has no DOM lib). */
export type PageGlobals = WithTestHook & {
  createImageBitmap(blob: Blob): Promise<{ width: number; height: number }>;
  OffscreenCanvas: new (
    w: number,
    h: number,
  ) => {
    getContext(kind: '2d'): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { width: number; height: number; data: Uint8ClampedArray };
    } | null;
  };
};

export const SCREENSHOT_DIR = path.resolve('test-results', 'e2e');

/** A fixed summer afternoon in Seoul, so lighting and shadows are the same on every run. */
export const START_TIME = '2026-06-21T14:00:00+09:00';

/** The part of the 800x600 viewport showing the globe: right of the side panel, above the credits. */
export const GLOBE_CLIP = { x: 200, y: 0, width: 600, height: 540 };

/** The app's URL on the e2e host (globalSetup), or on `base` (a spec's own host). */
export function appUrl(params: Record<string, string> = {}, base = process.env.VSEOUL_E2E_URL): string {
  if (!base) throw new Error('VSEOUL_E2E_URL is not set: run through `playwright test` (globalSetup starts the host)');
  const search = new URLSearchParams({ light: '1', time: START_TIME, ...params });
  return `${base}?${search}`;
}

/** Navigates and waits until the city, terrain and ground layers of the start view are drawn. */
export async function openApp(page: Page, params: Record<string, string> = {}, base?: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(appUrl(params, base));
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__vseoul?.ready === true, null, { timeout: 90_000 });
  const error = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul?.error ?? null);
  expect(error, 'the app reported an error instead of the city').toBeNull();
  await waitForView(page);
  expect(errors, 'uncaught errors in the page').toEqual([]);
}

/** Waits for every tile of the current view, then draws two fresh frames. */
export async function waitForView(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__vseoul?.tilesLoaded === true, null, { timeout: 120_000, polling: 500 });
  await page.evaluate(async () => {
    await (globalThis as unknown as PageGlobals).__vseoul!.renderFrame();
    await (globalThis as unknown as PageGlobals).__vseoul!.renderFrame();
  });
}

/** Screenshot of the globe area, also saved as test-results/e2e/<name>.png for people to look at. */
export async function globeShot(page: Page, name: string): Promise<Buffer> {
  const png = await page.screenshot({ clip: GLOBE_CLIP });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await writeFile(path.join(SCREENSHOT_DIR, `${name}.png`), png);
  return png;
}

export interface PixelDiff {
  /** Share of pixels whose largest channel difference exceeds the tolerance. */
  changedShare: number;
  /** Mean brightness (0-255) of the changed pixels in the first image. */
  changedBrightnessA: number;
  pixels: number;
}

/**
 * Compares two PNG screenshots of the same size. Decoding uses the browser's own PNG decoder
 * (createImageBitmap) in the page, so the tests need no image library.
 */
export async function diffPngs(page: Page, a: Buffer, b: Buffer, tolerance = 24): Promise<PixelDiff> {
  return page.evaluate(
    async ({ a64, b64, tolerance }) => {
      const g = globalThis as unknown as PageGlobals;
      const decode = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await g.createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new g.OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [ia, ib] = await Promise.all([decode(a64), decode(b64)]);
      if (ia.width !== ib.width || ia.height !== ib.height) throw new Error('screenshots differ in size');
      let changed = 0;
      let brightness = 0;
      for (let i = 0; i < ia.data.length; i += 4) {
        const d = Math.max(Math.abs(ia.data[i] - ib.data[i]), Math.abs(ia.data[i + 1] - ib.data[i + 1]), Math.abs(ia.data[i + 2] - ib.data[i + 2]));
        if (d > tolerance) {
          changed++;
          brightness += (ia.data[i] + ia.data[i + 1] + ia.data[i + 2]) / 3;
        }
      }
      const pixels = ia.width * ia.height;
      return { changedShare: changed / pixels, changedBrightnessA: changed ? brightness / changed : 0, pixels };
    },
    { a64: a.toString('base64'), b64: b.toString('base64'), tolerance },
  );
}

/** RGB of a PNG screenshot at window pixels (x, y), decoded by the browser like diffPngs. */
export async function pixelsAt(page: Page, png: Buffer, points: readonly { x: number; y: number }[]): Promise<[number, number, number][]> {
  return page.evaluate(
    async ({ b64, points }) => {
      const g = globalThis as unknown as PageGlobals;
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await g.createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new g.OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      return points.map(({ x, y }) => {
        const i = (Math.round(y) * image.width + Math.round(x)) * 4;
        return [image.data[i], image.data[i + 1], image.data[i + 2]] as [number, number, number];
      });
    },
    { b64: png.toString('base64'), points },
  );
}

/** Clicks a layer's checkbox in the layer list and waits for the redrawn view. */
export async function setLayer(page: Page, layerId: string, on: boolean): Promise<void> {
  const box = page.locator(`#layer-${layerId}`);
  await expect(box).toBeEnabled();
  if (on) await box.check();
  else await box.uncheck();
  await page.waitForFunction(([id, on]) => (globalThis as unknown as PageGlobals).__vseoul?.layers[id as string] === on, [layerId, on] as const);
  await waitForView(page);
}
