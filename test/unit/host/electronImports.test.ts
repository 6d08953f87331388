// The process boundary (DESIGN.md §2): only main/electron/ and preload/ipcBridge.ts may import
// electron, so everything else runs in plain Node and in browser mode.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE_DIRS = ['common', 'main', 'preload', 'renderer', 'workers', 'tiles', 'scenarios', 'build'];
const SOURCE_EXT = /\.(c|m)?(t|j)sx?$/;

// import ... from 'electron', import('electron'), require('electron'), export ... from 'electron',
// and subpaths such as 'electron/main'.
const ELECTRON_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s*)['"]electron(?:\/[^'"]*)?['"]/m;

/** Source text without comments, so prose about electron does not count as an import. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : SOURCE_EXT.test(name) ? [full] : [];
  });
}

function allowed(rel: string): boolean {
  const posix = rel.split(sep).join('/');
  return posix.startsWith('main/electron/') || posix === 'preload/ipcBridge.ts';
}

describe('electron imports', () => {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(repoRoot, dir)));

  it('the pattern recognises every form of import', () => {
    for (const line of [
      "import { app } from 'electron';",
      'import electron from "electron"',
      "import 'electron';",
      "const { ipcRenderer } = require('electron')",
      "await import('electron/renderer')",
      "export { app } from 'electron'",
    ]) {
      expect(ELECTRON_IMPORT.test(line), line).toBe(true);
    }
    expect(ELECTRON_IMPORT.test("import { x } from 'electron-builder';")).toBe(false);
    expect(ELECTRON_IMPORT.test('// the electron shell')).toBe(false);
  });

  it('scans the source tree', () => {
    expect(files.some((f) => f.endsWith(join('main', 'electron', 'main.ts')))).toBe(true);
    expect(files.some((f) => f.endsWith(join('main', 'host', 'hostHandler.ts')))).toBe(true);
  });

  it('only main/electron/ and preload/ipcBridge.ts import electron', () => {
    const offenders = files
      .filter((f) => ELECTRON_IMPORT.test(code(f)))
      .map((f) => relative(repoRoot, f))
      .filter((rel) => !allowed(rel));
    expect(offenders).toEqual([]);
  });

  it('the Electron layer does import it (the check is looking at the right files)', () => {
    const importers = files.filter((f) => ELECTRON_IMPORT.test(code(f))).map((f) => relative(repoRoot, f).split(sep).join('/'));
    expect(importers).toContain('main/electron/main.ts');
    expect(importers).toContain('preload/ipcBridge.ts');
  });
});
