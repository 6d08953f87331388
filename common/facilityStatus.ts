// Live fire-facility status as the host sends it to the page (main/feeds/facilityStatusFeed.ts
// produces it, renderer/src/fire/facilityStatusClient.ts reads it).
export type FacilityStatus = 'in-service' | 'out-of-service';

export interface FacilityStatusEntry {
  id: string;
  status: FacilityStatus;
  /** The source's time for this status (ISO), or null when the feed gives none. */
  updatedAt: string | null;
  /** When this host received it (ISO). */
  receivedAt: string;
}

export interface FeedState {
  configured: boolean;
  url: string | null;
  /** Time of the last successful poll (ISO) or null. */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  staleAfterMs: number;
  /** Rows of the last good response that were rejected, with reasons (first 50). */
  rejected: Array<{ row: string; problem: string }>;
}

export type FacilityStatusEvent =
  { type: 'snapshot'; state: FeedState; entries: FacilityStatusEntry[] } | { type: 'update'; state: FeedState; changed: FacilityStatusEntry[] };
