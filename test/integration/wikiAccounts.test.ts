// Accounts against hostile users, on a real server and database: look-alike names (NFKC, case
// folding, TR39 confusable skeleton) and mixed-script names are refused; hidden and disguising
// characters are refused in every text field with their code point; sign-in is throttled per
// client and per (client, name), so failures from one client never lock the account's owner out
// on another; sign-ups are limited per client; moderators cannot approve their own edits; the last
// admin stays admin. Clients are real loopback addresses (127.0.0.2, 127.0.0.3, ...).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WikiSession } from '../../common/api/wikiContract.js';
import { ADMIN, PASSWORD, placeProposal, startWikiServer, type WikiTestServer } from '../support/wikiServer.js';

let s: WikiTestServer;
let citizen: WikiSession;
let mod: WikiSession;

beforeAll(async () => {
  s = await startWikiServer();
  await s.signUp('admin1');
  citizen = await s.user('accounts-citizen', 'citizen');
  mod = await s.user('accounts-mod', 'moderator');
});
afterAll(async () => {
  await s?.close();
});

/** A JSON POST from the loopback address `from`, over a real connection. */
function postFrom(from: string, path: string, body: unknown): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const url = new URL(path.replace(/^\//, ''), s.server.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), headers: res.headers }));
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

describe('names', () => {
  it('refuses names that look like an existing one: Cyrillic а, full-width, dotless ı, other case, 1 for l', async () => {
    // Cyrillic а next to Latin letters is refused as a mixed-script name before uniqueness is asked;
    // its key matches admin1's all the same.
    const cyrillicA = await s.call('POST', '/api/wiki/signup', { body: { name: 'аdmin1', password: PASSWORD } });
    expect([cyrillicA.status, cyrillicA.body.error]).toEqual([
      400,
      'Invalid request: name mixes scripts (Cyrillic, Latin); use one script, or Latin with Hangul or other East Asian scripts',
    ]);
    expect(s.wiki.store.lookalikeOf('аdmin1')).toBe('admin1');
    for (const name of ['ａｄｍｉｎ１', 'admın1', 'ADMIN1', 'adminl']) {
      const r = await s.call('POST', '/api/wiki/signup', { body: { name, password: PASSWORD } });
      expect([r.status, r.body.reason], name).toEqual([409, 'name-taken']);
      expect(r.body.error).toContain('"admin1"');
    }
    // A whole-script look-alike (all Cyrillic) of another account is refused the same way.
    await s.signUp('cope');
    const cyrillic = await s.call('POST', '/api/wiki/signup', { body: { name: 'соре', password: PASSWORD } });
    expect([cyrillic.status, cyrillic.body.reason]).toEqual([409, 'name-taken']);
    // Names that only share letters are fine.
    expect((await s.call('POST', '/api/wiki/signup', { body: { name: 'admin2', password: PASSWORD } })).status).toBe(201);
  });

  it('refuses names that mix scripts, and accepts Hangul with Latin', async () => {
    const mixed = await s.call('POST', '/api/wiki/signup', { body: { name: 'pаypal', password: PASSWORD } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatch(/mixes scripts \(Latin, Cyrillic\)/);
    const greek = await s.call('POST', '/api/wiki/signup', { body: { name: 'mοderator', password: PASSWORD } });
    expect(greek.body.error).toMatch(/mixes scripts/);
    expect((await s.call('POST', '/api/wiki/signup', { body: { name: '서울 Kim', password: PASSWORD } })).status).toBe(201);
    expect((await s.call('POST', '/api/wiki/signup', { body: { name: '김철수', password: PASSWORD } })).status).toBe(201);
  });

  it('matches Greek capitals too', () => {
    expect(s.wiki.store.lookalikeOf('ΑDΜΙΝ1')).toBe('admin1');
    expect(s.wiki.store.lookalikeOf('admin3')).toBeNull();
  });
});

describe('characters in user text', () => {
  const cases: Array<[string, string, string]> = [
    ['\u0085', 'control characters', 'U+0085'],
    ['\u009B', 'control characters', 'U+009B'],
    ['\u200B', 'zero-width characters', 'U+200B'],
    ['\u200C', 'zero-width characters', 'U+200C'],
    ['\u200D', 'zero-width characters', 'U+200D'],
    ['\uFEFF', 'zero-width characters', 'U+FEFF'],
    ['\u2060', 'zero-width characters', 'U+2060'],
    ['\u200E', 'direction marks or overrides', 'U+200E'],
    ['\u200F', 'direction marks or overrides', 'U+200F'],
    ['\u061C', 'direction marks or overrides', 'U+061C'],
    ['\u202E', 'direction marks or overrides', 'U+202E'],
    ['\u2067', 'direction marks or overrides', 'U+2067'],
    ['\u{E0041}', 'tag characters', 'U+E0041'],
    ['\u{E007F}', 'tag characters', 'U+E007F'],
    ['\uD800', 'a lone surrogate', 'U+D800'],
    ['\uDC00', 'a lone surrogate', 'U+DC00'],
  ];

  it('refuses each in one-line and multi-line fields, naming the field, the code point and the position', async () => {
    for (const [ch, what, code] of cases) {
      const name = await s.call('POST', '/api/wiki/revisions', {
        token: citizen.token,
        body: placeProposal({ properties: { name_en: `ab${ch}c`, category: 'cafe' } }),
      });
      expect(name.status, code).toBe(400);
      expect(name.body.error).toContain(`properties.name_en contains ${what}`);
      expect(name.body.error).toContain(`${code} at position 3`);
      const comment = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, body: placeProposal({ comment: `x${ch}` }) });
      expect(comment.body.error, code).toContain(`comment contains ${what} (${code} at position 2)`);
      const signUp = await s.call('POST', '/api/wiki/signup', { body: { name: `user${ch}x`, password: PASSWORD } });
      expect([signUp.status, signUp.body.error.includes(code)], code).toEqual([400, true]);
    }
  });

  it('refuses U+2028 and U+2029 in one-line fields and keeps them in multi-line ones', async () => {
    for (const code of ['\u2028', '\u2029']) {
      const name = await s.call('POST', '/api/wiki/revisions', {
        token: citizen.token,
        body: placeProposal({ properties: { name_en: `a${code}b`, category: 'cafe' } }),
      });
      expect(name.body.error).toMatch(/properties\.name_en must be one line \(U\+202[89] at position 2 breaks it\)/);
      const note = await s.call('POST', '/api/wiki/revisions', {
        token: citizen.token,
        body: placeProposal({ properties: { name_en: 'fine', category: 'cafe', note: `line${code}line` } }),
      });
      expect(note.status).toBe(201);
    }
  });

  it('checks a moderator’s rejection reason and revert comment too', async () => {
    const proposed = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, body: placeProposal() });
    const reject = await s.call('POST', `/api/wiki/revisions/${proposed.body.revision.id}/reject`, { token: mod.token, body: { reason: 'spam\u202E' } });
    expect([reject.status, reject.body.error]).toEqual([400, 'Invalid request: reason contains direction marks or overrides (U+202E at position 5)']);
  });
});

