// HTTP routes of the facility-status feed (browser mode; Electron serves the same handler
// through its vseoul:// protocol):
//   GET /api/feeds/facility-status         -> the current snapshot (JSON)
//   GET /api/feeds/facility-status/events  -> Server-Sent Events: "snapshot" first, then "update"
import { createSseStream } from '../host/sseStream.js';
import type { FacilityStatusEvent, FacilityStatusFeed } from './facilityStatusFeed.js';

export const FACILITY_STATUS_ROUTE = '/api/feeds/facility-status';
export const FACILITY_STATUS_EVENTS_ROUTE = '/api/feeds/facility-status/events';

const HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

export function createFacilityStatusRoutes(feed: FacilityStatusFeed): (req: Request) => Promise<Response> | null {
  return (req) => {
    const { pathname } = new URL(req.url);
    if (pathname === FACILITY_STATUS_ROUTE) {
      return Promise.resolve(new Response(JSON.stringify(feed.snapshot()), { headers: { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8' } }));
    }
    if (pathname !== FACILITY_STATUS_EVENTS_ROUTE) return null;
    const sse = createSseStream(25_000);
    const unsubscribe = feed.subscribe((e: FacilityStatusEvent) => sse.send(e.type, e));
    sse.onClose(unsubscribe);
    return Promise.resolve(sse.response);
  };
}
