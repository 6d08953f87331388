// The build's terrain (Cesium heightmap-1.0 tiles, tiles/terrain/) as a triangle mesh in the
// analysis frame, so hills shade facades as they shade the ground in the surface model. One level
// is read: the deepest whose posts are at least TARGET_POST_M apart (the source elevation grids are
// 1" SRTM, ~30 m: finer levels only interpolate). Heights are ellipsoidal in the tiles and made
// orthometric with the same geoid as the buildings.
//
// Outside the measured elevation grids the build's terrain is an assumption (the edge height held for
// 250 m, then eased to sea level: tiles/model/elevation.ts); the manifest's terrain note says so.
import { decodeHeightmapTile, HEIGHTMAP_SIZE, tileBounds } from '../../common/heightmapTile.js';
import type { FrameOptions, TriangleSink } from './glbTriangles.js';
import { lonLatTo5186 } from './grid5186.js';
import { readBytes, readJson, type ReadBytes } from '../data/cityFiles.js';

const TARGET_POST_M = 30;
const METRES_PER_DEGREE = 111_320;
export const TERRAIN_FEATURE = 'terrain';

interface LayerJson {
  format?: string;
  tiles?: string[];
  scheme?: string;
  available?: { startX: number; endX: number; startY: number; endY: number }[][];
}

/** Appends the terrain of `layerUrl` (the build's terrain/layer.json); returns the level used. */
export async function appendTerrain(
  layerUrl: string,
  frame: FrameOptions,
  sink: TriangleSink,
  read: ReadBytes = readBytes,
): Promise<{ level: number; tiles: number }> {
  const layer = await readJson<LayerJson>(layerUrl, read);
  if (layer.format !== 'heightmap-1.0' || layer.scheme !== 'tms')
    throw new Error(`${layerUrl}: terrain format ${layer.format}/${layer.scheme} is not heightmap-1.0/tms`);
  const available = layer.available ?? [];
  let level = -1;
  for (let z = 0; z < available.length; z++) {
    const post = (180 / 2 ** z / (HEIGHTMAP_SIZE - 1)) * METRES_PER_DEGREE;
    if (post >= TARGET_POST_M && available[z]?.length) level = z;
  }
  if (level < 0) return { level, tiles: 0 };
  const template = layer.tiles?.[0] ?? '{z}/{x}/{y}.terrain';
  const feature = sink.featureIndex(TERRAIN_FEATURE);
  const n = HEIGHTMAP_SIZE;
  const ids = new Int32Array(n * n);
  let tiles = 0;
  for (const range of available[level]) {
    for (let x = range.startX; x <= range.endX; x++) {
      for (let y = range.startY; y <= range.endY; y++) {
        const url = new URL(template.replace('{z}', String(level)).replace('{x}', String(x)).replace('{y}', String(y)), layerUrl).href;
        const tile = decodeHeightmapTile(await read(url));
        const { west, south, east, north } = tileBounds({ z: level, x, y });
        for (let row = 0; row < n; row++) {
          const lat = north - ((north - south) * row) / (n - 1);
          for (let col = 0; col < n; col++) {
            const lon = west + ((east - west) * col) / (n - 1);
            const [gx, gy] = lonLatTo5186(lon, lat);
            ids[row * n + col] = sink.vertex(gx - frame.originX, gy - frame.originY, tile.heights[row * n + col] - frame.undulation(lon, lat), feature);
          }
        }
        for (let row = 0; row + 1 < n; row++) {
          for (let col = 0; col + 1 < n; col++) {
            const a = ids[row * n + col],
              b = ids[row * n + col + 1],
              c = ids[(row + 1) * n + col],
              d = ids[(row + 1) * n + col + 1];
            sink.triangle(a, c, b);
            sink.triangle(b, c, d);
          }
        }
        tiles++;
      }
    }
  }
  return { level, tiles };
}
