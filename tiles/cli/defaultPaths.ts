// Where the city's source data, its build and the wiki store live unless the user says otherwise;
// shared by the build CLI and the app's start/serve so both always agree.
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

/** $VSEOUL_WIKI_DB, else wiki-data/wiki.sqlite under `repoRoot` (git-ignored): the wiki store the app serves and the build reads edits from. */
export function defaultWikiDbPath(repoRoot = REPO_ROOT): string {
  return process.env.VSEOUL_WIKI_DB ?? path.join(repoRoot, 'wiki-data', 'wiki.sqlite');
}
