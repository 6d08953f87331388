// The merge job of a batch run, run after every tile job finished or failed for good: the mosaic
// index (mosaic.json, and a GDAL VRT per raster output that opens the whole run as one raster)
// and summary.json (parameters, halo, per-tile times and workers, failures with their errors). The
// tile records on disk are the truth: a tile re-run alone later is merged in by its own merge job.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SURFACE_TILE_GRID } from '../../common/buildFormat.js';
import type { BatchMosaic } from '../../common/api/batchContract.js';
import { tileBounds, tileName, type BatchRunSpec, type TileRecord } from '../../common/batch/batchRun.js';
import { readTileRecord, writeFileAtomic } from './tileResults.js';

export interface TileFailure {
  tile: string;
  error: string;
}

export interface BatchSummary {
  runId: string;
  scenario: BatchRunSpec['scenario'];
  analysis: BatchRunSpec['analysis'];
  variant: BatchRunSpec['variant'];
  area: BatchRunSpec['area'];
  halo: BatchRunSpec['halo'];
  sunSite: BatchRunSpec['sunSite'];
  tiles: number;
  done: number;
  failed: TileFailure[];
  /** Seconds of engine work over all tiles, and wall time from the run's creation to this merge. */
  tileSeconds: number;
  wallSeconds: number;
  perTile: Array<Pick<TileRecord, 'seconds' | 'worker' | 'attempt' | 'problems' | 'shadowReach'> & { tile: string }>;
  mergedAt: string;
}

/** The tile of a job key `bull:<queue>:<run>.tile.<e>_<n>[.r…]`. */
export function tileOfJobKey(key: string): string {
  return /\.tile\.(-?\d+_-?\d+)/.exec(key)?.[1] ?? key;
}

function vrt(spec: BatchRunSpec, output: string, records: TileRecord[]): string {
  const boxes = records.map((r) => tileBounds(r.tile));
  const minX = Math.min(...boxes.map((b) => b.minX));
  const maxY = Math.max(...boxes.map((b) => b.maxY));
  const maxX = Math.max(...boxes.map((b) => b.maxX));
  const minY = Math.min(...boxes.map((b) => b.minY));
  const cell = SURFACE_TILE_GRID.cellSize;
  const w = Math.round((maxX - minX) / cell);
  const h = Math.round((maxY - minY) / cell);
  const sources = records.map((r) => {
    const b = tileBounds(r.tile);
    const n = Math.round((b.maxX - b.minX) / cell);
    return `    <SimpleSource><SourceFilename relativeToVRT="1">${r.rasters[output]}</SourceFilename><SourceBand>1</SourceBand><SrcRect xOff="0" yOff="0" xSize="${n}" ySize="${n}"/><DstRect xOff="${Math.round((b.minX - minX) / cell)}" yOff="${Math.round((maxY - b.maxY) / cell)}" xSize="${n}" ySize="${n}"/></SimpleSource>`;
  });
  return [
    `<VRTDataset rasterXSize="${w}" rasterYSize="${h}">`,
    `  <SRS>EPSG:5186</SRS>`,
    `  <GeoTransform>${minX}, ${cell}, 0, ${maxY}, 0, ${-cell}</GeoTransform>`,
    `  <VRTRasterBand dataType="Float32" band="1">`,
    `    <NoDataValue>${SURFACE_TILE_GRID.noData}</NoDataValue>`,
    `    <Description>${spec.analysis.type} ${output} (${spec.runId})</Description>`,
    ...sources,
    `  </VRTRasterBand>`,
    `</VRTDataset>`,
    '',
  ].join('\n');
}

/** Writes mosaic.json, mosaic-<output>.vrt and summary.json; `failures`: the errors of tiles that failed for good in this flow. */
export function mergeRun(spec: BatchRunSpec, outDir: string, failures: TileFailure[], now = new Date()): BatchSummary {
  const records = spec.tiles.map((t) => readTileRecord(outDir, t)).filter((r): r is TileRecord => r !== null);
  const done = new Set(records.map((r) => tileName(r.tile)));
  const summaryPath = path.join(outDir, 'summary.json');
  const earlier: TileFailure[] = existsSync(summaryPath) ? (JSON.parse(readFileSync(summaryPath, 'utf8')) as BatchSummary).failed : [];
  const failed = new Map<string, string>();
  for (const f of [...earlier, ...failures]) if (!done.has(f.tile)) failed.set(f.tile, f.error);
  for (const t of spec.tiles) if (!done.has(tileName(t)) && !failed.has(tileName(t))) failed.set(tileName(t), 'no result (the tile job did not finish)');
  const outputs = [...new Set(records.flatMap((r) => Object.keys(r.rasters)))];
  const index: BatchMosaic = {
    runId: spec.runId,
    crs: 'EPSG:5186',
    tileSize: SURFACE_TILE_GRID.tileSize,
    cellSize: SURFACE_TILE_GRID.cellSize,
    outputs: Object.fromEntries(
      outputs.map((o) => [
        o,
        {
          vrt: `mosaic-${o}.vrt`,
          tiles: records.filter((r) => r.rasters[o]).map((r) => ({ tile: tileName(r.tile), path: r.rasters[o], bounds: tileBounds(r.tile) })),
        },
      ]),
    ),
  };
  for (const o of outputs)
    writeFileAtomic(
      path.join(outDir, `mosaic-${o}.vrt`),
      vrt(
        spec,
        o,
        records.filter((r) => r.rasters[o]),
      ),
    );
  writeFileAtomic(path.join(outDir, 'mosaic.json'), JSON.stringify(index, null, 1));
  const summary: BatchSummary = {
    runId: spec.runId,
    scenario: spec.scenario,
    analysis: spec.analysis,
    variant: spec.variant,
    area: spec.area,
    halo: spec.halo,
    sunSite: spec.sunSite,
    tiles: spec.tiles.length,
    done: records.length,
    failed: [...failed].map(([tile, error]) => ({ tile, error })),
    tileSeconds: records.reduce((s, r) => s + r.seconds, 0),
    wallSeconds: (now.getTime() - Date.parse(spec.createdAt)) / 1000,
    perTile: records.map((r) => ({
      tile: tileName(r.tile),
      seconds: r.seconds,
      worker: r.worker,
      attempt: r.attempt,
      problems: r.problems,
      shadowReach: r.shadowReach,
    })),
    mergedAt: now.toISOString(),
  };
  writeFileAtomic(summaryPath, JSON.stringify(summary, null, 1));
  return summary;
}
