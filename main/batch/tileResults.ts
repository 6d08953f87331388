// A batch run's output folder: one GeoTIFF per tile and raster output, one record per tile, the
// mosaic index and summary.json. Every file is written to a temporary name and renamed into place,
// so a reader (or a worker killed mid-write) never leaves a half file, and a tile written twice —
// a job retaken after its worker died — simply replaces identical bytes: no tile is duplicated.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tileName, type BatchTile, type TileRecord } from '../../common/batch/batchRun.js';

export function writeFileAtomic(file: string, bytes: Uint8Array | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** <outDir>/tiles/<output>/<e>_<n>.tif, relative to outDir. */
export function tileRasterPath(output: string, tile: BatchTile): string {
  return path.join('tiles', output, `${tileName(tile)}.tif`);
}

export function tileRecordPath(outDir: string, tile: BatchTile): string {
  return path.join(outDir, 'tiles', `${tileName(tile)}.json`);
}

export function readTileRecord(outDir: string, tile: BatchTile): TileRecord | null {
  try {
    return JSON.parse(readFileSync(tileRecordPath(outDir, tile), 'utf8')) as TileRecord;
  } catch {
    return null;
  }
}
