// Live facility status pushed by the host (Server-Sent Events, main/feeds/facilityStatusRoutes.ts).
// The page never polls and never invents a status: a facility the feed has not reported is
// "unknown", with the reason (no feed configured / feed not reachable / not in the feed).
import type { FacilityStatusEntry, FacilityStatusEvent, FeedState } from '../../../common/facilityStatus.js';

export const FACILITY_STATUS_EVENTS_URL = 'api/feeds/facility-status/events';

export type StatusView = { kind: 'known'; entry: FacilityStatusEntry; stale: boolean } | { kind: 'unknown'; reason: 'noFeed' | 'feedDown' | 'notInFeed' };

export class FacilityStatusClient {
  private readonly entries = new Map<string, FacilityStatusEntry>();
  state: FeedState | null = null;
  connected = false;
  private readonly listeners = new Set<(changedIds: string[]) => void>();
  private source: EventSource | null = null;

  connect(baseUrl: string): void {
    const source = new EventSource(new URL(FACILITY_STATUS_EVENTS_URL, baseUrl));
    this.source = source;
    const onEvent = (msg: MessageEvent<string>) => {
      const e = JSON.parse(msg.data) as FacilityStatusEvent;
      this.connected = true;
      this.state = e.state;
      const list = e.type === 'snapshot' ? e.entries : e.changed;
      if (e.type === 'snapshot') this.entries.clear();
      for (const entry of list) this.entries.set(entry.id, entry);
      this.emit(list.map((x) => x.id));
    };
    source.addEventListener('snapshot', onEvent as EventListener);
    source.addEventListener('update', onEvent as EventListener);
    source.addEventListener('error', () => {
      // EventSource reconnects by itself; until then the statuses we have are shown as they are.
      this.connected = false;
      this.emit([]);
    });
  }

  close(): void {
    this.source?.close();
  }

  status(id: string, now = Date.now()): StatusView {
    if (this.state && !this.state.configured) return { kind: 'unknown', reason: 'noFeed' };
    const entry = this.entries.get(id);
    if (!entry) return { kind: 'unknown', reason: this.state ? 'notInFeed' : 'feedDown' };
    const t = Date.parse(entry.updatedAt ?? entry.receivedAt);
    return { kind: 'known', entry, stale: now - t > (this.state?.staleAfterMs ?? Infinity) };
  }

  outOfService(): string[] {
    return [...this.entries.values()].filter((e) => e.status === 'out-of-service').map((e) => e.id);
  }

  onChange(listener: (changedIds: string[]) => void): void {
    this.listeners.add(listener);
  }

  private emit(ids: string[]): void {
    for (const l of this.listeners) l(ids);
  }
}
