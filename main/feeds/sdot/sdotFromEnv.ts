// The host's S-DoT feed as the app makes it (main/feeds/hostFeeds.ts starts it): settings from the command line (--sdot-key,
// --sdot-url, --sdot-service, --sdot-interval, --sdot-replay FILE), the environment
// (VSEOUL_SDOT_KEY, VSEOUL_SDOT_URL, VSEOUL_SDOT_SERVICE, VSEOUL_SDOT_INTERVAL, VSEOUL_SDOT_REPLAY
// with ';' between files) or a JSON file named by VSEOUL_SDOT_CONFIG ({"sdot": {...}}); the sites
// from the source data (the same file the city build draws).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveSdotConfig } from './config.js';
import { SdotFeedService } from './sdotFeedService.js';
import { parseSensorSites, type SensorSite } from '../../../common/sdot/sensorSites.js';

export function sdotFeedFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv.slice(2),
  log: (line: string) => void = (l) => console.log(l),
): SdotFeedService {
  let file: unknown;
  if (env['VSEOUL_SDOT_CONFIG']) {
    try {
      file = JSON.parse(readFileSync(env['VSEOUL_SDOT_CONFIG'], 'utf8'));
    } catch (err) {
      log(`S-DoT config ${env['VSEOUL_SDOT_CONFIG']} ignored: ${(err as Error).message}`);
    }
  }
  const config = resolveSdotConfig({ argv, env, file });
  let sites: SensorSite[] | null = null;
  // Not tiles/cli/defaultPaths.ts: it reads import.meta.url, which the Electron (CJS) bundle lacks.
  // npm scripts run in the repository root, so ../shared/data is the same default there.
  const sitesFile = path.resolve(env['VSEOUL_DATA_DIR'] ?? path.join('..', 'shared', 'data'), 'sdot', 'sdot_sensor_locations_2020.csv');
  try {
    const parsed = parseSensorSites(readFileSync(sitesFile, 'utf8'), sitesFile);
    sites = parsed.sites;
    for (const p of parsed.problems) log(`S-DoT sites: ${p}`);
  } catch (err) {
    log(`S-DoT sites not read (${(err as Error).message}); readings for any serial are accepted`);
  }
  return new SdotFeedService({ config, sites, onLog: log });
}