describe('sign-in throttling', () => {
  it('ten wrong passwords from client A do not lock out the moderator signing in from client B; A waits longer and longer', async () => {
    for (let i = 0; i < 10; i++)
      expect((await postFrom('127.0.0.2', '/api/wiki/signin', { name: 'accounts-mod', password: `guess-${i}-xx` })).status).toBe(401);
    const blocked = await postFrom('127.0.0.2', '/api/wiki/signin', { name: 'accounts-mod', password: PASSWORD });
    expect([blocked.status, blocked.body.reason]).toEqual([429, 'rate-limited']);
    expect(blocked.headers['retry-after']).toBe('1');
    const owner = await postFrom('127.0.0.3', '/api/wiki/signin', { name: 'accounts-mod', password: PASSWORD });
    expect(owner.status).toBe(200);
    expect(owner.body.user.role).toBe('moderator');
    // Each further failure from A doubles its wait.
    const waits: string[] = [];
    for (let i = 0; i < 4; i++) {
      s.advance(3600_000);
      expect((await postFrom('127.0.0.2', '/api/wiki/signin', { name: 'accounts-mod', password: 'still-wrong' })).status).toBe(401);
      waits.push(String((await postFrom('127.0.0.2', '/api/wiki/signin', { name: 'accounts-mod', password: 'x-wrong-x' })).headers['retry-after']));
    }
    expect(waits).toEqual(['2', '4', '8', '16']);
  });

  it('limits one client across many names too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await postFrom('127.0.0.4', '/api/wiki/signin', { name: `nobody-${i}`, password: 'wrong-password' })).status);
    expect(statuses.slice(0, 30).every((x) => x === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await postFrom('127.0.0.5', '/api/wiki/signin', { name: ADMIN.name, password: ADMIN.password })).status).toBe(200);
  });
});

