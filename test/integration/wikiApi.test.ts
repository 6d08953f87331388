// The wiki API against a real host server and a real SQLite file in a temporary folder:
// accounts and sessions, the edit workflow (propose, approve, reject, conflict, revert, history),
// permissions, and GeoJSON export -> import into an empty store.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WikiFeature, WikiRevision, WikiSession } from '../../common/api/wikiContract.js';
import { MIGRATIONS } from '../../main/wiki/migrations.js';
import { ADMIN, PASSWORD, placeProposal, startWikiServer, type WikiTestServer } from '../support/wikiServer.js';

let s: WikiTestServer;
let alice: WikiSession; // citizen
let bob: WikiSession; // citizen
let mod: WikiSession; // moderator

beforeAll(async () => {
  s = await startWikiServer();
  alice = await s.user('alice', 'citizen');
  bob = await s.user('bob', 'citizen');
  mod = await s.user('mod', 'moderator');
});
afterAll(async () => {
  await s?.close();
});

async function propose(token: string, body: Record<string, unknown>): Promise<WikiRevision> {
  const r = await s.call('POST', '/api/wiki/revisions', { token, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.revision as WikiRevision;
}

async function act(token: string, id: number, action: 'approve' | 'reject' | 'revert', body: unknown = {}) {
  return s.call('POST', `/api/wiki/revisions/${id}/${action}`, { token, body });
}

describe('store file', () => {
  it('is a WAL-mode SQLite database at the latest schema version with FULL sync', () => {
    const db = new Database(s.dbPath, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    expect(s.wiki.store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('stores salted scrypt hashes, never the password, and only hashes of session tokens', () => {
    const db = new Database(s.dbPath, { readonly: true });
    try {
      const rows = db.prepare("SELECT password_hash FROM users WHERE name IN ('alice', 'bob')").all() as Array<{ password_hash: string }>;
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(r.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
        expect(r.password_hash).not.toContain(PASSWORD);
      }
      expect(rows[0].password_hash).not.toBe(rows[1].password_hash); // same password, different salts
      const tokens = (db.prepare('SELECT token_hash FROM sessions').all() as Array<{ token_hash: string }>).map((t) => t.token_hash);
      expect(tokens).not.toContain(alice.token);
      expect(tokens.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe('accounts and sessions', () => {
  it('signs up, signs in, and tells who is signed in', async () => {
    const up = await s.signUp('Carol 김');
    expect(up.user).toMatchObject({ name: 'Carol 김', role: 'citizen' });
    const me = await s.call('GET', '/api/wiki/me', { token: up.token });
    expect(me.body.user.name).toBe('Carol 김');
    const inAgain = await s.call('POST', '/api/wiki/signin', { body: { name: 'carol 김', password: PASSWORD } });
    expect(inAgain.status).toBe(200);
    expect(inAgain.body.token).not.toBe(up.token);
  });

  it('refuses a taken name (any case), a wrong password and an unknown name alike', async () => {
    expect((await s.call('POST', '/api/wiki/signup', { body: { name: 'ALICE', password: PASSWORD } })).body.reason).toBe('name-taken');
    const wrong = await s.call('POST', '/api/wiki/signin', { body: { name: 'alice', password: 'not the password' } });
    const unknown = await s.call('POST', '/api/wiki/signin', { body: { name: 'nobody-here', password: PASSWORD } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('refuses short passwords and odd names', async () => {
    const short = await s.call('POST', '/api/wiki/signup', { body: { name: 'dave', password: 'short' } });
    expect(short.status).toBe(400);
    const odd = await s.call('POST', '/api/wiki/signup', { body: { name: '<script>', password: PASSWORD } });
    expect(odd.status).toBe(400);
  });

  it('expires sessions after their lifetime and ends them on sign-out', async () => {
    const sess = await s.signUp('erin');
    expect((await s.call('GET', '/api/wiki/me', { token: sess.token })).status).toBe(200);
    s.advance(7 * 24 * 3600 * 1000 + 1);
    const expired = await s.call('GET', '/api/wiki/me', { token: sess.token });
    expect(expired.status).toBe(401);
    expect(expired.body.reason).toBe('session-expired');
    // Everyone's sessions expired: sign in again.
    const again = await s.call('POST', '/api/wiki/signin', { body: { name: 'erin', password: PASSWORD } });
    expect((await s.call('GET', '/api/wiki/me', { token: again.body.token })).status).toBe(200);
    await s.call('POST', '/api/wiki/signout', { token: again.body.token, body: {} });
    expect((await s.call('GET', '/api/wiki/me', { token: again.body.token })).status).toBe(401);
    for (const who of [alice, bob, mod]) {
      const r = await s.call('POST', '/api/wiki/signin', { body: { name: who.user.name, password: PASSWORD } });
      who.token = r.body.token;
    }
    s.adminToken = (await s.call('POST', '/api/wiki/signin', { body: ADMIN })).body.token;
  });

  it('needs a token to edit', async () => {
    const r = await s.call('POST', '/api/wiki/revisions', { body: placeProposal() });
    expect(r.status).toBe(401);
    expect(r.body.reason).toBe('sign-in-required');
  });
});

describe('edit workflow', () => {
  let placeId = '';
  let rev1: WikiRevision;

  it('a proposal is pending: the author sees it, the public and other citizens do not', async () => {
    rev1 = await propose(alice.token, placeProposal());
    placeId = rev1.featureId;
    expect(rev1).toMatchObject({ status: 'pending', author: 'alice', baseRev: null, kind: 'place' });
    expect(placeId).toMatch(/^place:[0-9a-f]{16}$/);
    const mine = await s.call('GET', '/api/wiki/features', { token: alice.token });
    expect(mine.body.pending.map((r: WikiRevision) => r.id)).toContain(rev1.id);
    expect(mine.body.features.map((f: WikiFeature) => f.id)).not.toContain(placeId);
    for (const token of [bob.token, undefined]) {
      const other = await s.call('GET', '/api/wiki/features', { token });
      expect(other.body.pending).toEqual([]);
      expect(JSON.stringify(other.body)).not.toContain('테스트 장소');
      const hist = await s.call('GET', `/api/wiki/history?id=${encodeURIComponent(placeId)}`, { token });
      expect(hist.body.revisions).toEqual([]);
      const one = await s.call('GET', `/api/wiki/feature?id=${encodeURIComponent(placeId)}`, { token });
      expect(one.body).toEqual({ feature: null, pending: [] });
    }
  });

  it("a citizen cannot see the queue, approve, or change someone else's pending edit", async () => {
    expect((await s.call('GET', '/api/wiki/queue', { token: bob.token })).status).toBe(403);
    const approve = await act(bob.token, rev1.id, 'approve');
    expect(approve.status).toBe(403);
    expect((await act(alice.token, rev1.id, 'approve')).status).toBe(403); // not even one's own
    const edit = await s.call('POST', `/api/wiki/revisions/${rev1.id}`, {
      token: bob.token,
      body: { properties: { name_en: 'Hijacked', category: 'shop' }, comment: 'mine now', geometry: rev1.geometry },
    });
    expect(edit.status).toBe(403);
    expect(edit.body.reason).toBe('not-author');
  });

  it('the author may change their own pending edit', async () => {
    const edit = await s.call('POST', `/api/wiki/revisions/${rev1.id}`, {
      token: alice.token,
      body: { properties: { ...rev1.properties, note: 'fixture, corrected' }, comment: 'add a test place (fixed note)', geometry: rev1.geometry },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body.revision.properties.note).toBe('fixture, corrected');
  });

  it('the moderator queue shows the edit with no before state; approval publishes it with who and when', async () => {
    const q = await s.call('GET', '/api/wiki/queue', { token: mod.token });
    const item = q.body.items.find((i: { revision: WikiRevision }) => i.revision.id === rev1.id);
    expect(item).toMatchObject({ before: null, stale: false });
    const r = await act(mod.token, rev1.id, 'approve');
    expect(r.status).toBe(200);
    expect(r.body.revision).toMatchObject({ status: 'approved', reviewer: 'mod' });
    const pub = await s.call('GET', '/api/wiki/features');
    const f = pub.body.features.find((x: WikiFeature) => x.id === placeId);
    expect(f).toMatchObject({ revision: rev1.id, author: 'alice', approvedBy: 'mod', approvedAt: '2026-11-29T09:00:00.001Z' });
    expect(f.properties.name_ko).toBe('테스트 장소');
    expect((await act(mod.token, rev1.id, 'approve')).body.reason).toBe('not-pending');
  });

  it('the bbox filter selects features by location', async () => {
    const inside = await s.call('GET', '/api/wiki/features?bbox=126.97,37.56,126.99,37.57');
    const outside = await s.call('GET', '/api/wiki/features?bbox=127.0,37.6,127.1,37.7');
    expect(inside.body.features.map((f: WikiFeature) => f.id)).toContain(placeId);
    expect(outside.body.features.map((f: WikiFeature) => f.id)).not.toContain(placeId);
    expect((await s.call('GET', '/api/wiki/features?bbox=1,2,3')).status).toBe(400);
  });

  it('two editors on the same revision: the second save gets 409 with the current values', async () => {
    const a = await propose(alice.token, {
      ...placeProposal(),
      featureId: placeId,
      baseRev: rev1.id,
      properties: { name_ko: '새 이름', category: 'public' },
      comment: 'rename',
    });
    expect((await act(mod.token, a.id, 'approve')).status).toBe(200);
    const late = await s.call('POST', '/api/wiki/revisions', {
      token: bob.token,
      body: { ...placeProposal(), featureId: placeId, baseRev: rev1.id, properties: { name_en: 'Other name', category: 'public' }, comment: 'rename too' },
    });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('conflict');
    expect(late.body.current).toMatchObject({ id: placeId, revision: a.id, properties: { name_ko: '새 이름', category: 'public' } });
  });

  it('two pending edits on the same base: approving the second is a conflict, never a silent overwrite', async () => {
    const cur = (await s.call('GET', `/api/wiki/feature?id=${placeId}`)).body.feature as WikiFeature;
    const p1 = await propose(alice.token, {
      ...placeProposal(),
      featureId: placeId,
      baseRev: cur.revision,
      properties: { name_ko: '하나', category: 'public' },
      comment: 'one',
    });
    const p2 = await propose(bob.token, {
      ...placeProposal(),
      featureId: placeId,
      baseRev: cur.revision,
      properties: { name_ko: '둘', category: 'public' },
      comment: 'two',
    });
    expect((await act(mod.token, p1.id, 'approve')).status).toBe(200);
    const q = await s.call('GET', '/api/wiki/queue', { token: mod.token });
    expect(q.body.items.find((i: { revision: WikiRevision }) => i.revision.id === p2.id)).toMatchObject({
      stale: true,
      before: { properties: { name_ko: '하나' } },
    });
    const second = await act(mod.token, p2.id, 'approve');
    expect(second.status).toBe(409);
    expect(second.body.current.properties.name_ko).toBe('하나');
    const rejected = await act(mod.token, p2.id, 'reject', { reason: 'made on an old version' });
    expect(rejected.body.revision).toMatchObject({ status: 'rejected', reason: 'made on an old version' });
    expect((await act(mod.token, p2.id, 'reject', {})).status).toBe(400); // reason required, and it is no longer pending
    // bob sees his rejection and its reason in the history; alice does not see bob's rejected edit.
    const bobHist = await s.call('GET', `/api/wiki/history?id=${placeId}`, { token: bob.token });
    expect(bobHist.body.revisions.find((r: WikiRevision) => r.id === p2.id)).toMatchObject({ status: 'rejected', reason: 'made on an old version' });
    const aliceHist = await s.call('GET', `/api/wiki/history?id=${placeId}`, { token: alice.token });
    expect(aliceHist.body.revisions.map((r: WikiRevision) => r.id)).not.toContain(p2.id);
  });

  it('revert restores the state before the reverted revision as a new revision; history keeps everything', async () => {
    const hist0 = (await s.call('GET', `/api/wiki/history?id=${placeId}`, { token: mod.token })).body.revisions as WikiRevision[];
    const last = hist0[hist0.length - 1];
    expect(last).toMatchObject({ status: 'rejected' });
    const lastApproved = [...hist0].reverse().find((r) => r.status === 'approved')!;
    expect((await act(alice.token, lastApproved.id, 'revert')).status).toBe(403);
    const rv = await act(mod.token, lastApproved.id, 'revert', { comment: 'vandalism' });
    expect(rv.status).toBe(201);
    expect(rv.body.revision).toMatchObject({ status: 'approved', revertsRev: lastApproved.id, comment: 'vandalism', author: 'mod' });
    const now = (await s.call('GET', `/api/wiki/feature?id=${placeId}`)).body.feature as WikiFeature;
    expect(now.revision).toBe(rv.body.revision.id);
    expect(now.properties.name_ko).toBe('새 이름');
    const hist = (await s.call('GET', `/api/wiki/history?id=${placeId}`)).body.revisions as WikiRevision[];
    expect(hist.map((r) => r.status)).toEqual(['approved', 'approved', 'reverted', 'approved']);
    expect(hist.every((r) => r.author && r.createdAt && r.comment)).toBe(true);
    expect((await act(mod.token, lastApproved.id, 'revert')).body.reason).toBe('not-approved');
  });

  it('reverting the revision that created a feature removes it from the public view', async () => {
    const n = await propose(bob.token, {
      kind: 'note',
      baseRev: null,
      geometry: { type: 'Point', coordinates: [126.99, 37.57] },
      properties: { text: 'short-lived note' },
      comment: 'note',
    });
    await act(mod.token, n.id, 'approve');
    expect((await s.call('GET', `/api/wiki/feature?id=${n.featureId}`)).body.feature).not.toBeNull();
    const rv = await act(mod.token, n.id, 'revert');
    expect(rv.body.revision.deleted).toBe(true);
    expect((await s.call('GET', `/api/wiki/feature?id=${n.featureId}`)).body.feature).toBeNull();
  });

  it('building edits are keyed by the tileset id and start from no wiki revision', async () => {
    const b = await propose(alice.token, {
      kind: 'building',
      target: 'osm:way/198561926',
      baseRev: null,
      properties: { name: '서울시청', floors: 13, use: 'public' },
      comment: 'name and floors',
    });
    expect(b.featureId).toBe('building:osm:way/198561926');
    await act(mod.token, b.id, 'approve');
    const again = await s.call('POST', '/api/wiki/revisions', {
      token: bob.token,
      body: { kind: 'building', target: 'osm:way/198561926', baseRev: null, properties: { floors: 14 }, comment: 'floors' },
    });
    expect(again.status).toBe(409);
    expect(again.body.current.properties).toEqual({ name: '서울시청', floors: 13, use: 'public' });
    const h = await propose(bob.token, {
      kind: 'hydrant',
      target: '중구-000123',
      baseRev: null,
      properties: { problem: 'blocked', note: 'a parked truck' },
      comment: 'blocked hydrant',
    });
    expect(h.featureId).toBe('hydrant:중구-000123');
  });
});

describe('GeoJSON export and import', () => {
  it('an export imported into an empty store reproduces the same features', async () => {
    const exp = await s.call('GET', '/api/wiki/export');
    expect(exp.status).toBe(200);
    expect(exp.headers.get('content-type')).toContain('application/geo+json');
    expect(exp.body.type).toBe('FeatureCollection');
    expect(exp.body.features.length).toBeGreaterThanOrEqual(2);
    const other = await startWikiServer();
    try {
      const citizen = await other.signUp('importer-citizen');
      const denied = await other.call('POST', '/api/wiki/import', { token: citizen.token, body: exp.body });
      expect(denied.status).toBe(403);
      const imp = await other.call('POST', '/api/wiki/import', { token: other.adminToken, body: exp.body });
      expect(imp.body).toEqual({ imported: exp.body.features.length, skipped: [] });
      const again = await other.call('POST', '/api/wiki/import', { token: other.adminToken, body: exp.body });
      expect(again.body.imported).toBe(0);
      expect(again.body.skipped).toHaveLength(exp.body.features.length);
      const exp2 = await other.call('GET', '/api/wiki/export');
      const essence = (fc: {
        features: Array<{ id: string; geometry: unknown; properties: Record<string, unknown> & { wiki: { kind: string; target: string | null } } }>;
      }) =>
        fc.features
          .map(({ id, geometry, properties: { wiki, ...props } }) => ({ id, geometry, props, kind: wiki.kind, target: wiki.target }))
          .sort((a, b) => a.id.localeCompare(b.id));
      expect(essence(exp2.body)).toEqual(essence(exp.body));
      const hist = await other.call('GET', `/api/wiki/history?id=${encodeURIComponent(exp.body.features[0].id)}`);
      expect(hist.body.revisions[0].comment).toMatch(/^Imported: revision \d+ by /);
    } finally {
      await other.close();
    }
  });

  it('reports bad features in an import instead of dropping them silently', async () => {
    const bad = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'place:00000000000000aa',
          geometry: { type: 'Point', coordinates: [0, 0] },
          properties: {
            name_en: 'Null Island',
            category: 'park',
            wiki: { kind: 'place', target: null, revision: 1, author: 'x', approvedAt: null, approvedBy: null },
          },
        },
        { type: 'Feature', id: 'x', geometry: null, properties: {} },
      ],
    };
    const r = await s.call('POST', '/api/wiki/import', { token: s.adminToken, body: bad });
    expect(r.body.imported).toBe(0);
    expect(r.body.skipped.map((k: { id: string }) => k.id)).toEqual(['place:00000000000000aa', 'x']);
    expect(r.body.skipped[0].problem).toContain('outside the Seoul area');
  });
});
