// npm start decides between Electron and browser mode by finding the binary the way electron's
// own index.js does (path.txt + dist/), without the download that require('electron') would try.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../main/cli/electronBinary.js';

const made: string[] = [];

function project(opts: { electronPackage: boolean; pathTxt?: string; binary?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'vseoul-electron-bin-'));
  made.push(dir);
  writeFileSync(join(dir, 'package.json'), '{"name":"fixture"}');
  if (opts.electronPackage) {
    const pkg = join(dir, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"45.4.1","main":"index.js"}');
    // If this ran, the test would see the throw: the lookup must never execute electron's index.js.
    writeFileSync(join(pkg, 'index.js'), 'throw new Error("index.js must not be required");');
    if (opts.pathTxt !== undefined) writeFileSync(join(pkg, 'path.txt'), opts.pathTxt);
    if (opts.binary) {
      writeFileSync(join(pkg, 'dist', 'electron'), '#!/bin/sh\n');
      chmodSync(join(pkg, 'dist', 'electron'), 0o755);
    }
  }
  return dir;
}

afterEach(() => {
  delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('finds an installed binary', () => {
    const dir = project({ electronPackage: true, pathTxt: 'electron', binary: true });
    expect(findElectronBinary(dir)).toBe(join(dir, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('returns null when the package is there but the binary was never downloaded (as here)', () => {
    expect(findElectronBinary(project({ electronPackage: true }))).toBeNull();
    expect(findElectronBinary(project({ electronPackage: true, pathTxt: 'electron' }))).toBeNull();
  });

  it('returns null without the electron package', () => {
    expect(findElectronBinary(project({ electronPackage: false }))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = project({ electronPackage: true });
    const override = mkdtempSync(join(tmpdir(), 'vseoul-electron-dist-'));
    made.push(override);
    writeFileSync(join(override, 'electron'), '');
    process.env.ELECTRON_OVERRIDE_DIST_PATH = override;
    expect(findElectronBinary(dir)).toBe(join(override, 'electron'));
  });
});
