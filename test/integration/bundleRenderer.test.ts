// The renderer bundle: what the host serves at / must be complete, keep Cesium out of app.js, and
// contain nothing the app's Content-Security-Policy (no 'unsafe-eval') would block.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleRenderer, type BundleResult } from '../../build/bundleRenderer.js';

let outDir: string;
let result: BundleResult;

beforeAll(async () => {
  outDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'vseoul-bundle-')), 'renderer');
  result = await bundleRenderer(outDir);
});

afterAll(async () => {
  await rm(path.dirname(outDir), { recursive: true, force: true });
});

describe('bundleRenderer', () => {
  it('writes every file index.html refers to', async () => {
    const files = await readdir(outDir);
    const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
    const local = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('/') && !u.startsWith('data:'));
    expect(local.length).toBeGreaterThan(3);
    for (const ref of local) expect(files).toContain(ref);
    expect(files).toContain('app.js.map');
  });

  it('has no inline scripts (the CSP allows scripts from files only)', async () => {
    const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
    for (const tag of html.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? []) expect(tag).toMatch(/<script[^>]*\bsrc="[^"]+"[^>]*><\/script>/);
  });

  it('keeps Cesium out of app.js and load-time eval out of the Cesium engine bundle', async () => {
    const app = await readFile(path.join(outDir, 'app.js'), 'utf8');
    // Cesium's engine alone is ~4.7 MB: an app.js near that size means it was bundled in. Our own
    // code plus proj4 (raster reprojection) and the panels is ~0.65 MB unminified.
    expect(result.appBytes).toBeLessThan(1024 * 1024);
    expect(app).toContain('globalThis.Cesium');
    const engine = await readFile(path.join(outDir, 'cesium-engine.js'), 'utf8');
    expect(engine).toMatch(/var Cesium\s*=/);
    // Knockout (Viewer widgets) calls eval at load time, which the CSP blocks. (The engine still
    // holds Emscripten glue with `new Function` for Gaussian-splat decoding, used only when a
    // splat tileset loads; the e2e tests prove the app itself starts under the real CSP.)
    expect(engine).not.toMatch(/Knockout JavaScript library/);
    expect(engine).not.toMatch(/\(0,\s*eval\)\("this"\)/);
  });
});
