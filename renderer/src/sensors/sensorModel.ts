// The S-DoT layer's state: the sites, the readings shown (live: the feed's latest per sensor;
// replay: the player's moment), the chosen quantity and mode, the selected site, and what each
// site looks like from that (its colour, or "no reading yet" grey; a red ring for a rejected
// value, an orange ring for a silent sensor). DOM- and Cesium-free: drawing (sensorDrawing.ts) and
// the panel (sensorPanel.ts) render it. Nothing here makes up a reading.
import { fromWgs84 } from '../../../common/crs.js';
import type { SdotQuantity } from '../../../common/sdot/sdotQuantities.js';
import type { SdotFeedState } from '../../../common/sdot/sdotFeedTypes.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import type { WindSite } from '../../../workers/wind/sdotInflow.js';
import type { ReplayPlayer } from './replayPlayer.js';
import { colourFor, cssColour, type Rgb } from './sensorColours.js';

export type SensorMode = 'live' | 'replay';

/** Grey of a site without a value of the chosen quantity. */
export const NO_READING_RGB: Rgb = [138, 143, 152];

/** The ring around a site's point: plain, a rejected value of the chosen quantity, or a silent sensor. */
export type SiteRing = 'plain' | 'flagged' | 'silent';

export interface SiteLook {
  /** The value's colour, or NO_READING_RGB. */
  colour: Rgb;
  css: string;
  ring: SiteRing;
}

/** What the sensor layer shows now, for other tools (the wind panel's S-DoT inflow). */
export interface SdotSnapshot {
  mode: SensorMode;
  /** Every site of the build, in EPSG:5186. */
  sites: WindSite[];
  /** The readings drawn now (live: latest per sensor; replay: the player's hour). */
  readings: readonly SdotReading[];
}

export interface SurfacePoint {
  lon: number;
  lat: number;
  value: number;
}

export class SensorModel {
  serials: readonly string[] = [];
  /** lon/lat pairs of the sites, in serial order. */
  lonLat: Float64Array = new Float64Array(0);
  quantity: SdotQuantity = 'pm25';
  mode: SensorMode = 'live';
  /** Index of the clicked site, or null. */
  selected: number | null = null;
  /** The host's feed state (live readings, silent sensors, live status), once it arrived. */
  feed: SdotFeedState | null = null;
  /** Replay readings (the host's replay files or a file the user opened), or null. */
  player: ReplayPlayer | null = null;

  /** Derived by refresh(): the reading per serial shown now, counts, the newest time, each site's look. */
  current = new Map<string, SdotReading>();
  counts = { withValue: 0, flagged: 0, silent: 0 };
  lastReadingTime: string | null = null;
  looks: SiteLook[] = [];
  /** Increases with every refresh. */
  redraws = 0;

  private indexBySerial = new Map<string, number>();
  private sites5186: WindSite[] | null = null;

  setSites(serials: readonly string[], lonLat: Float64Array): void {
    if (lonLat.length !== serials.length * 2) throw new Error(`${serials.length} serials but ${lonLat.length / 2} positions`);
    this.serials = serials;
    this.lonLat = lonLat;
    this.indexBySerial = new Map(serials.map((s, i) => [s, i]));
    this.sites5186 = null;
    this.selected = null;
  }

  indexOf(serial: string): number | undefined {
    return this.indexBySerial.get(serial);
  }

  /** Replay without readings stays live (there is nothing to replay). */
  setMode(mode: SensorMode): void {
    this.mode = mode === 'replay' && !this.player ? 'live' : mode;
    if (this.mode === 'live') this.player?.pause();
  }

  /** Replaces the replay readings and switches to replay; returns the previous player (to destroy). */
  usePlayer(player: ReplayPlayer): ReplayPlayer | null {
    const previous = this.player;
    previous?.pause();
    this.player = player;
    this.mode = 'replay';
    return previous;
  }

  /** The readings of the current mode. */
  readings(): SdotReading[] {
    if (this.mode === 'replay') return this.player?.current() ?? [];
    return this.feed?.latest ?? [];
  }

  /** Changes when the readings shown change (not with status-only feed updates). */
  dataVersion(): number {
    return this.mode === 'live' ? (this.feed?.counts.accepted ?? 0) : (this.player?.time ?? 0);
  }

  /** Recomputes the readings shown, the counts and every site's look. */
  refresh(): void {
    this.current = new Map(this.readings().map((r) => [r.serial, r]));
    const silent = new Set(this.mode === 'live' ? (this.feed?.silent ?? []).map((s) => s.serial) : []);
    const counts = { withValue: 0, flagged: 0, silent: 0 };
    let newest = -Infinity;
    this.looks = this.serials.map((serial) => {
      const r = this.current.get(serial);
      const v = r?.values[this.quantity];
      let colour = NO_READING_RGB;
      let ring: SiteRing = 'plain';
      if (r && Date.parse(r.time) > newest) newest = Date.parse(r.time);
      if (v !== undefined) {
        colour = colourFor(this.quantity, v);
        counts.withValue++;
      } else if (r && r.flags.some((f) => f.quantity === this.quantity || f.quantity === '*')) {
        ring = 'flagged';
        counts.flagged++;
      }
      if (silent.has(serial)) {
        ring = 'silent';
        counts.silent++;
      }
      return { colour, css: cssColour(colour), ring };
    });
    this.counts = counts;
    this.lastReadingTime = Number.isFinite(newest) ? new Date(newest).toISOString() : null;
    this.redraws++;
  }

  /** CSS colour of a site as last refreshed, or null for an unknown serial. */
  colourOf(serial: string): string | null {
    const i = this.indexBySerial.get(serial);
    return i === undefined ? null : (this.looks[i]?.css ?? null);
  }

  /** The shown values of the chosen quantity at their sites (the interpolated surface's input). */
  surfacePoints(): SurfacePoint[] {
    const points: SurfacePoint[] = [];
    for (const [serial, r] of this.current) {
      const i = this.indexBySerial.get(serial);
      const value = r.values[this.quantity];
      if (i === undefined || value === undefined) continue;
      points.push({ lon: this.lonLat[2 * i], lat: this.lonLat[2 * i + 1], value });
    }
    return points;
  }

  /** Null until the sites are known. */
  snapshot(): SdotSnapshot | null {
    if (!this.serials.length) return null;
    this.sites5186 ??= this.serials.map((serial, i) => {
      const [x, y] = fromWgs84('EPSG:5186', this.lonLat[2 * i], this.lonLat[2 * i + 1]);
      return { serial, x, y };
    });
    return { mode: this.mode, sites: this.sites5186, readings: this.readings() };
  }
}
