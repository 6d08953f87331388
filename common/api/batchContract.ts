// The host's batch-results routes (issue 14): the batch runs found in the host's results folder —
// finished ones from their summary.json and mosaic index, running ones from their tile records and,
// when the host was given a Redis, from the queue — and the files of a run, for the renderer's
// "Batch results" list and layers. Served as HostRoutes, so browser mode (HTTP) and Electron
// (vseoul://) reach them alike. GET, JSON; files as they are on disk.
import type { AnalysisEntry } from '../analyses/analyses.js';
import { BATCH_RUN_ID, type Box5186 } from '../batch/batchRun.js';

export const BATCH_ROUTE_PREFIX = '/api/batch/';
/** GET: BatchRunList. */
export const BATCH_RUNS_ROUTE = `${BATCH_ROUTE_PREFIX}runs`;

/** The files of a run the host serves, relative to the run's folder: nothing else in it is reachable. */
export const BATCH_RUN_FILE = /^(?:mosaic\.json|summary\.json|mosaic-[A-Za-z0-9_-]{1,64}\.vrt|tiles\/[A-Za-z0-9_-]{1,64}\/-?\d{1,6}_-?\d{1,6}\.tif)$/;

/** GET: a file of a run (BATCH_RUN_FILE), e.g. batchFileRoute('sun', 'mosaic.json'). */
export function batchFileRoute(runId: string, file: string): string {
  if (!BATCH_RUN_ID.test(runId)) throw new Error(`not a batch run id: ${JSON.stringify(runId)}`);
  if (!BATCH_RUN_FILE.test(file)) throw new Error(`not a batch run file: ${JSON.stringify(file)}`);
  return `${BATCH_RUNS_ROUTE}/${runId}/${file}`;
}

export interface BatchRunInfo {
  runId: string;
  /** 'finished': merged (summary.json), nothing left on the queue; 'running': tiles still to come. */
  status: 'running' | 'finished';
  /** The analysis entry (declared defaults filled in), from summary.json or the queue; null while unknown. */
  analysis: AnalysisEntry | null;
  scenarioName: string | null;
  /** Tiles of the run; null when only the folder is known (no summary yet and no Redis to ask). */
  tiles: number | null;
  done: number;
  running: number;
  waiting: number;
  failed: Array<{ tile: string; error: string }>;
  /** Seconds to go at the rate so far (from the queue), or null. */
  etaSeconds: number | null;
  /** Raster outputs of the merged run (keys of the mosaic index). */
  outputs: string[];
  mergedAt: string | null;
}

export interface BatchRunList {
  runs: BatchRunInfo[];
  /** Whether the host reads progress from a Redis (--redis). */
  redis: boolean;
  /** Why running runs' progress is missing (e.g. Redis unreachable), or null. */
  problem: string | null;
}

/** mosaic.json: each raster output's tiles, their GeoTIFFs (relative to the run folder) and EPSG:5186 bounds. */
export interface BatchMosaic {
  runId: string;
  crs: 'EPSG:5186';
  tileSize: number;
  cellSize: number;
  outputs: Record<string, { vrt: string; tiles: Array<{ tile: string; path: string; bounds: Box5186 }> }>;
}
