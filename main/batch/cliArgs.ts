// Arguments of the batch commands: `--name value…` (a flag takes every word up to the next flag,
// so `--area gu Jongno-gu` works) and the words before the first flag.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BatchArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseBatchArgs(argv: string[], known: readonly string[]): BatchArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const a of argv) {
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (!known.includes(name)) throw new Error(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(' ')})`);
      flags.set(name, (current = []));
    } else if (current) current.push(a);
    else positional.push(a);
  }
  return { positional, flags };
}

/** The one value of a flag, or `fallback` when absent. */
export function flagValue(args: BatchArgs, name: string, fallback?: string): string | undefined {
  const v = args.flags.get(name);
  if (!v) return fallback;
  if (v.length !== 1) throw new Error(`--${name} takes one value`);
  return v[0];
}

/** A build folder or an http(s) URL of one, as the URL workers/data opens. */
export function cityUrlOf(dirOrUrl: string): string {
  if (/^https?:\/\//.test(dirOrUrl)) return dirOrUrl.endsWith('/') ? dirOrUrl : `${dirOrUrl}/`;
  return pathToFileURL(`${path.resolve(dirOrUrl)}/`).href;
}
