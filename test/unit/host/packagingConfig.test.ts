// electron-builder.yml against electron-builder's own JSON schema, and against what the Electron
// entry expects to find in a packaged app (the city build under resources/city, the bundles).
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ELECTRON_BUNDLES } from '../../../build/bundleElectron.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
// The same YAML reader electron-builder uses for its configuration.
const config = yaml.load(readFileSync(`${repoRoot}/electron-builder.yml`, 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s configuration schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('targets Linux (AppImage, deb), Windows (nsis) and macOS (dmg)', () => {
    expect(config.appId).toBe('kr.virtualseoul.app');
    expect(config.productName).toBe('Virtual Seoul');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('ships the city build as resources/city, where the packaged app looks for it', () => {
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'city-build', to: 'city' })]);
    const appPaths = readFileSync(`${repoRoot}/main/electron/appPaths.ts`, 'utf8');
    expect(appPaths).toContain("join(process.resourcesPath, 'city')");
  });

  it('packs the bundles the Electron entry loads, the renderer and Cesium', () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { main: string; devDependencies: Record<string, string> };
    expect(pkg.main).toBe(`dist/${ELECTRON_BUNDLES.main.outfile}`);
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'node_modules/cesium/Build/Cesium/**']),
    );
    // electron-builder reads the Electron version from devDependencies.
    expect(pkg.devDependencies.electron).toMatch(/^\^?\d+\./);
  });

  it('has a 512x512 RGBA PNG icon', () => {
    const png = readFileSync(`${repoRoot}/${config.icon}`);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([512, 512, 8, 6]);
    // Decode the pixels: opaque in the middle, transparent in the corner, more than a flat fill.
    const idatStart = png.indexOf('IDAT') + 4;
    const idatLength = png.readUInt32BE(idatStart - 8);
    const rows = inflateSync(png.subarray(idatStart, idatStart + idatLength));
    const pixel = (x: number, y: number) => rows.subarray(y * (512 * 4 + 1) + 1 + x * 4, y * (512 * 4 + 1) + 1 + x * 4 + 4);
    expect(pixel(256, 256)[3]).toBe(255);
    expect(pixel(0, 0)[3]).toBe(0);
    const colours = new Set<string>();
    for (let y = 20; y < 500; y += 7) for (let x = 20; x < 500; x += 7) colours.add(pixel(x, y).join(','));
    expect(colours.size).toBeGreaterThan(10);
  });
});
