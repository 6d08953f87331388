// A BuildLog for terminals: a redrawn progress bar per stage on a TTY, plain lines otherwise
// (CI logs, pipes), and one line per input issue: file, feature id, problem, action. Repairs and
// skips are always printed; routine 'defaulted'/'note' lines (a height default for most OSM
// buildings) are capped per file so the console stays readable; build-report.json keeps them all.
import type { BuildIssue, BuildLog } from '../model/cityModel.js';

export interface ConsoleLogCounts {
  issues: number;
  byAction: Record<string, number>;
}

export function createConsoleLog(
  out: NodeJS.WriteStream = process.stdout,
  opts: { tty?: boolean } = {},
): BuildLog & { counts: ConsoleLogCounts; finish(): void } {
  const tty = opts.tty ?? Boolean(out.isTTY);
  const counts: ConsoleLogCounts = { issues: 0, byAction: {} };
  let barShown = false;
  let lastStage = '';
  let lastQuarter = -1;
  let lastDraw = 0;
  const ROUTINE_LINES_PER_FILE = 5;
  const routineShown = new Map<string, number>();
  let routineHidden = 0;

  const clearBar = () => {
    if (tty && barShown) {
      out.write('\r\x1b[2K');
      barShown = false;
    }
  };
  const line = (s: string) => {
    clearBar();
    out.write(`${s}\n`);
  };

  return {
    counts,
    issue(i: BuildIssue) {
      counts.issues++;
      counts.byAction[i.action] = (counts.byAction[i.action] ?? 0) + 1;
      if (i.action === 'defaulted' || i.action === 'note') {
        const key = `${i.action}\0${i.file}`;
        const shown = routineShown.get(key) ?? 0;
        if (shown >= ROUTINE_LINES_PER_FILE) {
          routineHidden++;
          return;
        }
        routineShown.set(key, shown + 1);
      }
      line(`  ! ${i.file}  [${i.featureId}]  ${i.problem}  -> ${i.action}`);
    },
    info(message: string) {
      line(`  ${message}`);
    },
    progress(stage: string, done: number, total: number) {
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const now = Date.now();
        if (stage === lastStage && done < total && now - lastDraw < 80) return;
        if (stage !== lastStage && barShown) out.write('\n'); // keep the finished stage's bar
        lastDraw = now;
        lastStage = stage;
        const width = 30;
        const filled = Math.round(frac * width);
        out.write(
          `\r\x1b[2K${stage.padEnd(28).slice(0, 28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}% ${done}/${total}`,
        );
        barShown = true;
      } else {
        // Plain output: a line at the start of each stage and at every further quarter.
        const quarter = Math.floor(frac * 4);
        if (stage !== lastStage) {
          lastStage = stage;
          lastQuarter = -1;
        }
        if (quarter === lastQuarter) return;
        lastQuarter = quarter;
        out.write(`[${stage}] ${done}/${total} (${Math.round(frac * 100)}%)\n`);
      }
    },
    finish() {
      if (tty && barShown) out.write('\n');
      barShown = false;
      if (routineHidden > 0) {
        out.write(`  (${routineHidden} more routine lines like the ones above are in build-report.json)\n`);
        routineHidden = 0;
      }
    },
  };
}
