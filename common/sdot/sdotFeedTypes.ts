// What the host serves and pushes to the renderer about S-DoT: the live feed "sdot" in the shape of
// common/feeds/feedContract.ts, plus the per-sensor history and the replay readings.
import { defineFeed, feedSubRoute, mergeByKey, type FeedEvent, type FeedStatus } from '../feeds/feedContract.js';
import type { RejectedRecord, SdotReading } from './sdotReading.js';

export interface SdotLiveInfo extends FeedStatus {
  enabled: boolean;
  /** Why live mode is off, or the last error. */
  message: string | null;
}

export interface SdotFeedState {
  live: SdotLiveInfo;
  /** Latest valid-or-flagged reading per sensor from the live feed. */
  latest: SdotReading[];
  silent: Array<{ serial: string; lastTime: string; reason: string }>;
  /** The most recent records that could not be used (at most 100), with reasons. */
  rejected: RejectedRecord[];
  counts: { received: number; accepted: number; rejected: number };
  /** Increases with every change, so clients can tell updates apart. */
  version: number;
  replayAvailable: boolean;
}

/** An update: the new latest reading of each sensor that got one; everything else whole (small and bounded). */
export type SdotFeedUpdate = Omit<SdotFeedState, 'latest'> & { changed: SdotReading[] };

export type SdotFeedEvent = FeedEvent<SdotFeedState, SdotFeedUpdate>;

export const SDOT_FEED = defineFeed<SdotFeedState, SdotFeedUpdate>('sdot', (snapshot, update) => {
  const { changed, ...rest } = update;
  return { ...rest, latest: mergeByKey(snapshot.latest, changed, (r) => r.serial) };
});

export const SDOT_ROUTES = {
  ...SDOT_FEED.routes,
  /** GET ?serial=…: SdotReading[] (oldest first) for the time-series chart. */
  history: feedSubRoute(SDOT_FEED, 'history'),
  /** GET: SdotReplayData, readings from the replay files the host was given. */
  replay: feedSubRoute(SDOT_FEED, 'replay'),
} as const;

export interface SdotReplayData {
  files: Array<{ file: string; format: string | null; readings: number; problem: string | null }>;
  readings: SdotReading[];
  rejected: RejectedRecord[];
}
