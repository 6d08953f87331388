// The page's one client for the host's live feeds (common/feeds/feedContract.ts): opens the feed's
// event stream, holds the latest snapshot with every update folded in by the feed's own `apply`,
// and tells subscribers. EventSource reconnects by itself after a dropped connection; when it gives
// up (an HTTP error, a host restarting) the stream is reopened after the one backoff rule's wait.
// The host always starts a connection with a full snapshot, so nothing is missed across a gap.
// Typed structurally (no DOM types), so Node tests can drive it with Node's own EventSource.
import { backoffDelay, type FeedDefinition, type FeedEvent } from '../../../common/feeds/feedContract.js';

/** What the client uses of EventSource. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

/** A feed event, or word that the stream broke (the last snapshot stays as it was). */
export type FeedClientEvent<S, U> = FeedEvent<S, U> | { type: 'disconnected' };

export interface FeedClientOptions {
  /** First wait before reopening a stream the browser gave up on (default 2 s), doubled per failure... */
  firstRetryMs?: number;
  /** ...up to this (default 60 s). */
  maxRetryMs?: number;
  /** Default: the global EventSource. */
  openEventSource?: (url: string) => EventSourceLike;
}

const EVENT_SOURCE_CLOSED = 2;

/** A route of the host (absolute path) as a URL under the page's base (http://127.0.0.1:port/ or vseoul://app/). */
export function routeUrl(route: string, baseUrl: string): URL {
  return new URL(route.replace(/^\//, ''), baseUrl);
}

export class FeedClient<S, U> {
  private latest: S | null = null;
  private open = false;
  private source: EventSourceLike | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly listeners = new Set<(event: FeedClientEvent<S, U>) => void>();
  private readonly openEventSource: (url: string) => EventSourceLike;

  constructor(
    readonly definition: FeedDefinition<S, U>,
    private readonly baseUrl: string,
    private readonly options: FeedClientOptions = {},
  ) {
    this.openEventSource =
      options.openEventSource ?? ((url) => new (globalThis as unknown as { EventSource: new (url: string) => EventSourceLike }).EventSource(url));
  }

  /** The host's snapshot with every update since applied; null until the first snapshot. */
  get current(): S | null {
    return this.latest;
  }

  /** Whether the stream is open (the last snapshot may be old while it is not). */
  get connected(): boolean {
    return this.open;
  }

  /** Opens the stream; a no-op when open or destroyed. */
  connect(): void {
    if (this.source || this.destroyed) return;
    const source = this.openEventSource(routeUrl(this.definition.routes.events, this.baseUrl).href);
    this.source = source;
    source.addEventListener('snapshot', (msg) => this.receive(msg.data));
    source.addEventListener('update', (msg) => this.receive(msg.data));
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      this.open = false;
      this.emit({ type: 'disconnected' });
      if (source.readyState === EVENT_SOURCE_CLOSED) this.reopenLater();
    });
  }

  /** Calls `listener` with every event from now on. Returns its remover. */
  subscribe(listener: (event: FeedClientEvent<S, U>) => void): () => void {
    const entry = (event: FeedClientEvent<S, U>) => listener(event);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Closes the stream for good and drops every subscriber. */
  destroy(): void {
    this.destroyed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.open = false;
    this.listeners.clear();
  }

  private receive(data: unknown): void {
    let event: FeedEvent<S, U>;
    try {
      event = JSON.parse(String(data)) as FeedEvent<S, U>;
    } catch (err) {
      console.warn(`feed ${this.definition.id}: unreadable event (${(err as Error).message})`);
      return;
    }
    if (event.type === 'snapshot') {
      const { type: _type, ...snapshot } = event;
      this.latest = snapshot as S;
      this.open = true;
      this.failures = 0;
    } else {
      // An update before any snapshot cannot happen (the host sends the snapshot first); ignore it.
      if (this.latest === null) return;
      const { type: _type, ...update } = event;
      this.latest = this.definition.apply(this.latest, update as U);
    }
    this.emit(event);
  }

  private reopenLater(): void {
    this.source?.close();
    this.source = null;
    this.failures++;
    const wait = backoffDelay(this.failures, this.options.firstRetryMs ?? 2_000, this.options.maxRetryMs ?? 60_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, wait);
  }

  private emit(event: FeedClientEvent<S, U>): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.warn(`feed ${this.definition.id}: a listener failed (${(err as Error).message})`);
      }
    }
  }
}

/** A client for `definition`'s feed at the host under baseUrl, already connecting. */
export function connectFeed<S, U>(definition: FeedDefinition<S, U>, baseUrl: string, options?: FeedClientOptions): FeedClient<S, U> {
  const client = new FeedClient(definition, baseUrl, options);
  client.connect();
  return client;
}
