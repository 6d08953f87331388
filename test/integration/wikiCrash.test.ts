// Nothing lost: a child process writing edits into the wiki store is killed with SIGKILL midway;
// the database then opens consistent (integrity_check ok, schema current) and every edit the
// child acknowledged (printed after its commit) is there, approved and current.
// SIGKILL tests a process crash; power loss is covered by synchronous=FULL (see store.ts), which
// a test cannot simulate here.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WikiStore } from '../../main/wiki/store.js';

const dir = mkdtempSync(join(tmpdir(), 'vseoul-wiki-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAndKill(dbPath: string, killAfterAcks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/wikiCrashWriter.ts', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const m = /^ack (\d+)$/.exec(line);
        if (m) acks.push(Number(m[1]));
      }
      if (acks.length >= killAfterAcks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
      else resolve(acks);
    });
  });
}

it('every acknowledged edit survives SIGKILL of the writer, twice in a row on the same file', async () => {
  const dbPath = join(dir, 'wiki.sqlite');
  const first = await runAndKill(dbPath, 300);
  const second = await runAndKill(dbPath, 150);
  expect(first.length).toBeGreaterThanOrEqual(300);
  expect(second.length).toBeGreaterThanOrEqual(150);

  const db = new Database(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const rows = db.prepare(`SELECT r.id, r.status, f.current_rev FROM revisions r JOIN features f ON f.id = r.feature_id`).all() as Array<{
      id: number;
      status: string;
      current_rev: number | null;
    }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = [...first, ...second].filter((id) => byId.get(id)?.status !== 'approved' || byId.get(id)?.current_rev !== id);
    expect(missing).toEqual([]);
  } finally {
    db.close();
  }
  // The store itself reopens (migrations see the current schema) and serves the features.
  const store = new WikiStore(dbPath);
  try {
    const ids = new Set(store.features().map((f) => f.revision));
    expect([...first, ...second].every((id) => ids.has(id))).toBe(true);
  } finally {
    store.close();
  }
});
