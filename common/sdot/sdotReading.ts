// One S-DoT reading as the app carries it between host, renderer and worker, whatever format it
// was read from. Values that failed validation are not in `values`; they are in `flags` with why.
import type { SdotQuantity } from './sdotQuantities.js';

export interface ReadingFlag {
  /** The quantity concerned, or '*' for the whole record. */
  quantity: SdotQuantity | '*';
  reason: string;
}

export interface SdotReading {
  serial: string;
  /** Measurement time, ISO 8601 with the Seoul offset, e.g. "2020-05-01T09:00:00+09:00". */
  time: string;
  /** Valid values only. */
  values: Partial<Record<SdotQuantity, number>>;
  /** Rejected values and record-level problems. */
  flags: ReadingFlag[];
  /** Where it came from: 'seoul-api', 'raw-record', 'hourly-csv'. */
  source: string;
}

/** A record that could not become a reading at all (no serial, no time, unparseable). */
export interface RejectedRecord {
  source: string;
  /** Line number or row index in the input. */
  at: string;
  serial: string | null;
  reason: string;
}

export interface ParseResult {
  readings: SdotReading[];
  rejected: RejectedRecord[];
}

/** Builds "YYYY-MM-DDTHH:MM:SS+09:00" from Seoul wall-clock parts; null when a part is impossible. */
export function seoulIso(y: number, mo: number, d: number, h: number, mi = 0, s = 0): string | null {
  if (![y, mo, d, h, mi, s].every(Number.isInteger)) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return null; // e.g. 31 April
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}+09:00`;
}

/**
 * Parses the time stamps S-DoT sources use, all Seoul time: "yyyymmddhhmi" (the dictionary's
 * 측정시간), "yyyymmddhh", "YYYY-MM-DD_HH" and "YYYY-MM-DD_HH:MM:SS" (Open API), "YYYY-MM-DD HH:MM[:SS]".
 */
export function parseSdotTime(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?$/.exec(t);
  if (m) return seoulIso(+m[1], +m[2], +m[3], +m[4], m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  m = /^(\d{4})-(\d{2})-(\d{2})[ _T](\d{1,2})(?::(\d{2}))?(?::(\d{2}))?(?:\.\d+)?$/.exec(t);
  if (m) return seoulIso(+m[1], +m[2], +m[3], +m[4], m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  return null;
}

/** Parses a numeric field; '' / null / 'NA' / non-numbers → null (missing). */
export function numberOrNull(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s === '' || /^(na|nan|null|-)$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
