// A damaged wiki database is refused at start, before anything is written into it: a real wiki
// file made here has pages in its middle overwritten (and another file is left empty); the wiki
// then answers 503 with the reason on every wiki route, including its building-edits feed, while
// the rest of the host keeps answering, and the file's bytes stay exactly as they were.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILDING_EDITS_FEED } from '../../common/buildingEdits.js';
import { startHostServer } from '../../main/host/httpServer.js';
import { WikiStore } from '../../main/wiki/store.js';
import { mountWiki } from '../../main/wiki/wikiMount.js';

const dir = mkdtempSync(join(tmpdir(), 'vseoul-wiki-damaged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A real wiki file of a few hundred pages: accounts and approved notes, closed (WAL folded in). */
function makeWiki(path: string): void {
  const store = new WikiStore(path);
  const author = store.createUser('damage-author', 'scrypt$fixture', 'citizen');
  const reviewer = store.createUser('damage-reviewer', 'scrypt$fixture', 'moderator');
  for (let i = 0; i < 400; i++) {
    const rev = store.propose(author, {
      kind: 'note',
      baseRev: null,
      geometry: { type: 'Point', coordinates: [126.97 + i * 0.0001, 37.56] },
      properties: { text: `note ${i} `.repeat(40) },
      comment: `edit ${i}`,
    });
    store.approve(reviewer, rev.id);
  }
  store.close();
}

/** Overwrites whole pages in the middle of the file with bytes that are no b-tree page. */
function damageMiddlePages(path: string): void {
  const pageSize = readFileSync(path).readUInt16BE(16);
  const pages = statSync(path).size / pageSize;
  expect(pages).toBeGreaterThan(40);
  const garbage = Buffer.alloc(pageSize * 4);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 17) % 251;
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * pageSize);
  } finally {
    closeSync(fd);
  }
}

async function expectRefused(dbPath: string, problem: RegExp): Promise<void> {
  const before = sha256(dbPath);
  const wiki = await mountWiki({ dbPath });
  expect(wiki.problem).toMatch(problem);
  const server = await startHostServer({ rendererDir: dir, cesiumDir: dir, cityDir: dir, wiki: wiki.handle, routes: wiki.routes });
  try {
    const at = (path: string, init?: RequestInit) => fetch(new URL(path.replace(/^\//, ''), server.url), init);
    const post = (path: string, body: unknown) => at(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answers = [
      await at('/api/wiki/features'),
      await at('/api/wiki/me'),
      await post('/api/wiki/signup', { name: 'newcomer', password: 'a long enough password' }),
      await post('/api/wiki/signin', { name: 'damage-author', password: 'whatever-1' }),
      await at(BUILDING_EDITS_FEED.routes.snapshot),
    ];
    for (const res of answers) {
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: string; reason: string };
      expect(body.reason).toBe('wiki-damaged');
      expect(body.error).toMatch(problem);
    }
    // The rest of the app works.
    const info = await at('/api/app-info');
    expect(info.status).toBe(200);
    expect(((await info.json()) as { shell: string }).shell).toBe('browser');
  } finally {
    await server.close();
    wiki.close();
  }
  expect(sha256(dbPath)).toBe(before);
  // The read-only check may leave an empty write-ahead log beside the file, never a page of data.
  expect(existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0).toBe(0);
}

describe('a damaged wiki database', () => {
  it('with damaged pages in the middle: 503 with the integrity check’s finding on every wiki route, nothing written', async () => {
    const dbPath = join(dir, 'middle', 'wiki.sqlite');
    makeWiki(dbPath);
    damageMiddlePages(dbPath);
    await expectRefused(dbPath, /damaged: .*(integrity check found|SQLite cannot read it)/);
  });

  it('an empty (0-byte) file is damaged, not a new wiki', async () => {
    const dbPath = join(dir, 'empty.sqlite');
    writeFileSync(dbPath, '');
    await expectRefused(dbPath, /empty \(0 bytes\)/);
    expect(statSync(dbPath).size).toBe(0);
  });

  it('a file that is not SQLite, or is cut short mid-page, is refused by its header', async () => {
    const notSqlite = join(dir, 'text.sqlite');
    writeFileSync(notSqlite, 'x'.repeat(8192));
    await expectRefused(notSqlite, /does not start with the SQLite header/);
    const cut = join(dir, 'cut', 'wiki.sqlite');
    makeWiki(cut);
    writeFileSync(cut, readFileSync(cut).subarray(0, statSync(cut).size - 1000));
    await expectRefused(cut, /not a whole number of \d+-byte pages/);
  });

  it('a sound file opens as before, with its data', async () => {
    const dbPath = join(dir, 'sound', 'wiki.sqlite');
    makeWiki(dbPath);
    const wiki = await mountWiki({ dbPath });
    try {
      expect(wiki.problem).toBeUndefined();
      const res = await wiki.handle(new Request('http://127.0.0.1/api/wiki/features'));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { features: unknown[] }).features).toHaveLength(400);
    } finally {
      wiki.close();
    }
  });
});
