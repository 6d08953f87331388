// S-DoT state pushed by the host (the live feed "sdot", common/sdot/sdotFeedTypes.ts, through the
// page's one feed client renderer/src/feeds/feedClient.ts), plus the replay readings and per-sensor
// history it serves. The page never polls the city's API.
import { SDOT_FEED, SDOT_ROUTES, type SdotFeedState, type SdotFeedUpdate, type SdotReplayData } from '../../../common/sdot/sdotFeedTypes.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { FeedClient, routeUrl } from '../feeds/feedClient.js';

export class SdotFeedClient {
  private readonly feed: FeedClient<SdotFeedState, SdotFeedUpdate>;

  constructor(private readonly baseUrl: string) {
    this.feed = new FeedClient(SDOT_FEED, baseUrl);
  }

  /** The host's latest state; null until the first snapshot. While disconnected it stays as it was. */
  get state(): SdotFeedState | null {
    return this.feed.current;
  }

  get connected(): boolean {
    return this.feed.connected;
  }

  connect(): void {
    this.feed.connect();
  }

  /** Called on every snapshot, update and disconnection. Returns its remover. */
  onChange(fn: () => void): () => void {
    return this.feed.subscribe(() => fn());
  }

  async replay(): Promise<SdotReplayData> {
    const r = await fetch(routeUrl(SDOT_ROUTES.replay, this.baseUrl));
    if (!r.ok) throw new Error(`replay: HTTP ${r.status}`);
    return (await r.json()) as SdotReplayData;
  }

  async history(serial: string): Promise<SdotReading[]> {
    const url = routeUrl(SDOT_ROUTES.history, this.baseUrl);
    url.searchParams.set('serial', serial);
    const r = await fetch(url);
    if (!r.ok) throw new Error(`history: HTTP ${r.status}`);
    return (await r.json()) as SdotReading[];
  }

  destroy(): void {
    this.feed.destroy();
  }
}
