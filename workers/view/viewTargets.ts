// Named view targets as sample points (EPSG:5186 x, y and orthometric z): the Han River from the
// shared water-body polygons, Namsan and Bukhansan from their summits (landmarkPeaks.ts). A
// target's visible share is the share of its samples an observer can see (targetShares.ts).
import { fromWgs84 } from '../../common/crs.js';
import { LANDMARK_PEAKS, type LandmarkPeak } from './landmarkPeaks.js';

export interface ViewTarget {
  name: string;
  /** x, y, z triples: EPSG:5186 metres and orthometric metres. */
  points: Float64Array;
  /** How the samples were made, for the result's notes. */
  model: string;
}

type Position = number[];
interface GeoJsonFeature {
  id?: string | number;
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates: unknown } | null;
}
/** A parsed GeoJSON FeatureCollection of water polygons (WGS84 lon/lat). */
export interface WaterCollection {
  features?: GeoJsonFeature[];
}

export interface HanRiverOptions {
  /** Sample spacing in metres (a square lattice aligned to multiples of it). Default 50. */
  spacing?: number;
  /**
   * Polygons of at least this area (km²) count as the Han River. Default 0.5: in the shared water
   * layer (hydro/seoul_water_bodies.geojson, which carries no names) the 24 polygons this large all
   * lie on the Han's course; tributaries and lakes are smaller. Small pieces of the Han cut off
   * at bridges are left out.
   */
  minAreaKm2?: number;
  /** Orthometric water level (m). Default 2.5: an assumption (the river is kept a few metres
   *  above mean sea level by its weirs; floods and tides are not modelled). */
  waterLevel?: number;
  /** Feature problems (not polygons, bad coordinates) are reported here, never dropped silently. */
  onIssue?: (message: string) => void;
}

/** Han River water samples from the shared water-body GeoJSON (WGS84 lon/lat). */
export function hanRiverTarget(water: WaterCollection, opts: HanRiverOptions = {}): ViewTarget {
  const spacing = opts.spacing ?? 50;
  const minArea = (opts.minAreaKm2 ?? 0.5) * 1e6;
  const level = opts.waterLevel ?? 2.5;
  if (!(spacing > 0)) throw new Error(`Han River target: spacing ${spacing} must be positive`);
  const out: number[] = [];
  let polygons = 0;
  (water.features ?? []).forEach((f, i) => {
    const g = f.geometry;
    const id = f.properties?.fid ?? f.id ?? i;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      opts.onIssue?.(`water feature ${String(id)}: geometry ${g?.type ?? 'missing'} is not a polygon; skipped`);
      return;
    }
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
    const rings: [number, number][][] = [];
    let area = 0;
    for (const poly of polys) {
      poly.forEach((ring, k) => {
        const r = ring.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).map((p) => fromWgs84('EPSG:5186', p[0], p[1]) as [number, number]);
        if (r.length !== ring.length) opts.onIssue?.(`water feature ${String(id)}: ${ring.length - r.length} vertices without coordinates ignored`);
        if (r.length < 3) return;
        const a = Math.abs(ringArea(r));
        area += k === 0 ? a : -a;
        rings.push(r);
      });
    }
    if (area < minArea) return;
    polygons++;
    samplePolygon(rings, spacing, (x, y) => out.push(x, y, level));
  });
  return {
    name: 'Han River',
    points: new Float64Array(out),
    model: `${polygons} water polygons of at least ${minArea / 1e6} km² (the Han), sampled every ${spacing} m at an assumed water level of ${level} m`,
  };
}

export interface PeakOptions {
  /** How far down from the summit the vertical band of samples reaches (m). Default 100. */
  bandDepth?: number;
  /** Vertical spacing of the samples (m). Default 5. */
  step?: number;
}

/**
 * A mountain as the top `bandDepth` metres of a vertical line under each of its summits: the
 * share is how much of the summit's top rises above the skyline. A stated model, not terrain:
 * the mountain's slopes are not known to the shared data.
 */
export function peakTarget(name: string, peaks: readonly LandmarkPeak[] = LANDMARK_PEAKS.filter((p) => p.target === name), opts: PeakOptions = {}): ViewTarget {
  const depth = opts.bandDepth ?? 100;
  const step = opts.step ?? 5;
  if (!peaks.length) throw new Error(`no summit known for target ${name}`);
  const out: number[] = [];
  for (const p of peaks) {
    const [x, y] = fromWgs84('EPSG:5186', p.lon, p.lat);
    for (let dz = 0; dz <= depth + 1e-9; dz += step) out.push(x, y, p.elevation - dz);
  }
  return {
    name,
    points: new Float64Array(out),
    model: `top ${depth} m of ${peaks.map((p) => `${p.peak} (${p.elevation} m)`).join(', ')} every ${step} m (summits: ${peaks.map((p) => p.source).join('; ')})`,
  };
}

/** The three default targets of the issue: Han River, Namsan, Bukhansan. */
export function defaultViewTargets(water: WaterCollection, han: HanRiverOptions = {}, peaks: PeakOptions = {}): ViewTarget[] {
  return [hanRiverTarget(water, han), peakTarget('Namsan', undefined, peaks), peakTarget('Bukhansan', undefined, peaks)];
}

function ringArea(r: [number, number][]): number {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += r[j][0] * r[i][1] - r[i][0] * r[j][1];
  return s / 2;
}

/** Lattice points (multiples of `spacing`) inside the rings (even-odd, so holes stay empty). */
export function samplePolygon(rings: [number, number][][], spacing: number, emit: (x: number, y: number) => void): void {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const r of rings)
    for (const [x, y] of r) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  const xs: number[] = [];
  for (let y = Math.ceil(minY / spacing) * spacing; y <= maxY; y += spacing) {
    xs.length = 0;
    for (const r of rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i];
        const [xj, yj] = r[j];
        if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      for (let x = Math.ceil(xs[k] / spacing) * spacing; x < xs[k + 1]; x += spacing) emit(x, y);
    }
  }
}
