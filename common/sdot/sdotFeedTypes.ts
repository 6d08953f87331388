// What the host serves and pushes to the renderer about S-DoT (routes under /api/feeds/sdot/).
import type { RejectedRecord, SdotReading } from './sdotReading.js';

export const SDOT_ROUTES = {
  /** GET: SdotFeedState (JSON). */
  state: '/api/feeds/sdot/state',
  /** GET: Server-Sent Events; event "state" carries an SdotFeedState on connect and on every change. */
  events: '/api/feeds/sdot/events',
  /** GET ?serial=…: SdotReading[] (oldest first) for the time-series chart. */
  history: '/api/feeds/sdot/history',
  /** GET: SdotReplayData, readings from the replay files the host was given. */
  replay: '/api/feeds/sdot/replay',
} as const;

export interface SdotLiveInfo {
  enabled: boolean;
  /** Why live mode is off, or the last error. */
  message: string | null;
  state: 'off' | 'idle' | 'polling' | 'ok' | 'error' | 'stopped';
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  consecutiveFailures: number;
  intervalSeconds: number | null;
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

export interface SdotReplayData {
  files: Array<{ file: string; format: string | null; readings: number; problem: string | null }>;
  readings: SdotReading[];
  rejected: RejectedRecord[];
}