describe('sign-up limit', () => {
  it('refuses sign-ups from one client after 20 (of 110 in a row); another client can still sign up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 110; i++)
      statuses.push(
        (
          await postFrom('127.0.0.6', '/api/wiki/signup', {
            name: `flood${String.fromCharCode(97 + (i % 26))}${'x'.repeat(Math.floor(i / 26) + 1)}`,
            password: PASSWORD,
          })
        ).status,
      );
    expect(statuses.slice(0, 20).every((x) => x === 201)).toBe(true);
    expect(statuses.slice(20).every((x) => x === 429)).toBe(true);
    expect((await postFrom('127.0.0.7', '/api/wiki/signup', { name: 'latecomer', password: PASSWORD })).status).toBe(201);
    s.advance(3600_000); // 20 more an hour
    expect((await postFrom('127.0.0.6', '/api/wiki/signup', { name: 'floodzz', password: PASSWORD })).status).toBe(201);
  });
});

describe('moderation', () => {
  it('refuses a moderator approving their own edit; an admin may, and it is recorded', async () => {
    const own = await s.call('POST', '/api/wiki/revisions', { token: mod.token, body: placeProposal({ comment: 'mine' }) });
    const self = await s.call('POST', `/api/wiki/revisions/${own.body.revision.id}/approve`, { token: mod.token, body: {} });
    expect([self.status, self.body.reason]).toEqual([403, 'own-edit']);
    const other = await s.call('POST', `/api/wiki/revisions/${own.body.revision.id}/approve`, { token: s.adminToken, body: {} });
    expect([other.status, other.body.revision.selfApproved]).toEqual([200, false]);
    const adminsOwn = await s.call('POST', '/api/wiki/revisions', { token: s.adminToken, body: placeProposal({ comment: 'admin edit' }) });
    const adminSelf = await s.call('POST', `/api/wiki/revisions/${adminsOwn.body.revision.id}/approve`, { token: s.adminToken, body: {} });
    expect([adminSelf.status, adminSelf.body.revision.selfApproved, adminSelf.body.revision.reviewer]).toEqual([200, true, ADMIN.name]);
    const history = await s.call('GET', `/api/wiki/history?id=${encodeURIComponent(adminsOwn.body.revision.featureId)}`);
    expect(history.body.revisions[0].selfApproved).toBe(true);
  });

  it('the last admin cannot be demoted; with a second admin they can', async () => {
    const demote = await s.call('POST', '/api/wiki/users/role', { token: s.adminToken, body: { name: ADMIN.name, role: 'moderator' } });
    expect([demote.status, demote.body.reason]).toEqual([409, 'last-admin']);
    await s.user('second-admin', 'admin');
    const now = await s.call('POST', '/api/wiki/users/role', { token: s.adminToken, body: { name: 'second-admin', role: 'citizen' } });
    expect(now.status).toBe(200);
    await s.call('POST', '/api/wiki/users/role', { token: s.adminToken, body: { name: 'second-admin', role: 'admin' } });
    expect((await s.call('POST', '/api/wiki/users/role', { token: s.adminToken, body: { name: ADMIN.name, role: 'moderator' } })).status).toBe(200);
  });
});
