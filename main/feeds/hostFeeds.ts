// The host's live feeds, created once per process from the environment and started on first use.
// Add a feed here (one line in createHostFeeds) and its routes reach browser mode and Electron.
import { FacilityStatusFeed, facilityFeedConfigFromEnv } from './facilityStatusFeed.js';
import { createFacilityStatusRoutes } from './facilityStatusRoutes.js';
import { sdotFeedFromEnv } from './sdot/sdotFromEnv.js';
import type { SdotFeedService } from './sdot/sdotFeedService.js';
import { createSdotRoutes } from './sdot/sdotRoutes.js';
import { createKioskRoutes } from '../kiosk/kioskRoutes.js';

export interface HostFeeds {
  facilityStatus: FacilityStatusFeed;
  sdot: SdotFeedService;
  /** For HostHandlerOptions.routes. */
  routes: Array<(req: Request) => Promise<Response> | null>;
  stop(): void;
}

export function createHostFeeds(env: NodeJS.ProcessEnv = process.env): HostFeeds {
  const facilityStatus = new FacilityStatusFeed(facilityFeedConfigFromEnv(env));
  facilityStatus.start(); // no-op without a configured URL
  const sdot = sdotFeedFromEnv(env);
  return {
    facilityStatus,
    sdot,
    // The kiosk's tour and log routes ride along so they reach browser mode, Electron and the e2e host.
    routes: [createFacilityStatusRoutes(facilityStatus), createSdotRoutes(sdot), createKioskRoutes()],
    stop: () => {
      facilityStatus.stop();
      sdot.stop();
    },
  };
}

let shared: HostFeeds | null = null;

/** The process-wide feeds (browser mode and Electron share one host process each). */
export function hostFeeds(): HostFeeds {
  shared ??= createHostFeeds();
  return shared;
}
