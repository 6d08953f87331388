// Where the city's source data and build live unless the user says otherwise; shared by the build
// CLI and the app's start/serve so both always agree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** $VSEOUL_DATA_DIR, else ../shared/data beside the checkout. */
export function defaultSourceDir(): string {
  return path.resolve(process.env.VSEOUL_DATA_DIR ?? path.join(REPO_ROOT, '..', 'shared', 'data'));
}

/** $VSEOUL_BUILD_DIR, else city-build/ in the checkout (git-ignored). */
export function defaultBuildDir(): string {
  return path.resolve(process.env.VSEOUL_BUILD_DIR ?? path.join(REPO_ROOT, 'city-build'));
}
