// The one shape of a live feed between host and page. Every feed has two routes:
//   GET /api/feeds/<id>         -> the current snapshot: {"type": "snapshot", ...S} (JSON)
//   GET /api/feeds/<id>/events  -> Server-Sent Events: "snapshot" (the same object) on every
//                                  connection, then one "update" ({"type": "update", ...U}) per change
// and a pure `apply` that folds an update into a snapshot, so the page holds exactly what the host
// would send a new client. Snapshot-then-updates for every feed: a (re)connecting page always
// starts from a full snapshot, so a missed update is never a gap, and a poll that changes a few
// sensors sends those few, not the whole network's state again.
// Feed-specific extra routes (S-DoT history and replay) live below /api/feeds/<id>/.

export const FEED_ROUTE_PREFIX = '/api/feeds/';

export type FeedEvent<S, U> = ({ type: 'snapshot' } & S) | ({ type: 'update' } & U);

export interface FeedRoutes {
  /** GET: the snapshot event as JSON. */
  snapshot: string;
  /** GET: Server-Sent Events, event names "snapshot" and "update". */
  events: string;
}

/** Everything both sides need to know about one feed; made once per feed with defineFeed. */
export interface FeedDefinition<S, U> {
  readonly id: string;
  readonly routes: FeedRoutes;
  /** The snapshot after `update`: what the host would now send as its snapshot. Pure. */
  apply(snapshot: S, update: U): S;
}

export function defineFeed<S, U>(id: string, apply: (snapshot: S, update: U) => S): FeedDefinition<S, U> {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`feed id "${id}": lower-case letters, digits and "-" only`);
  const snapshot = `${FEED_ROUTE_PREFIX}${id}`;
  return { id, routes: { snapshot, events: `${snapshot}/events` }, apply };
}

/** The route of a feed's extra resource, e.g. feedSubRoute(SDOT_FEED, 'history'). */
export function feedSubRoute(feed: FeedDefinition<unknown, unknown>, name: string): string {
  return `${feed.routes.snapshot}/${name}`;
}

/** How a polled feed is doing, as every polled feed reports it (times ISO 8601). */
export interface FeedStatus {
  /** off: not configured; idle: configured, not polled yet. */
  state: 'off' | 'idle' | 'polling' | 'ok' | 'error' | 'stopped';
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  intervalSeconds: number | null;
}

export const FEED_STATUS_OFF: FeedStatus = {
  state: 'off',
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  consecutiveFailures: 0,
  nextPollAt: null,
  intervalSeconds: null,
};

/**
 * The one retry rule (host pollers and page reconnects): after n >= 1 consecutive failures wait
 * firstRetryMs x 2^(n-1), never more than maxMs.
 */
export function backoffDelay(failures: number, firstRetryMs: number, maxMs: number): number {
  return Math.min(maxMs, firstRetryMs * 2 ** Math.max(0, failures - 1));
}

/** Replaces items with the same key and appends new ones, keeping the order of first arrival. */
export function mergeByKey<T>(items: readonly T[], changed: readonly T[], key: (item: T) => string): T[] {
  if (!changed.length) return [...items];
  const index = new Map(items.map((item, i) => [key(item), i]));
  const out = [...items];
  for (const item of changed) {
    const i = index.get(key(item));
    if (i === undefined) {
      index.set(key(item), out.length);
      out.push(item);
    } else out[i] = item;
  }
  return out;
}
