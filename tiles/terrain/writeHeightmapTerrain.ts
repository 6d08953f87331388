// Writes Cesium heightmap-1.0 terrain for the city: layer.json + {z}/{x}/{y}.terrain. Which tiles:
//   - level 0: both hemispheres (Cesium needs the whole globe at the root);
//   - levels 1..cityLevel: every tile over the city's extent (the district boundaries' box), so the
//     whole city has terrain of its own even where no building stands;
//   - levels up to maxLevel: only where detail matters, i.e. around the buildings and over each
//     measured elevation grid with its eased edge (elevation.ts). Elsewhere the ground is the
//     assumed one (sea level on the geoid, smooth over kilometres), which Cesium upsamples from
//     the cityLevel tiles without visible loss.
// Tiles outside are absent and `available` says so, so Cesium upsamples their parents there
// instead of requesting them.
//
// Heights come from the city model's ElevationModel (ellipsoidal metres), the same function that
// set each building's baseElevation, so buildings meet the ground they were placed on.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildLog, ElevationModel } from '../model/cityModel.js';
import { gridInfluenceBox } from '../model/elevation.js';
import { CHILD_NE, CHILD_NW, CHILD_SE, CHILD_SW, encodeHeightmapTile, tileRange } from '../../common/heightmapTile.js';
import { inRanges, rangesOfTiles, tilesInRanges, type TileRange } from '../../common/tileRanges.js';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

export interface TerrainOptions {
  /** Deepest level written. Level 15 posts are ~8 m apart at Seoul's latitude, finer than the ~25-30 m source grids. */
  maxLevel?: number;
  /** Deepest level written over the whole city extent (level 12 posts: ~76 x 60 m; 11 x 8 tiles over Seoul). */
  cityLevel?: number;
  /** Margin around each box, degrees. */
  marginDeg?: number;
  attribution?: string;
}

export interface TerrainRegion {
  /** The city's extent: tiles down to cityLevel. */
  city: LonLatBox;
  /** The buildings' box: tiles down to maxLevel. */
  buildings: LonLatBox;
}

export interface TerrainResult {
  tileCount: number;
  bytes: number;
  maxLevel: number;
  cityLevel: number;
  available: TileRange[][];
  seconds: number;
}

function intersect(a: LonLatBox, b: LonLatBox): LonLatBox | null {
  const r: LonLatBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] < r[2] && r[1] < r[3] ? r : null;
}

const grow = (b: LonLatBox, m: number): LonLatBox => [b[0] - m, b[1] - m, b[2] + m, b[3] + m];

/** Where the terrain goes to maxLevel: the buildings, and the measured grids (with their eased edges) inside the city or around the buildings. */
export function detailBoxes(elevation: ElevationModel, region: TerrainRegion): LonLatBox[] {
  const boxes: LonLatBox[] = [region.buildings];
  for (const g of elevation.grids) {
    const influence = gridInfluenceBox(g);
    for (const area of [region.city, region.buildings]) {
      const b = intersect(influence, area);
      if (b) boxes.push(b);
    }
  }
  return boxes;
}

export async function writeHeightmapTerrain(
  elevation: ElevationModel,
  region: TerrainRegion,
  terrainDir: string,
  log: BuildLog,
  opts: TerrainOptions = {},
): Promise<TerrainResult> {
  const started = performance.now();
  const maxLevel = opts.maxLevel ?? 15;
  const cityLevel = Math.min(opts.cityLevel ?? 12, maxLevel);
  const margin = opts.marginDeg ?? 0.01;
  const city = grow(region.city, margin);
  const detail = detailBoxes(elevation, region).map((b) => grow(b, margin));

  const available: TileRange[][] = [];
  for (let z = 0; z <= maxLevel; z++) {
    if (z === 0) {
      available.push([{ startX: 0, endX: 1, startY: 0, endY: 0 }]);
      continue;
    }
    const tiles: [number, number][] = [];
    for (const box of z <= cityLevel ? [city, ...detail] : detail) {
      const r = tileRange(z, ...box);
      for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) tiles.push([x, y]);
    }
    available.push(rangesOfTiles(tiles));
  }
  const total = available.reduce((t, ranges) => t + tilesInRanges(ranges), 0);
  const heightAt = (lon: number, lat: number) => elevation.ellipsoidHeightAt(lon, lat);
  const has = (z: number, x: number, y: number) => z <= maxLevel && inRanges(available[z], x, y);

  let count = 0,
    bytes = 0;
  for (let z = 0; z <= maxLevel; z++) {
    for (const r of available[z]) {
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
  }

  const layer = {
    tilejson: '2.1.0',
    name: 'virtual-seoul-terrain',
    description:
      'Terrain of the city build, sampled from the source elevation grids (heights above the WGS84 ellipsoid). ' +
      `Levels 0-${cityLevel} over the whole city, up to ${maxLevel} around the buildings and the measured grids; outside the grids the ground is assumed.`,
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
  return { tileCount: count, bytes, maxLevel, cityLevel, available, seconds: (performance.now() - started) / 1000 };
}
