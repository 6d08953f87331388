// Versioned migrations of the wiki store on real SQLite files: a fresh file reaches the latest
// version, reopening changes nothing, and a file from a newer app is refused instead of damaged.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../main/wiki/migrations.js';
import { WikiStore } from '../../../main/wiki/store.js';

const dir = mkdtempSync(join(tmpdir(), 'vseoul-wiki-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const latest = MIGRATIONS[MIGRATIONS.length - 1].version;

it('creates the schema on a fresh file and is a no-op on the next open', () => {
  const path = join(dir, 'a.sqlite');
  const store = new WikiStore(path);
  store.createUser('someone', 'scrypt$fixture');
  store.close();
  const db = new Database(path);
  expect(migrate(db)).toEqual({ from: latest, to: latest });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  expect(tables).toEqual(['features', 'revisions', 'sessions', 'users']);
  expect((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(1);
  db.close();
});

it('refuses a database written by a newer schema', () => {
  const path = join(dir, 'b.sqlite');
  const db = new Database(path);
  db.pragma(`user_version = ${latest + 1}`);
  db.close();
  expect(() => new WikiStore(path)).toThrow(/newer than this app understands/);
});

it('enforces roles and statuses in the schema itself', () => {
  const store = new WikiStore(join(dir, 'c.sqlite'));
  try {
    expect(() => store.db.prepare("INSERT INTO users (name, password_hash, role, created_at) VALUES ('x', 'h', 'superuser', 'now')").run()).toThrow(
      /CHECK constraint/,
    );
    expect(() =>
      store.db
        .prepare("INSERT INTO revisions (feature_id, author_id, created_at, comment, status, properties) VALUES ('nope', 1, 'now', 'c', 'pending', '{}')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
  } finally {
    store.close();
  }
});

it('gives accounts of a version-1 file their look-alike keys; of two look-alikes the older keeps the key', () => {
  const path = join(dir, 'd.sqlite');
  const db = new Database(path);
  db.exec(MIGRATIONS[0].sql);
  db.pragma('user_version = 1');
  const add = db.prepare("INSERT INTO users (name, password_hash, created_at) VALUES (?, 'scrypt$fixture', 'then')");
  for (const name of ['admin1', 'ａｄｍｉｎ１', 'someone']) add.run(name);
  db.close();
  const store = new WikiStore(path);
  try {
    const keys = store.db.prepare('SELECT name, name_key FROM users ORDER BY id').all();
    expect(keys).toEqual([
      { name: 'admin1', name_key: 'adrninl' },
      { name: 'ａｄｍｉｎ１', name_key: null },
      { name: 'someone', name_key: 'sorneone' },
    ]);
    expect(() => store.createUser('admın1', 'scrypt$fixture')).toThrow(/looks like the existing account "admin1"/);
  } finally {
    store.close();
  }
});
