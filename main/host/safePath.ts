// Maps a URL path below a route prefix to a file inside one root folder, so that no request can
// name anything outside it. Every segment is percent-decoded exactly once and then checked;
// anything that could change directories after decoding (a slash, a backslash, a NUL, "..", a
// drive letter) is refused rather than normalised, because normalising hides attacks from logs.
// Symlinks are followed only when their target stays inside the root's real path.
import { realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export type SafePathResult = { ok: true; filePath: string; stats: Stats } | { ok: false; status: 400 | 404; reason: string };

/** Decodes and checks URL path segments; returns them, or why they were refused. */
export function decodePathSegments(encodedPath: string): { ok: true; segments: string[] } | { ok: false; reason: string } {
  if (encodedPath.includes('\\')) return { ok: false, reason: 'backslash in path' };
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    if (raw === '' || raw === '.') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (segment === '..' || segment === '.') return { ok: false, reason: 'dot segment' };
    if (/[/\\\0]/.test(segment)) return { ok: false, reason: 'encoded separator or NUL' };
    // Windows drive letters and alternate data streams ("C:", "file::$DATA").
    if (segment.includes(':')) return { ok: false, reason: 'colon in segment' };
    // Dotfiles (.git, .env...) are never part of a build or the app.
    if (segment.startsWith('.')) return { ok: false, reason: 'hidden file' };
    segments.push(segment);
  }
  return { ok: true, segments };
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Resolves `encodedPath` (the part of the URL path below the route prefix, still percent-encoded)
 * to a regular file inside `root`. Directories are not listed: they resolve to 404.
 */
export async function resolveSafeFile(root: string, encodedPath: string): Promise<SafePathResult> {
  const decoded = decodePathSegments(encodedPath);
  if (!decoded.ok) return { ok: false, status: 400, reason: decoded.reason };
  if (decoded.segments.length === 0) return { ok: false, status: 404, reason: 'no file named' };
  const candidate = join(root, ...decoded.segments);
  if (!isInside(root, candidate)) return { ok: false, status: 400, reason: 'outside root' };
  let realRoot: string;
  let realCandidate: string;
  try {
    realRoot = await realpath(root);
    realCandidate = await realpath(candidate);
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (!isInside(realRoot, realCandidate)) return { ok: false, status: 404, reason: 'link leads outside root' };
  let stats: Stats;
  try {
    stats = await stat(realCandidate);
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
  if (!stats.isFile()) return { ok: false, status: 404, reason: 'not a file' };
  return { ok: true, filePath: realCandidate, stats };
}
