// One tile of a batch run, on whichever machine took the job: the job's analysis entry is checked
// against the declared schema again (a worker runs only declared analyses with valid parameters),
// run through runDeclaredAnalysis — the app's and the scenario runner's engine code — on the tile
// with its halo, and each raster output written as a GeoTIFF (tileResults.ts). The analysis runs on
// a worker thread of `pool`, so the worker's event loop stays free to renew the job's lock.
import os from 'node:os';
import path from 'node:path';
import { batchSpecProblems, tileBounds, tileName, type TileJobData, type TileRecord } from '../../common/batch/batchRun.js';
import { toWgs84 } from '../../common/crs.js';
import { validateScenario } from '../../common/scenario/scenarioValidate.js';
import { openCityData } from '../../workers/data/cityData.js';
import { gridToGeoTiff } from '../../workers/grid/rasterGeoTiff.js';
import type { NodePool } from '../../workers/pool/nodePool.js';
import { lowestSunElevation, shadowRelief } from './sunReach.js';
import { tileRasterPath, tileRecordPath, writeFileAtomic } from './tileResults.js';

export interface TileRunOptions {
  /** The threads the analysis runs on (one per job the worker runs at once). */
  pool: NodePool;
  /** The worker's own copy of the build (file: or http(s) URL); default the run's. */
  cityUrl?: string;
  /** The worker's path to the run's output folder; default the run's. */
  outDir?: string;
  attempt?: number;
}

export async function runTile(job: TileJobData, options: TileRunOptions): Promise<TileRecord> {
  const { spec, tile } = job;
  const problems = batchSpecProblems(spec);
  if (problems.length) throw new Error(`batch job ${spec.runId}/${tileName(tile)}: ${problems.join('; ')}`);
  const b = tileBounds(tile);
  const [west, south] = toWgs84(5186, b.minX, b.minY);
  const [east, north] = toWgs84(5186, b.maxX, b.maxY);
  const area = { west, south, east, north };
  // Throws a ScenarioError naming the field when the entry is not a declared analysis with valid parameters.
  const checked = validateScenario({ name: spec.scenario.name, area, proposals: spec.proposals, analyses: [spec.analysis] }, `batch job ${spec.runId}`);
  const cityUrl = options.cityUrl ?? spec.cityUrl;
  const outDir = options.outDir ?? spec.outDir;
  const started = performance.now();
  const result = await options.pool.run('runDeclaredAnalysis', {
    cityUrl,
    analysis: checked.analyses[0],
    area,
    bounds5186: b,
    proposals: checked.proposals,
    sunSite: spec.sunSite,
    variant: spec.variant,
  });
  const rasters: Record<string, string> = {};
  for (const [name, grid] of Object.entries(result.rasters)) {
    const rel = tileRasterPath(name, tile);
    writeFileAtomic(path.join(outDir, rel), new Uint8Array(gridToGeoTiff(grid)));
    rasters[name] = rel;
  }
  const record: TileRecord = {
    tile,
    rasters,
    seconds: (performance.now() - started) / 1000,
    worker: `${os.hostname()}:${process.pid}`,
    attempt: options.attempt ?? 1,
    facts: result.facts,
    problems: [...result.problems, ...(result.surface?.problems ?? [])],
  };
  if (spec.analysis.type === 'sunHours') {
    const lowestElevationDeg = lowestSunElevation(spec.analysis, spec.sunSite);
    const reliefM = await shadowRelief(openCityData(cityUrl), b, spec.halo.metres);
    const reachM = reliefM / Math.tan((lowestElevationDeg * Math.PI) / 180);
    record.shadowReach = { reliefM, lowestElevationDeg, reachM, covered: reachM <= spec.halo.metres };
  }
  writeFileAtomic(tileRecordPath(outDir, tile), JSON.stringify(record, null, 1));
  return record;
}
