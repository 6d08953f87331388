// window.__vseoulSensors: a read-only view of the sensor layer for end-to-end tests. DOM-free so
// the Node-side tests can import the type.
import type { SdotQuantity } from '../../../common/sdot/sdotQuantities.js';

/** What end-to-end tests read (window.__vseoulSensors); read-only. */
export interface SensorTestHook {
  readonly siteCount: number;
  readonly drawnSites: number;
  readonly quantity: SdotQuantity;
  readonly mode: 'live' | 'replay';
  /** Sites with a valid value of the chosen quantity. */
  readonly withValue: number;
  readonly flagged: number;
  readonly silent: number;
  /** Increases with every redraw from new readings. */
  readonly redraws: number;
  readonly feedVersion: number | null;
  readonly surface: { cellsWithData: number; points: number; engineMs: number; totalMs: number; job: number } | null;
  /** CSS colour of a site's point, or null for an unknown serial. */
  colourOf(serial: string): string | null;
  /** Window position (CSS px) of a site's point, or null when off screen. */
  windowPositionOf(serial: string): { x: number; y: number } | null;
  /** Newest reading time shown (ISO), or null. */
  readonly lastReadingTime: string | null;
}
