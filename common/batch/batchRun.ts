// A citywide batch run (issue 14): one declared analysis (common/analyses) over the 1 km tiles of
// the tiled surface model (SURFACE_TILE_GRID, EPSG:5186), each tile run with a halo of input around
// it so that tile results equal one run over the whole area. This is the contract between the
// command that plans and enqueues a run (main/batch), the workers that run its tiles on any machine
// and the merge that writes the mosaic index and summary.json. Types and pure rules only.
import { AREA_MARGIN_M, type LonLat } from '../analyses/analysisSpec.js';
import { declarationOf, type AnalysisEntry, type AnalysisType } from '../analyses/analyses.js';
import { SURFACE_TILE_GRID } from '../buildFormat.js';
import type { Proposal } from '../scenario/scenarioFormat.js';

/** A tile of SURFACE_TILE_GRID: its south-west corner / tileSize (EPSG:5186), as in surface/<e>_<n>.tile. */
export type BatchTile = [e: number, n: number];

export interface Box5186 {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** What the user asked for with --area. */
export type BatchArea = { kind: 'seoul' } | { kind: 'gu'; name: string } | { kind: 'box'; west: number; south: number; east: number; north: number };

/** How much input a tile reads around it, and why (stated in the plan and in summary.json). */
export interface TileHalo {
  /** Metres of surface model around each tile. */
  metres: number;
  /** The most any tile may read: the analyses' surface window (AREA_MARGIN_M). */
  capM: number;
  /** One sentence: what the halo covers and what it does not. */
  rule: string;
}

export type HaloDecision = { ok: true; halo: TileHalo } | { ok: false; reason: string };

/** Everything a worker needs to run any tile of a run: sent with every tile job. */
export interface BatchRunSpec {
  /** Letters, digits, '-' and '_' (a queue job id prefix and a folder name). */
  runId: string;
  createdAt: string;
  /** The scenario's name and file, for the summary. */
  scenario: { name: string; file: string };
  /** The scenario entry, validated against the declared schema, with the declared defaults filled in. */
  analysis: AnalysisEntry;
  variant: 'before' | 'after';
  proposals: Proposal[];
  area: BatchArea;
  halo: TileHalo;
  /** One sun for every tile (sun analyses): the area's centre. */
  sunSite: LonLat;
  /** The city build the run was planned on (file: or http(s) URL); a worker may read its own copy. */
  cityUrl: string;
  /** Where tile results, the mosaic index and summary.json go: a folder every worker can write (shared disk). */
  outDir: string;
  /** Tiles of the run, north to south, west to east. */
  tiles: BatchTile[];
}

export interface TileJobData {
  spec: Omit<BatchRunSpec, 'tiles'>;
  tile: BatchTile;
}

/** What a finished tile reports (its job's return value and <outDir>/tiles/<e>_<n>.json). */
export interface TileRecord {
  tile: BatchTile;
  /** Raster outputs by declared name: the GeoTIFF's path relative to outDir. */
  rasters: Record<string, string>;
  seconds: number;
  /** Which worker ran it (host:pid) and on which attempt. */
  worker: string;
  attempt: number;
  facts: Record<string, number | string>;
  problems: string[];
  /** Sun analyses: the farthest shadow the tallest surface within the halo casts at the lowest sun, and whether the halo covers it. */
  shadowReach?: { reliefM: number; lowestElevationDeg: number; reachM: number; covered: boolean };
}

export const BATCH_RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function tileName([e, n]: BatchTile): string {
  return `${e}_${n}`;
}

export function parseTileName(name: string): BatchTile {
  const m = /^(-?\d+)_(-?\d+)$/.exec(name);
  if (!m) throw new Error(`not a tile name (e_n): ${JSON.stringify(name)}`);
  return [Number(m[1]), Number(m[2])];
}

export function tileBounds([e, n]: BatchTile): Box5186 {
  const s = SURFACE_TILE_GRID.tileSize;
  return { minX: e * s, minY: n * s, maxX: (e + 1) * s, maxY: (n + 1) * s };
}

/**
 * The tiles of the surface model that `touches` accepts (e.g. those overlapping an area), north to
 * south and west to east: a tile without a surface model file has nothing to analyse.
 */
export function tilesOfModel(modelTiles: ReadonlyArray<readonly [number, number]>, touches: (tile: Box5186) => boolean): BatchTile[] {
  return modelTiles
    .filter(([e, n]) => touches(tileBounds([e, n])))
    .map(([e, n]): BatchTile => [e, n])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

export function boxesOverlap(a: Box5186, b: Box5186): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

/** Tiles whose results this batch does not tile, and why; everything else takes its halo from the declaration. */
const REFUSED: Partial<Record<AnalysisType, string>> = {
  rainFlood:
    'rain flood couples neighbouring cells every step and water crosses any tile seam: the batch refuses it; run each catchment-sized area whole with `npm run scenario` (independent catchment windows with overlap are not implemented)',
  wind: 'wind couples neighbouring cells every step and its inflow enters at the area edges: the batch refuses it; run each district-sized domain with `npm run scenario`',
  riverFill:
    'river fill spreads through connected cells along whole streams, so a tile seam would cut a basin: the batch refuses it rather than join basins across seams; run it per basin with `npm run scenario`',
  targetShares: 'target shares are one observer’s sight lines to targets kilometres away: there is nothing to tile; run it with `npm run scenario`',
  viewshed:
    'a viewshed is one observer within its radius (under a second): there is no citywide grid to tile; run it with `npm run scenario`. Its declared halo (the radius) applies to the observer’s tile only',
};

/**
 * The halo a batch run gives each tile of this analysis, or why the analysis cannot be batched.
 * `lowestSunElevationDeg` (sun analyses): the lowest sun of the run, above the horizon; it states
 * how tall a building the capped halo covers exactly.
 */
export function tileHalo(entry: AnalysisEntry, lowestSunElevationDeg?: number): HaloDecision {
  const decl = declarationOf(entry.type);
  const refused = REFUSED[entry.type];
  if (refused) return { ok: false, reason: refused };
  const declared = decl.split.tileHaloM;
  if (declared === null) return { ok: false, reason: `${entry.type} cannot be tiled: ${decl.split.reason}` };
  const capM = AREA_MARGIN_M;
  if (declared > capM) return { ok: false, reason: `${entry.type} needs ${declared} m around each tile, more than the ${capM} m surface window` };
  if (entry.type === 'sunHours') {
    const e = lowestSunElevationDeg;
    if (e === undefined || !(e > 0)) return { ok: false, reason: 'sunHours: the sun never rises in the chosen window' };
    const coveredHeight = capM * Math.tan((e * Math.PI) / 180);
    return {
      ok: true,
      halo: {
        metres: capM,
        capM,
        rule: `the farthest shadow (relief / tan(lowest sun ${e.toFixed(2)}°)) capped at ${capM} m: exact for any surface up to ${coveredHeight.toFixed(1)} m above a tile's lowest ground; each tile reports its own reach`,
      },
    };
  }
  return { ok: true, halo: { metres: declared, capM, rule: decl.split.reason } };
}

/** Errors for a run spec that did not come from planBatch (a worker checks every job). */
export function batchSpecProblems(spec: Omit<BatchRunSpec, 'tiles'>): string[] {
  const problems: string[] = [];
  if (!BATCH_RUN_ID.test(spec.runId)) problems.push(`run id ${JSON.stringify(spec.runId)} is not letters, digits, - and _`);
  if (spec.variant !== 'before' && spec.variant !== 'after') problems.push(`variant ${JSON.stringify(spec.variant)}`);
  if (!(spec.halo?.metres >= 0 && spec.halo.metres <= spec.halo.capM && spec.halo.capM <= AREA_MARGIN_M)) problems.push('halo out of range');
  return problems;
}
