// The host's live feeds, created once per process from the environment and started here. A new
// feed (OGC SensorThings, MQTT, ...) is one LiveFeed module (main/feeds/liveFeed.ts) plus one line
// in `feeds` below; createFeedRoutes serves it to browser mode and Electron alike.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FacilityStatusFeed, facilityFeedConfigFromEnv, readKnownFacilities, type FacilityStatusFeedConfig } from './facilityStatusFeed.js';
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

/** The configured facility feed with the known facility numbers of the source data (as sdotFromEnv.ts reads the sites). */
function facilityFeedFromEnv(env: NodeJS.ProcessEnv, log: (line: string) => void): FacilityStatusFeedConfig | null {
  const config = facilityFeedConfigFromEnv(env);
  if (!config) return null;
  const file = path.resolve(env['VSEOUL_DATA_DIR'] ?? path.join('..', 'shared', 'data'), 'fire', 'seoul_fire_water_facilities.csv');
  try {
    return { ...config, knownFacilities: readKnownFacilities(readFileSync(file, 'utf8')) };
  } catch (err) {
    log(`Facility status feed: known facilities not read (${(err as Error).message}); rows for any facility number are kept`);
    return config;
  }
}

export function createHostFeeds(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (l) => console.log(l)): HostFeeds {
  const facilityStatus = new FacilityStatusFeed(facilityFeedFromEnv(env, log), { log });
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
