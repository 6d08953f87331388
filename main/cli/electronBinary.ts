// Finds the Electron binary without require('electron'): in Electron 45 that require downloads the
// binary when it is missing, which cannot work offline and would print a stack trace. This reads
// the same path.txt that electron's index.js reads and checks that the file really exists.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function findElectronBinary(fromDir: string): string | null {
  const require = createRequire(join(fromDir, 'package.json'));
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  let relative: string | null;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = overrideDir ? join(overrideDir, relative || 'electron') : relative ? join(packageDir, 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}
