// Writes Cesium heightmap-1.0 terrain for the city: layer.json + {z}/{x}/{y}.terrain for every
// level 0..maxLevel, but only the tiles that touch the city's bounding box (plus a margin), and at
// level 0 both hemispheres (Cesium needs the whole globe at the root). Tiles outside are simply
// absent and `available` says so, so Cesium upsamples their parents there instead of requesting them.
//
// Heights come from the city model's ElevationModel (ellipsoidal metres), the same function that
// set each building's baseElevation, so buildings meet the ground they were placed on.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildLog, ElevationModel } from '../model/cityModel.js';
import { CHILD_NE, CHILD_NW, CHILD_SE, CHILD_SW, encodeHeightmapTile, tileRange } from '../../common/heightmapTile.js';

export interface TerrainOptions {
  /** Deepest level written. Level 15 posts are ~8 m apart at Seoul's latitude, finer than the ~25-30 m source grids. */
  maxLevel?: number;
  /** Margin around the bbox, degrees. */
  marginDeg?: number;
  attribution?: string;
}

export interface TerrainResult {
  tileCount: number;
  bytes: number;
  maxLevel: number;
  available: { startX: number; startY: number; endX: number; endY: number }[][];
}

export async function writeHeightmapTerrain(
  elevation: ElevationModel,
  bbox: [number, number, number, number],
  terrainDir: string,
  log: BuildLog,
  opts: TerrainOptions = {},
): Promise<TerrainResult> {
  const maxLevel = opts.maxLevel ?? 15;
  const margin = opts.marginDeg ?? 0.01;
  const [w, s, e, n] = [bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin];
  const ranges: { startX: number; startY: number; endX: number; endY: number }[] = [];
  for (let z = 0; z <= maxLevel; z++) {
    ranges.push(z === 0 ? { startX: 0, endX: 1, startY: 0, endY: 0 } : tileRange(z, w, s, e, n));
  }
  const total = ranges.reduce((t, r) => t + (r.endX - r.startX + 1) * (r.endY - r.startY + 1), 0);
  const heightAt = (lon: number, lat: number) => elevation.ellipsoidHeightAt(lon, lat);
  const has = (z: number, x: number, y: number) => {
    const r = ranges[z];
    return z <= maxLevel && x >= r.startX && x <= r.endX && y >= r.startY && y <= r.endY;
  };

  let count = 0,
    bytes = 0;
  for (let z = 0; z <= maxLevel; z++) {
    const r = ranges[z];
    for (let x = r.startX; x <= r.endX; x++) {
      const dir = path.join(terrainDir, String(z), String(x));
      await mkdir(dir, { recursive: true });
      for (let y = r.startY; y <= r.endY; y++) {
        let mask = 0;
        if (z < maxLevel) {
          // Children of (x, y) are (2x..2x+1, 2y..2y+1); TMS y grows northwards.
          if (has(z + 1, 2 * x, 2 * y)) mask |= CHILD_SW;
          if (has(z + 1, 2 * x + 1, 2 * y)) mask |= CHILD_SE;
          if (has(z + 1, 2 * x, 2 * y + 1)) mask |= CHILD_NW;
          if (has(z + 1, 2 * x + 1, 2 * y + 1)) mask |= CHILD_NE;
        }
        const tile = encodeHeightmapTile({ z, x, y }, heightAt, mask);
        await writeFile(path.join(dir, `${y}.terrain`), tile);
        bytes += tile.byteLength;
        log.progress('terrain', ++count, total);
      }
    }
  }

  const available = ranges.map((r) => [r]);
  const layer = {
    tilejson: '2.1.0',
    name: 'virtual-seoul-terrain',
    description: 'Terrain of the city build, sampled from the source elevation grids (heights above the WGS84 ellipsoid).',
    version: '1.0.0',
    format: 'heightmap-1.0',
    scheme: 'tms',
    tiles: ['{z}/{x}/{y}.terrain'],
    projection: 'EPSG:4326',
    bounds: [-180, -90, 180, 90],
    minzoom: 0,
    maxzoom: maxLevel,
    available,
    attribution: opts.attribution ?? '',
  };
  await writeFile(path.join(terrainDir, 'layer.json'), JSON.stringify(layer));
  return { tileCount: count, bytes, maxLevel, available };
}
