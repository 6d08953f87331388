// The wiki refuses a damaged database file before writing anything into it: SQLite opens a file
// with damaged pages and answers until a read hits one, and it makes an empty (0-byte) file into
// a new, empty wiki. Checked at start: the header by hand (size, magic, page size), then SQLite's
// own PRAGMA integrity_check on a read-only connection (which cannot checkpoint into the file).
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;
/** Lines of integrity_check quoted in the reason. */
const QUOTED_PROBLEMS = 3;

/** A wiki file that must not be opened for writing; `problem` says why, for the 503 answer. */
export class WikiDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`The wiki database ${path} is damaged: ${problem}. It was not changed; restore it from a backup (or move it away to start an empty wiki).`);
    this.name = 'WikiDamagedError';
  }
}

function headerProblem(path: string): string | null {
  const size = statSync(path).size;
  if (size === 0) return 'the file is empty (0 bytes), not a wiki database';
  if (size < HEADER_BYTES) return `the file is ${size} bytes, shorter than an SQLite header`;
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, MAGIC.length) !== MAGIC) return 'the file does not start with the SQLite header';
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `the header gives an invalid page size (${raw})`;
  if (size % pageSize !== 0) return `the file size (${size} bytes) is not a whole number of ${pageSize}-byte pages`;
  return null;
}

function integrityProblem(path: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const lines = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    if (lines.length === 1 && lines[0] === 'ok') return null;
    const more = lines.length > QUOTED_PROBLEMS ? ` (and ${lines.length - QUOTED_PROBLEMS} more)` : '';
    return `SQLite's integrity check found ${lines.slice(0, QUOTED_PROBLEMS).join('; ')}${more}`;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return `SQLite cannot read it (${(err as Error).message})`;
    throw err; // locked, unreadable: not damage, reported as it is
  } finally {
    db?.close();
  }
}

/** Throws WikiDamagedError when an existing file at `path` is damaged; a missing file is fine (a new wiki). */
export function refuseDamagedFile(path: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) return; // missing: a new wiki; a folder: SQLite says why it cannot open it
  const problem = headerProblem(path) ?? integrityProblem(path);
  if (problem) throw new WikiDamagedError(path, problem);
}
