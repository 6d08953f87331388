// The host's live feeds, created once per process from the environment and started here. A new
// feed (OGC SensorThings, MQTT, ...) is one LiveFeed module (main/feeds/liveFeed.ts) plus one line
// in `feeds` below; createFeedRoutes serves it to browser mode and Electron alike.
import { FacilityStatusFeed, facilityFeedConfigFromEnv } from './facilityStatusFeed.js';
import { createFeedRoutes, type HostRoute } from './feedRoutes.js';
import type { LiveFeed } from './liveFeed.js';
import { sdotFeedFromEnv } from './sdot/sdotFromEnv.js';
import type { SdotFeedService } from './sdot/sdotFeedService.js';
import { createSdotRoutes } from './sdot/sdotRoutes.js';
import { createKioskRoutes } from '../kiosk/kioskRoutes.js';

export interface HostFeeds {
  facilityStatus: FacilityStatusFeed;
  sdot: SdotFeedService;
  /** For HostHandlerOptions.routes. */
  routes: HostRoute[];
  stop(): void;
}

export function createHostFeeds(env: NodeJS.ProcessEnv = process.env): HostFeeds {
  const facilityStatus = new FacilityStatusFeed(facilityFeedConfigFromEnv(env));
  const sdot = sdotFeedFromEnv(env);
  const feeds: Array<LiveFeed<unknown, unknown>> = [facilityStatus, sdot];
  for (const feed of feeds) feed.start(); // a no-op for a feed that is not configured
  return {
    facilityStatus,
    sdot,
    // The kiosk's tour and log routes ride along so they reach browser mode, Electron and the e2e host.
    routes: [createFeedRoutes(facilityStatus), createSdotRoutes(sdot), createKioskRoutes()],
    stop: () => {
      for (const feed of feeds) feed.stop();
    },
  };
}

let shared: HostFeeds | null = null;

/** The process-wide feeds (browser mode and Electron share one host process each). */
export function hostFeeds(): HostFeeds {
  shared ??= createHostFeeds();
  return shared;
}
