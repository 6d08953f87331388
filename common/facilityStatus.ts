// Live fire-facility status as the host sends it to the page (main/feeds/facilityStatusFeed.ts
// produces it, renderer/src/fire/facilityStatusClient.ts reads it), in the one live-feed shape of
// common/feeds/feedContract.ts.
import { defineFeed, mergeByKey, type FeedEvent, type FeedStatus } from './feeds/feedContract.js';

export type FacilityStatus = 'in-service' | 'out-of-service';

export interface FacilityStatusEntry {
  id: string;
  status: FacilityStatus;
  /** The source's time for this status (ISO), or null when the feed gives none. */
  updatedAt: string | null;
  /** When this host received it (ISO). */
  receivedAt: string;
}

export interface FeedState extends FeedStatus {
  configured: boolean;
  url: string | null;
  staleAfterMs: number;
  /** Rows of the last good response that were rejected, with reasons (first 50). */
  rejected: Array<{ row: string; problem: string }>;
}

export interface FacilityStatusSnapshot {
  state: FeedState;
  entries: FacilityStatusEntry[];
}

export interface FacilityStatusUpdate {
  state: FeedState;
  /** Entries whose status, source time or (without a source time) receive time changed. */
  changed: FacilityStatusEntry[];
}

export type FacilityStatusEvent = FeedEvent<FacilityStatusSnapshot, FacilityStatusUpdate>;

export const FACILITY_STATUS_FEED = defineFeed<FacilityStatusSnapshot, FacilityStatusUpdate>('facility-status', (snapshot, update) => ({
  state: update.state,
  entries: mergeByKey(snapshot.entries, update.changed, (e) => e.id),
}));
