// The app's version, read from the package.json above a folder the host serves (the repository
// in development, app.asar in a packaged build), so the host needs no build-time injection.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findAppVersion(startDir: string): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'virtual-seoul' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0-unknown';
    dir = parent;
  }
}
