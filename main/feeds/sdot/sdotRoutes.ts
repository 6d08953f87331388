// The S-DoT feed's routes: the feed itself (main/feeds/feedRoutes.ts) plus its history and replay.
import { SDOT_ROUTES } from '../../../common/sdot/sdotFeedTypes.js';
import { createFeedRoutes, jsonResponse, type HostRoute } from '../feedRoutes.js';
import type { SdotFeedService } from './sdotFeedService.js';

export function createSdotRoutes(service: SdotFeedService): HostRoute {
  return createFeedRoutes(service, {
    [SDOT_ROUTES.history]: async (url) => {
      const serial = url.searchParams.get('serial');
      return serial ? jsonResponse(200, service.historyOf(serial)) : jsonResponse(400, { error: 'history needs ?serial=' });
    },
    [SDOT_ROUTES.replay]: async () => jsonResponse(200, await service.replayData()),
  });
}
