// A desktop or kiosk using a shared wiki server: a second host whose /api/wiki/ goes through
// main/wiki/wikiProxy.ts to a real wiki server (real SQLite in a temporary folder). Everything a
// user does through the proxy lands in the shared store; errors keep the wiki's JSON shape.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { createWikiFeedProxy, createWikiProxy, parseWikiUpstream } from '../../main/wiki/wikiProxy.js';
import { mountWiki } from '../../main/wiki/wikiMount.js';
import { createWikiClient, WikiApiError } from '../../renderer/src/wiki/wikiClient.js';
import { parseCliOptions } from '../../main/cli/prepare.js';
import { PASSWORD, placeProposal, startWikiServer, type WikiTestServer } from '../support/wikiServer.js';
import { BUILDING_EDITS_FEED } from '../../common/buildingEdits.js';
import { FeedClient } from '../../renderer/src/feeds/feedClient.js';
import { until } from '../support/until.js';

let shared: WikiTestServer;
let desktop: HostServer;
const dir = mkdtempSync(join(tmpdir(), 'vseoul-wiki-proxy-'));

beforeAll(async () => {
  shared = await startWikiServer();
  desktop = await startHostServer({
    rendererDir: join(dir, 'r'),
    cesiumDir: join(dir, 'c'),
    cityDir: join(dir, 'city'),
    wiki: createWikiProxy({ upstream: shared.server.url }),
    routes: [createWikiFeedProxy({ upstream: shared.server.url })],
  });
});
afterAll(async () => {
  await desktop?.close();
  await shared?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('wiki through the proxy', () => {
  it("forwards the wiki's building-edits feed: a page on the desktop hears an approval on the shared server at once", async () => {
    const page = new FeedClient(BUILDING_EDITS_FEED, desktop.url);
    page.connect();
    try {
      await until(() => page.connected, 'the snapshot through the proxy');
      const citizen = await shared.signUp('proxy-building-citizen');
      const proposed = await shared.call('POST', '/api/wiki/revisions', {
        token: citizen.token,
        body: { kind: 'building', target: 'osm:way/141957172', baseRev: null, properties: { floors: 23 }, comment: 'one more floor' },
      });
      await shared.call('POST', `/api/wiki/revisions/${proposed.body.revision.id}/approve`, { token: shared.adminToken, body: {} });
      await until(() => page.current!.edits.some((e) => e.buildingId === 'osm:way/141957172'), 'the approval through the proxy');
      expect(page.current!.edits).toEqual([expect.objectContaining({ buildingId: 'osm:way/141957172', field: 'floors', value: 23, approvedBy: 'root-admin' })]);
      const snapshot = await fetch(new URL(BUILDING_EDITS_FEED.routes.snapshot.slice(1), desktop.url));
      expect(await snapshot.json()).toEqual({ type: 'snapshot', edits: page.current!.edits });
    } finally {
      page.destroy();
    }
  });

  it('signs up, proposes and sees the edit approved, all in the shared store', async () => {
    const client = createWikiClient(desktop.url);
    const session = await client.signUp('proxy-citizen', PASSWORD);
    client.token = session.token;
    const { revision } = await client.propose(placeProposal({ comment: 'via a desktop' }) as never);
    expect(revision.status).toBe('pending');
    // The shared server holds it: a moderator there approves it.
    const approve = await shared.call('POST', `/api/wiki/revisions/${revision.id}/approve`, { token: shared.adminToken, body: {} });
    expect(approve.status).toBe(200);
    const anon = createWikiClient(desktop.url);
    const { features } = await anon.features();
    expect(features.map((f) => f.id)).toContain(revision.featureId);
    const exported = await anon.exportGeoJson();
    expect(exported.features.find((f) => f.id === revision.featureId)?.properties.wiki.author).toBe('proxy-citizen');
  });

  it('passes the server’s refusals through unchanged (401, 400 with problems, 413)', async () => {
    const client = createWikiClient(desktop.url);
    await expect(client.queue()).rejects.toMatchObject({ status: 401 });
    const session = await client.signUp('proxy-hostile', PASSWORD);
    client.token = session.token;
    const bad = await client.propose(placeProposal({ geometry: { type: 'Point', coordinates: [139.69, 35.68] } }) as never).catch((e: WikiApiError) => e);
    expect(bad).toBeInstanceOf(WikiApiError);
    expect((bad as WikiApiError).status).toBe(400);
    expect((bad as WikiApiError).body.problems?.join(' ')).toMatch(/Seoul/);
    const huge = await fetch(new URL('api/wiki/revisions', desktop.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ ...placeProposal(), comment: 'x'.repeat(200_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { reason: string }).reason).toBe('payload-too-large');
  });

  it('does not pass cookies or other headers on, and answers a 502 JSON error when the server is gone', async () => {
    let seen: Record<string, unknown> = {};
    const spy: Server = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'a=b' });
      res.end('{"features":[],"pending":[]}');
    });
    await new Promise<void>((r) => spy.listen(0, '127.0.0.1', r));
    const port = (spy.address() as { port: number }).port;
    const proxy = createWikiProxy({ upstream: `http://127.0.0.1:${port}/` });
    const res = await proxy(
      new Request('http://127.0.0.1/api/wiki/features?bbox=1,2,3,4', { headers: { Cookie: 'secret=1', Authorization: 'Bearer t', 'X-Other': '1' } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(seen.cookie).toBeUndefined();
    expect(seen['x-other']).toBeUndefined();
    expect(seen.authorization).toBe('Bearer t');
    await new Promise<void>((r) => spy.close(() => r()));

    const gone = await proxy(new Request('http://127.0.0.1/api/wiki/features'));
    expect(gone.status).toBe(502);
    expect(await gone.json()).toMatchObject({ reason: 'wiki-unreachable' });
  });

  it('refuses upstream URLs that are not plain http(s) and never leaves /api/wiki/', async () => {
    expect(() => parseWikiUpstream('ftp://x/')).toThrow(/http/);
    expect(() => parseWikiUpstream('http://user:pw@x/')).toThrow(/credentials/);
    expect(() => parseWikiUpstream('not a url')).toThrow(/not a URL/);
    const proxy = createWikiProxy({ upstream: shared.server.url });
    expect((await proxy(new Request('http://127.0.0.1/api/city-manifest'))).status).toBe(404);
  });
});

describe('mountWiki', () => {
  it('opens a local store, or answers 503 with the reason when it cannot', async () => {
    const ok = await mountWiki({ dbPath: join(dir, 'local', 'wiki.sqlite') });
    expect(ok.problem).toBeUndefined();
    expect((await ok.handle(new Request('http://127.0.0.1/api/wiki/features'))).status).toBe(200);
    ok.close();
    // A folder where the database file should be: SQLite cannot open it.
    const broken = await mountWiki({ dbPath: join(dir, 'local') });
    expect(broken.problem).toMatch(/could not be opened/);
    const res = await broken.handle(new Request('http://127.0.0.1/api/wiki/features'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ reason: 'wiki-unavailable' });
  });

  it('is chosen from the command line: --wiki-server and --host', () => {
    const o = parseCliOptions(['--wiki-server', 'http://10.0.0.5:5180/', '--host', '0.0.0.0']);
    expect(o.wikiServer).toBe('http://10.0.0.5:5180/');
    expect(o.host).toBe('0.0.0.0');
    expect(parseCliOptions([]).host).toBe('127.0.0.1');
  });
});
