// Serves any LiveFeed at its definition's routes (browser mode over node:http, Electron through its
// vseoul:// protocol; both use HostHandlerOptions.routes):
//   GET /api/feeds/<id>         -> the snapshot event (JSON)
//   GET /api/feeds/<id>/events  -> Server-Sent Events: "snapshot", then "update" per change
// plus a feed's extra GET routes (S-DoT history and replay), each given by its full path.
import type { FeedEvent } from '../../common/feeds/feedContract.js';
import type { HostRoute } from '../host/hostHandler.js';
import { createSseStream } from '../host/sseStream.js';
import type { LiveFeed } from './liveFeed.js';

export type { HostRoute } from '../host/hostHandler.js';

export type ExtraFeedRoutes = Record<string, (url: URL) => Promise<Response>>;

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

export function createFeedRoutes<S, U>(feed: LiveFeed<S, U>, extra: ExtraFeedRoutes = {}): HostRoute {
  const { routes } = feed.definition;
  return (req) => {
    const url = new URL(req.url);
    if (url.pathname === routes.snapshot) {
      const event: FeedEvent<S, U> = { type: 'snapshot', ...feed.snapshot() };
      return Promise.resolve(jsonResponse(200, event));
    }
    if (url.pathname === routes.events) {
      const sse = createSseStream();
      sse.onClose(feed.subscribe((event) => sse.send(event.type, event)));
      return Promise.resolve(sse.response);
    }
    const route = Object.hasOwn(extra, url.pathname) ? extra[url.pathname] : undefined;
    return route ? route(url) : null;
  };
}
