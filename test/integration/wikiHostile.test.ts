// Hostile and malformed input at the wiki's HTTP boundary, against a real server and database:
// oversized bodies, wrong content types and types, script tags, SQL metacharacters, invalid and
// self-intersecting rings, out-of-area coordinates, unknown categories and properties, and the
// per-account rate limit.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WikiRevision, WikiSession } from '../../common/api/wikiContract.js';
import { placeProposal, startWikiServer, type WikiTestServer } from '../support/wikiServer.js';

let s: WikiTestServer;
let citizen: WikiSession;
let mod: WikiSession;

beforeAll(async () => {
  s = await startWikiServer();
  citizen = await s.user('hostile-citizen', 'citizen');
  mod = await s.user('hostile-mod', 'moderator');
});
afterAll(async () => {
  await s?.close();
});

const square = (lon: number, lat: number, d = 0.001): Array<[number, number]> => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];

async function expectInvalid(body: unknown, fragment: string, status = 400): Promise<void> {
  const r = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, body });
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(typeof r.body.error).toBe('string');
  expect(typeof r.body.reason).toBe('string');
  expect(r.body.error).toContain(fragment);
}

describe('request envelope', () => {
  it('refuses an oversized body with 413, by declared length and by streamed length', async () => {
    const huge = JSON.stringify(placeProposal({ comment: 'x'.repeat(200_000) }));
    const r = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, raw: huge });
    expect(r.status).toBe(413);
    expect(r.body.reason).toBe('payload-too-large');
    // No Content-Length: a streamed body is counted as it arrives.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 100; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        c.close();
      },
    });
    const res = await fetch(new URL('api/wiki/revisions', s.server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${citizen.token}` },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('refuses non-JSON content types, broken JSON, unknown routes and wrong methods with JSON errors', async () => {
    const form = await s.call('POST', '/api/wiki/revisions', {
      token: citizen.token,
      raw: 'a=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect([form.status, form.body.reason]).toEqual([415, 'unsupported-media-type']);
    const broken = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, raw: '{"kind": "place",' });
    expect([broken.status, broken.body.reason]).toEqual([400, 'bad-json']);
    const nowhere = await s.call('GET', '/api/wiki/nowhere');
    expect([nowhere.status, nowhere.body.reason]).toEqual([404, 'no-such-route']);
    const del = await s.call('DELETE', '/api/wiki/revisions');
    expect([del.status, del.body.reason]).toEqual([405, 'method-not-allowed']);
    const badToken = await s.call('GET', '/api/wiki/me', { token: 'x'.repeat(43) });
    expect(badToken.status).toBe(401);
    const badId = await s.call('POST', '/api/wiki/revisions/1;DROP/approve', { token: mod.token, body: {} });
    expect(badId.status).toBe(400);
  });
});

describe('values', () => {
  it('stores <script> verbatim and returns it as JSON data', async () => {
    const name = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const r = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, body: placeProposal({ properties: { name_en: name, category: 'cafe' } }) });
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.body.revision.properties.name_en).toBe(name);
  });

  it('keeps SQL metacharacters in every string field as plain data', async () => {
    const evil = `'; DROP TABLE revisions; -- " \\ %_ ) OR 1=1`;
    const place = await s.call('POST', '/api/wiki/revisions', {
      token: citizen.token,
      body: placeProposal({ properties: { name_ko: evil, name_en: evil, category: 'other', note: evil }, comment: evil }),
    });
    expect(place.status, JSON.stringify(place.body)).toBe(201);
    const building = await s.call('POST', '/api/wiki/revisions', {
      token: citizen.token,
      body: { kind: 'building', target: 'osm:way/1', baseRev: null, properties: { name: evil }, comment: evil },
    });
    expect(building.status).toBe(201);
    const reject = await s.call('POST', `/api/wiki/revisions/${place.body.revision.id}/reject`, { token: mod.token, body: { reason: evil } });
    expect(reject.body.revision.reason).toBe(evil);
    const bad = await s.call('GET', `/api/wiki/history?id=${encodeURIComponent(evil)}`);
    expect(bad.body.revisions).toEqual([]);
    const sneakyName = await s.call('POST', '/api/wiki/signin', { body: { name: "' OR '1'='1", password: "' OR '1'='1" } });
    expect(sneakyName.status).toBe(401);
    const hist = await s.call('GET', `/api/wiki/history?id=${encodeURIComponent(place.body.revision.featureId)}`, { token: citizen.token });
    const rev = hist.body.revisions[0] as WikiRevision;
    expect([rev.properties.name_ko, rev.properties.name_en, rev.properties.note, rev.comment]).toEqual([evil, evil, evil, evil]);
    const db = new Database(s.dbPath, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n).toBeGreaterThan(1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('refuses wrong types, unknown kinds, categories and properties, and over-long strings', async () => {
    await expectInvalid(placeProposal({ baseRev: '1' }), '/baseRev');
    await expectInvalid(placeProposal({ kind: 'volcano' }), '/kind');
    await expectInvalid(placeProposal({ properties: { name_en: 'x', category: 'casino' } }), 'properties/category');
    await expectInvalid(placeProposal({ properties: { name_en: 'x', category: 'cafe', owner_phone: '010' } }), 'must NOT have additional properties');
    await expectInvalid(placeProposal({ properties: { name_en: 42, category: 'cafe' } }), 'properties/name_en must be string');
    await expectInvalid(placeProposal({ properties: { category: 'cafe' } }), 'needs a name');
    await expectInvalid(placeProposal({ properties: { name_en: 'x'.repeat(101), category: 'cafe' } }), 'must NOT have more than 100 characters');
    await expectInvalid(placeProposal({ properties: { name_en: 'a\u0000b', category: 'cafe' } }), 'control characters');
    await expectInvalid(placeProposal({ properties: { name_en: 'two\nlines', category: 'cafe' } }), 'must be one line');
    await expectInvalid(placeProposal({ comment: '' }), '/comment');
    await expectInvalid(placeProposal({ extra: true }), 'must NOT have additional properties');
    await expectInvalid({ kind: 'building', target: 'osm:way/1', baseRev: null, properties: { floors: 2.5 }, comment: 'c' }, 'must be integer');
    await expectInvalid({ kind: 'building', target: 'osm:way/1', baseRev: null, properties: { floors: 9000 }, comment: 'c' }, 'must be <= 200');
    await expectInvalid({ kind: 'building', target: "osm:way/1' OR 1=1", baseRev: null, properties: { floors: 3 }, comment: 'c' }, 'not a valid building id');
    await expectInvalid({ kind: 'building', target: 'osm:way/1', baseRev: null, properties: {}, comment: 'c' }, 'must NOT have fewer than 1 properties');
    await expectInvalid({ kind: 'hydrant', target: 'h-1', baseRev: null, properties: { problem: 'on fire' }, comment: 'c' }, 'properties/problem');
    await expectInvalid({ kind: 'note', baseRev: null, properties: { text: 'x' }, comment: 'c' }, 'needs a geometry');
    await expectInvalid(placeProposal({ featureId: 'place:0123456789abcdef', baseRev: null }), 'No feature', 404);
  });

  it('refuses coordinates outside Seoul, wrong geometry types and invalid rings', async () => {
    await expectInvalid(placeProposal({ geometry: { type: 'Point', coordinates: [129.07, 35.18] } }), 'outside the Seoul area'); // Busan
    await expectInvalid(placeProposal({ geometry: { type: 'Point', coordinates: [126.978, 95] } }), 'outside the Seoul area');
    await expectInvalid(placeProposal({ geometry: { type: 'Point', coordinates: [126.978] } }), '/geometry');
    await expectInvalid(placeProposal({ geometry: { type: 'Point', coordinates: ['126.978', 37.5] } }), '/geometry');
    await expectInvalid(
      placeProposal({
        geometry: {
          type: 'LineString',
          coordinates: [
            [126.97, 37.56],
            [126.98, 37.57],
          ],
        },
      }),
      '/geometry',
    );
    await expectInvalid(
      { kind: 'note', baseRev: null, geometry: { type: 'Polygon', coordinates: [square(126.97, 37.56)] }, properties: { text: 'x' }, comment: 'c' },
      'must be Point',
    );
    const bowtie: Array<[number, number]> = [
      [126.97, 37.56],
      [126.98, 37.57],
      [126.98, 37.56],
      [126.97, 37.57],
      [126.97, 37.56],
    ];
    await expectInvalid(placeProposal({ geometry: { type: 'Polygon', coordinates: [bowtie] } }), 'intersects itself');
    const open = square(126.97, 37.56)
      .slice(0, 4)
      .concat([[126.9705, 37.5605]]);
    await expectInvalid(placeProposal({ geometry: { type: 'Polygon', coordinates: [open] } }), 'not closed');
    const flat: Array<[number, number]> = [
      [126.97, 37.56],
      [126.98, 37.56],
      [126.99, 37.56],
      [126.97, 37.56],
    ];
    await expectInvalid(placeProposal({ geometry: { type: 'Polygon', coordinates: [flat] } }), 'zero area');
    await expectInvalid(
      placeProposal({ geometry: { type: 'Polygon', coordinates: [square(126.97, 37.56), square(126.99, 37.56)] } }),
      'not inside the outer ring',
    );
    const ok = await s.call('POST', '/api/wiki/revisions', {
      token: citizen.token,
      body: placeProposal({ geometry: { type: 'Polygon', coordinates: [square(126.97, 37.56, 0.01), square(126.972, 37.562, 0.001)] } }),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe('rate limit', () => {
  it('allows a burst of edits per account, then answers 429 with Retry-After; other accounts are unaffected', async () => {
    const spammer = await s.signUp('spammer');
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push((await s.call('POST', '/api/wiki/revisions', { token: spammer.token, body: placeProposal({ comment: `spam ${i}` }) })).status);
    }
    expect(statuses.slice(0, 30).every((x) => x === 201)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const limited = await s.call('POST', '/api/wiki/revisions', { token: spammer.token, body: placeProposal() });
    expect(limited.body.reason).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await s.call('POST', '/api/wiki/revisions', { token: citizen.token, body: placeProposal() });
    expect(other.status).toBe(201);
    s.advance(10_000); // the bucket refills (0.5 per second)
    expect((await s.call('POST', '/api/wiki/revisions', { token: spammer.token, body: placeProposal() })).status).toBe(201);
  });

  it('limits sign-in attempts per account name', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await s.call('POST', '/api/wiki/signin', { body: { name: 'hostile-mod', password: `guess-${i}-xx` } })).status);
    expect(statuses.slice(0, 10).every((x) => x === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
