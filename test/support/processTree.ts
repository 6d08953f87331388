// Memory of a browser's whole process tree (browser, renderer, GPU/SwiftShader, utility) from /proc:
// the sum of PSS from /proc/<pid>/smaps_rollup (shared pages counted once overall), and the same
// split by Chromium process kind, and the largest single process of each kind. Used by the soak and
// the city-view and city benches.
import { readdir, readFile } from 'node:fs/promises';

/** Direct children of `pid`. */
export async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Chromium's process kind from its command line (--type=renderer, gpu-process, utility, zygote; none = browser). */
export async function processKind(pid: number): Promise<string> {
  // Chromium rewrites its children's titles, so the arguments may be joined by spaces, not NULs.
  const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split(/[\0 ]/);
  const type = cmd.find((a) => a.startsWith('--type='))?.slice('--type='.length);
  if (!type) return 'browser';
  if (type === 'gpu-process') return 'gpu';
  return type === 'renderer' || type === 'utility' ? type : 'other';
}

export const PROCESS_KINDS = ['browser', 'renderer', 'gpu', 'utility', 'other'] as const;

/** PSS of the tree under `root` (MB): in all, by process kind, and the largest single process of each kind. */
export async function processTreeMB(
  root: number,
): Promise<{ mb: number; count: number; byKind: Record<string, number>; largestByKind: Record<string, number> }> {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...(await childrenOf(pids[i])));
  let kb = 0;
  const byKind: Record<string, number> = Object.fromEntries(PROCESS_KINDS.map((k) => [k, 0]));
  const largestByKind: Record<string, number> = Object.fromEntries(PROCESS_KINDS.map((k) => [k, 0]));
  for (const pid of pids) {
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      const pss = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
      const kind = await processKind(pid);
      kb += pss;
      byKind[kind] += pss / 1024;
      largestByKind[kind] = Math.max(largestByKind[kind], pss / 1024);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { mb: kb / 1024, count: pids.length, byKind, largestByKind };
}
