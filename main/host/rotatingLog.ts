// A small size-rotating log file for the unattended app (Electron main and browser-mode host):
// <dir>/<name>.log grows to maxBytes, then shifts to <name>.1.log … <name>.<keep>.log and the
// oldest is dropped, so weeks of kiosk operation use at most (keep + 1) × maxBytes of disk.
// Synchronous appends: lines are few (state changes, recoveries, refusals), and a line written
// just before a crash must be on disk.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingLogOptions {
  dir: string;
  /** File name without extension, e.g. "renderer" -> renderer.log. */
  name: string;
  /** Default 1 MiB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one; default 5. */
  keep?: number;
  /** Also echo each line (e.g. console.log); default none. */
  echo?: (line: string) => void;
  now?: () => Date;
}

export interface RotatingLog {
  write(line: string): void;
  /** Path of the current file. */
  readonly file: string;
}

/** One physical line: control characters (newlines included) would let a caller forge entries. */
export function sanitizeLogText(text: string, maxChars = 2000): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return flat.length > maxChars ? `${flat.slice(0, maxChars)}… (${flat.length - maxChars} more characters)` : flat;
}

export function createRotatingLog(options: RotatingLogOptions): RotatingLog {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 5;
  const now = options.now ?? (() => new Date());
  const file = join(options.dir, `${options.name}.log`);
  const rotated = (n: number) => join(options.dir, `${options.name}.${n}.log`);
  let size: number | null = null;
  let failed = false;

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    if (keep >= 1) renameSync(file, rotated(1));
    else rmSync(file, { force: true });
    size = 0;
  };

  return {
    file,
    write(text: string) {
      const line = `${now().toISOString()} ${sanitizeLogText(text)}\n`;
      options.echo?.(line.trimEnd());
      try {
        if (size === null) {
          mkdirSync(options.dir, { recursive: true });
          size = existsSync(file) ? statSync(file).size : 0;
        }
        const bytes = Buffer.byteLength(line);
        if (size > 0 && size + bytes > maxBytes) rotate();
        appendFileSync(file, line);
        size += bytes;
        failed = false;
      } catch (err) {
        // A full or read-only disk must not take the app down; say so once per failure streak.
        if (!failed) console.error(`Cannot write log ${file}: ${(err as Error).message}`);
        failed = true;
        size = null;
      }
    },
  };
}
