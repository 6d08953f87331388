// The wiki's route table (WIKI_ROUTES) is the one spelling of its routes: the host's dispatcher
// answers every route of the table at its method and path and refuses the others, and the page's
// client has one method per route that reaches it. Against a real host and SQLite store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchWikiPath, WIKI_ROUTES, wikiRequestPath, type AnyWikiRoute } from '../../common/api/wikiContract.js';
import { createWikiClient, WikiApiError } from '../../renderer/src/wiki/wikiClient.js';
import { PASSWORD, placeProposal, startWikiServer, type WikiTestServer } from '../support/wikiServer.js';

let s: WikiTestServer;
beforeAll(async () => {
  s = await startWikiServer();
});
afterAll(async () => {
  await s?.close();
});

const routes = Object.entries(WIKI_ROUTES) as Array<[string, AnyWikiRoute]>;

describe('wiki route table', () => {
  it('fills path parameters and puts the rest, when set, in the query', () => {
    expect(wikiRequestPath(WIKI_ROUTES.reject, { id: 12 })).toBe('/api/wiki/revisions/12/reject');
    expect(wikiRequestPath(WIKI_ROUTES.features, { bbox: '126.9,37.5,127,37.6' })).toBe('/api/wiki/features?bbox=126.9%2C37.5%2C127%2C37.6');
    expect(wikiRequestPath(WIKI_ROUTES.features, { bbox: undefined })).toBe('/api/wiki/features');
    expect(wikiRequestPath(WIKI_ROUTES.feature, { id: 'hydrant:중부-1 &x' })).toBe('/api/wiki/feature?id=hydrant%3A%EC%A4%91%EB%B6%80-1%20%26x');
    expect(matchWikiPath(WIKI_ROUTES.approve, '/api/wiki/revisions/7/approve')).toEqual({ id: '7' });
    expect(matchWikiPath(WIKI_ROUTES.approve, '/api/wiki/revisions//approve')).toBeNull();
    expect(matchWikiPath(WIKI_ROUTES.approve, '/api/wiki/revisions/7/reject')).toBeNull();
  });

  it('the host answers every route at its method and path, and 405 with Allow for another method', async () => {
    for (const [name, route] of routes) {
      const path = wikiRequestPath(route, { id: 1 });
      const right = await s.call(route.method, path, route.method === 'POST' ? { body: {} } : {});
      expect(right.body.reason, `${name} ${route.method} ${path}`).not.toBe('no-such-route');
      expect(right.body.reason, name).not.toBe('method-not-allowed');
      const other = route.method === 'GET' ? 'POST' : 'GET';
      const wrong = await s.call(other, path, other === 'POST' ? { body: {} } : {});
      // No path of the table serves two methods.
      expect([wrong.status, wrong.body.reason], `${name} by ${other}`).toEqual([405, 'method-not-allowed']);
      expect(wrong.headers.get('allow'), name).toContain(route.method);
    }
  });

  it('the page client has one method per route, and each reaches its route', async () => {
    const client = createWikiClient(s.server.url);
    expect(
      Object.keys(client)
        .filter((k) => k !== 'token')
        .sort(),
    ).toEqual(Object.keys(WIKI_ROUTES).sort());
    const session = await client.signUp('route-table-citizen', PASSWORD);
    client.token = session.token;
    expect((await client.me()).user.name).toBe('route-table-citizen');
    const { revision } = await client.propose(placeProposal({ comment: 'route table' }) as never);
    const edited = await client.updatePending(revision.id, {
      geometry: revision.geometry,
      properties: { ...revision.properties, category: 'cafe' },
      comment: 'edited',
    });
    expect(edited.revision.properties.category).toBe('cafe');
    expect((await client.features([126.9, 37.5, 127.1, 37.6])).pending.map((r) => r.id)).toContain(revision.id);
    expect((await client.history(revision.featureId)).revisions.map((r) => r.id)).toEqual([revision.id]);
    // Moderation routes refuse a citizen with the wiki's own reason, proving the route was reached.
    for (const call of [() => client.queue(), () => client.approve(revision.id), () => client.reject(revision.id, 'no'), () => client.revert(revision.id)]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WikiApiError);
      expect((err as WikiApiError).reason).toBe('forbidden');
    }
    await client.signOut();
    expect(client.token).toBeNull();
  });
});
