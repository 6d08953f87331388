// The wind simulation's inflow taken from S-DoT street sensors: the sites in (or near) the area,
// their latest wind readings, averaged as vectors. A plain mean of directions is wrong across
// north (350° and 10° average to 180°), so directions are averaged as unit vectors weighted by
// speed; the speed is the plain mean, because the inflow speed should not shrink when directions
// disagree — how much they disagree is reported as the steadiness (resultant / mean speed).
import type { SdotReading } from '../../common/sdot/sdotReading.js';

/** A sensor site in the analysis CRS (EPSG:5186). */
export interface WindSite {
  serial: string;
  x: number;
  y: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface SdotInflow {
  /** Direction the wind comes from, degrees clockwise from north, [0, 360). */
  directionDeg: number;
  /** Mean speed of the readings used (m/s). */
  speed: number;
  /** |vector mean| / mean speed: 1 = all from one direction, 0 = they cancel out. */
  steadiness: number;
  /** Serials of the readings used. */
  used: string[];
  /** Sites in the area or within the margin. */
  sites: number;
  /** Readings in range that report 0 m/s from 0° (calm, or a unit without a working anemometer). */
  zero: number;
  /** Readings in range older than maxAgeHours before the newest one. */
  stale: number;
  /** Oldest and newest reading time used (ISO, as the readings carry it). */
  from: string;
  to: string;
}

export interface SdotInflowOptions {
  /** Sites up to this far outside the area count (m). */
  marginM?: number;
  /** Readings this much older than the newest used one are left out (hours). */
  maxAgeHours?: number;
}

/** Why no inflow could be taken, for the panel to say. */
export type SdotInflowProblem = { problem: 'no-sites'; marginM: number } | { problem: 'no-wind'; sites: number; zero: number };

export function sdotInflow(
  sites: readonly WindSite[],
  readings: readonly SdotReading[],
  area: Bounds,
  options: SdotInflowOptions = {},
): SdotInflow | SdotInflowProblem {
  const margin = options.marginM ?? 1000;
  const maxAgeMs = (options.maxAgeHours ?? 2) * 3_600_000;
  const near = new Set(
    sites.filter((s) => s.x >= area.minX - margin && s.x <= area.maxX + margin && s.y >= area.minY - margin && s.y <= area.maxY + margin).map((s) => s.serial),
  );
  if (near.size === 0) return { problem: 'no-sites', marginM: margin };

  let zero = 0;
  const withWind: Array<{ r: SdotReading; t: number; speed: number; dir: number }> = [];
  for (const r of readings) {
    if (!near.has(r.serial)) continue;
    const speed = r.values.windSpeed;
    const dir = r.values.windDirection;
    const t = Date.parse(r.time);
    if (speed === undefined || dir === undefined || !Number.isFinite(t)) continue;
    if (speed === 0 && dir === 0) {
      zero++;
      continue;
    }
    withWind.push({ r, t, speed, dir });
  }
  if (withWind.length === 0) return { problem: 'no-wind', sites: near.size, zero };

  const newest = Math.max(...withWind.map((w) => w.t));
  const fresh = withWind.filter((w) => newest - w.t <= maxAgeMs);
  // Meteorological "from" direction: the vector the wind blows along points the other way, but
  // averaging the "from" unit vectors and reading their angle back gives the same answer.
  let east = 0;
  let north = 0;
  let speedSum = 0;
  for (const w of fresh) {
    const a = (w.dir * Math.PI) / 180;
    east += w.speed * Math.sin(a);
    north += w.speed * Math.cos(a);
    speedSum += w.speed;
  }
  const n = fresh.length;
  const speed = speedSum / n;
  const resultant = Math.hypot(east, north) / n;
  const directionDeg = ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360;
  const times = fresh.map((w) => w.r.time).sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    directionDeg,
    speed,
    steadiness: speed > 0 ? resultant / speed : 0,
    used: fresh.map((w) => w.r.serial),
    sites: near.size,
    zero,
    stale: withWind.length - n,
    from: times[0],
    to: times[times.length - 1],
  };
}

export function isInflowProblem(x: SdotInflow | SdotInflowProblem): x is SdotInflowProblem {
  return 'problem' in x;
}
