// One city build as users run it (`tiles/cli/buildCity.ts` in a child process; no citizen edits:
// the fixture is not Seoul), measured from
// outside: wall time, CPU seconds and peak resident memory of the build process (GNU time, where
// installed; else the build's own peak-memory line), the wall time of each stage (from the
// progress lines as they arrive), and the load average before and after.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GNU_TIME = '/usr/bin/time';

export interface BuildRun {
  wallSeconds: number;
  /** User + system CPU seconds of the build process (null without GNU time). */
  cpuSeconds: number | null;
  peakRssMb: number;
  /** Stages in order with their wall seconds (a stage lasts until the next one starts). */
  stages: Array<{ name: string; seconds: number }>;
  /** The build's closing summary lines ("Build complete" …). */
  summary: string[];
  /** Bytes the build wrote (its own closing "disk:" line), MB. */
  diskMb: number;
  loadBefore: number[];
  loadAfter: number[];
}

/** The stage a progress line belongs to: '[read buildings/x.shp] 3/9' -> 'read', '[surface model] …' -> 'surface model'. */
function stageOf(line: string): string | null {
  const m = /^\[([^\]]+)\] \d+\/\d+/.exec(line);
  if (!m) return null;
  return m[1].startsWith('read ') ? 'read sources' : m[1].startsWith('merge ') ? 'merge + heights' : m[1];
}

export function runCityBuild(args: { sourceDir: string; sourcesConfig: string; outDir: string; logFile?: (line: string) => void }): Promise<BuildRun> {
  const cli = [
    '--import',
    'tsx',
    path.join(REPO, 'tiles/cli/buildCity.ts'),
    '--source',
    args.sourceDir,
    '--sources',
    args.sourcesConfig,
    '--out',
    args.outDir,
    '--no-wiki-edits',
  ];
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-f', 'GNU-TIME %e %U %S %M', process.execPath, ...cli]] : [process.execPath, cli];
  const loadBefore = os.loadavg();
  const started = performance.now();
  const stages: Array<{ name: string; start: number }> = [{ name: 'start-up, elevation', start: started }];
  const summary: string[] = [];
  let gnuTime: number[] | null = null;
  let inSummary = false;
  let pending = '';
  const onLine = (line: string) => {
    args.logFile?.(line);
    const stage = stageOf(line);
    if (stage && stages.at(-1)?.name !== stage) stages.push({ name: stage, start: performance.now() });
    if (line === 'Build complete') {
      inSummary = true;
      stages.push({ name: 'end', start: performance.now() });
    }
    if (inSummary && line.trim()) summary.push(line);
    const t = /^GNU-TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(line);
    if (t) gnuTime = t.slice(1).map(Number);
  };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) onLine(pending);
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`city build exited with ${code}; see the build log`));
      const ownPeak = Number(/memory:\s+(\d+) MB peak/.exec(summary.join('\n'))?.[1] ?? NaN);
      const measured = gnuTime as number[] | null;
      resolve({
        wallSeconds,
        cpuSeconds: measured ? measured[1] + measured[2] : null,
        // GNU time's %M is kilobytes of peak resident memory.
        peakRssMb: measured ? measured[3] / 1024 : ownPeak,
        stages: stages.slice(0, -1).map((s, i) => ({ name: s.name, seconds: (stages[i + 1].start - s.start) / 1000 })),
        summary: summary.filter((l) => !l.startsWith('GNU-TIME')),
        diskMb: Number(/disk:\s+([\d.]+) MB/.exec(summary.join('\n'))?.[1] ?? NaN),
        loadBefore,
        loadAfter: os.loadavg(),
      });
    });
  });
}
