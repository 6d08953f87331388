// S-DoT state pushed by the host (Server-Sent Events, main/feeds/sdot/sdotFeedService.ts), plus
// the replay readings and per-sensor history it serves. The page never polls the city's API.
import { SDOT_ROUTES, type SdotFeedState, type SdotReplayData } from '../../../common/sdot/sdotFeedTypes.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';

const rel = (route: string) => route.replace(/^\//, '');

export class SdotFeedClient {
  state: SdotFeedState | null = null;
  connected = false;
  private source: EventSource | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly baseUrl: string) {}

  connect(): void {
    const source = new EventSource(new URL(rel(SDOT_ROUTES.events), this.baseUrl));
    this.source = source;
    source.addEventListener('state', ((msg: MessageEvent<string>) => {
      try {
        this.state = JSON.parse(msg.data) as SdotFeedState;
        this.connected = true;
        this.emit();
      } catch (err) {
        console.warn(`S-DoT: unreadable state event (${(err as Error).message})`);
      }
    }) as EventListener);
    source.addEventListener('error', () => {
      // EventSource reconnects by itself; the readings we have stay as they are, marked disconnected.
      this.connected = false;
      this.emit();
    });
  }

  onChange(fn: () => void): void {
    this.listeners.add(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  async replay(): Promise<SdotReplayData> {
    const r = await fetch(new URL(rel(SDOT_ROUTES.replay), this.baseUrl));
    if (!r.ok) throw new Error(`replay: HTTP ${r.status}`);
    return (await r.json()) as SdotReplayData;
  }

  async history(serial: string): Promise<SdotReading[]> {
    const url = new URL(rel(SDOT_ROUTES.history), this.baseUrl);
    url.searchParams.set('serial', serial);
    const r = await fetch(url);
    if (!r.ok) throw new Error(`history: HTTP ${r.status}`);
    return (await r.json()) as SdotReading[];
  }

  close(): void {
    this.source?.close();
  }
}
