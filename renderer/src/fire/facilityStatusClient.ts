// Live facility status pushed by the host (the live feed "facility-status", common/facilityStatus.ts,
// through the page's one feed client renderer/src/feeds/feedClient.ts). The page never polls and
// never invents a status: a facility the feed has not reported is "unknown", with the reason (no
// feed configured / feed not reachable / not in the feed).
import {
  FACILITY_STATUS_FEED,
  type FacilityStatusEntry,
  type FacilityStatusSnapshot,
  type FacilityStatusUpdate,
  type FeedState,
} from '../../../common/facilityStatus.js';
import { connectFeed, type FeedClient } from '../feeds/feedClient.js';

export type StatusView = { kind: 'known'; entry: FacilityStatusEntry; stale: boolean } | { kind: 'unknown'; reason: 'noFeed' | 'feedDown' | 'notInFeed' };

export class FacilityStatusClient {
  /** By facility number, for the per-hydrant lookups of colouring. */
  private readonly entries = new Map<string, FacilityStatusEntry>();
  private readonly listeners = new Set<(changedIds: string[]) => void>();
  private feed: FeedClient<FacilityStatusSnapshot, FacilityStatusUpdate> | null = null;

  /** The feed's state from the host; null until the first snapshot. */
  get state(): FeedState | null {
    return this.feed?.current?.state ?? null;
  }

  get connected(): boolean {
    return this.feed?.connected ?? false;
  }

  connect(baseUrl: string): void {
    this.feed?.destroy();
    this.feed = connectFeed(FACILITY_STATUS_FEED, baseUrl);
    this.feed.subscribe((e) => {
      if (e.type === 'disconnected') return this.emit([]);
      if (e.type === 'snapshot') this.entries.clear();
      const list = e.type === 'snapshot' ? e.entries : e.changed;
      for (const entry of list) this.entries.set(entry.id, entry);
      this.emit(list.map((x) => x.id));
    });
  }

  status(id: string, now = Date.now()): StatusView {
    const state = this.state;
    if (state && !state.configured) return { kind: 'unknown', reason: 'noFeed' };
    const entry = this.entries.get(id);
    if (!entry) return { kind: 'unknown', reason: state ? 'notInFeed' : 'feedDown' };
    const t = Date.parse(entry.updatedAt ?? entry.receivedAt);
    return { kind: 'known', entry, stale: now - t > (state?.staleAfterMs ?? Infinity) };
  }

  outOfService(): string[] {
    return [...this.entries.values()].filter((e) => e.status === 'out-of-service').map((e) => e.id);
  }

  /** Called with the ids that changed (all on a snapshot, none on a disconnection). Returns its remover. */
  onChange(listener: (changedIds: string[]) => void): () => void {
    const entry = (ids: string[]) => listener(ids);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  destroy(): void {
    this.feed?.destroy();
    this.feed = null;
    this.listeners.clear();
  }

  private emit(ids: string[]): void {
    for (const l of this.listeners) l(ids);
  }
}
