// The S-DoT routes for HostHandlerOptions.routes (browser mode and Electron's protocol alike).
import type { SdotFeedService } from './sdotFeedService.js';

export const SDOT_ROUTE_PREFIX = '/api/feeds/sdot/';

export function createSdotRoutes(service: SdotFeedService): (req: Request) => Promise<Response> | null {
  return (req) => (new URL(req.url).pathname.startsWith(SDOT_ROUTE_PREFIX) ? service.handle(req) : null);
}
