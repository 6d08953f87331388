// The one shape of a host live feed (S-DoT, facility status, and any new source): start, stop,
// snapshot, subscribe. Whatever the source (a Poller, a push connection), a feed hands out a full
// snapshot on subscribe and then updates that its definition's `apply` folds into that snapshot
// (common/feeds/feedContract.ts); main/feeds/feedRoutes.ts serves any LiveFeed over HTTP and SSE.
import type { FeedDefinition, FeedEvent } from '../../common/feeds/feedContract.js';

export type FeedListener<S, U> = (event: FeedEvent<S, U>) => void;

export interface LiveFeed<S, U> {
  readonly definition: FeedDefinition<S, U>;
  /** Begins reading the source; a no-op when already started or not configured. */
  start(): void;
  /** Stops reading for good (no restart); what was received stays readable. */
  stop(): void;
  snapshot(): S;
  /** The listener gets the snapshot at once, then every update. Returns its remover. */
  subscribe(listener: FeedListener<S, U>): () => void;
}

export interface FeedSource<S, U> {
  snapshot(): S;
  /** The update for the changes since the last call; forgets them. */
  takeUpdate(): U;
}

/**
 * A feed's listeners: the snapshot on subscribe, then updates. Changes that come in a burst (a poll
 * starts, delivers, ends and is rescheduled within milliseconds) go out as one update. A throwing
 * listener never stops the feed.
 */
export class FeedPublisher<S, U> {
  private readonly listeners = new Set<FeedListener<S, U>>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** The burst window runs on the real clock, so tests driving a feed's clock see only its poll timers. */
  constructor(
    private readonly source: FeedSource<S, U>,
    private readonly coalesceMs = 100,
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  subscribe(listener: FeedListener<S, U>): () => void {
    // Wrapped, so one function subscribed twice is two subscriptions with their own removers.
    const entry: FeedListener<S, U> = (e) => listener(e);
    this.listeners.add(entry);
    this.deliver(entry, { type: 'snapshot', ...this.source.snapshot() });
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Something changed: one update goes out within the burst window, however many changes come. */
  changed(): void {
    if (this.listeners.size === 0) {
      // Nobody to tell: the next subscriber's snapshot has it all.
      this.source.takeUpdate();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.coalesceMs);
  }

  /** Sends a pending update now (a feed stopping says so before it goes quiet). */
  flush(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    const event: FeedEvent<S, U> = { type: 'update', ...this.source.takeUpdate() };
    for (const listener of this.listeners) this.deliver(listener, event);
  }

  private deliver(listener: FeedListener<S, U>, event: FeedEvent<S, U>): void {
    try {
      listener(event);
    } catch {
      // A broken listener (a closed stream) must not stop the feed.
    }
  }
}
