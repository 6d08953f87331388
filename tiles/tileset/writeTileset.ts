// Writes the building tileset: tileset.json (3D Tiles 1.1) + one GLB per tile under content/.
//
// Each tile's content is in the East-North-Up frame at the centre of its region (glTF y-up inside);
// tileset.json gives every tile the transform from its frame to its parent's (3D Tiles composes
// transforms down the tree), so the world transform of each tile is exactly ENU-to-ECEF at its
// own centre and no tile suffers from the earth's curvature across a big city.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildLog, CityBuilding } from '../model/cityModel.js';
import { EnuFrame } from '../geometry/wgs84.js';
import { encodeBuildingTile, type Compression } from '../gltf/encodeBuildingTile.js';
import { buildTileTree, DEFAULT_TREE_OPTIONS, toTreeItem, walkTree, type TileNode, type TileTreeOptions, type TreeItem } from './buildTileTree.js';

export interface TilesetStats {
  tileCount: number;
  /** Sum of GLB sizes. */
  tileBytes: number;
  tilesetJsonBytes: number;
  buildingsWritten: number;
  triangles: number;
  /** Buildings that produced no geometry (each also reported to the log). */
  dropped: CityBuilding[];
  depth: number;
}

export interface WriteTilesetOptions {
  tree?: TileTreeOptions;
  compression?: Compression;
  /** Where each building's source file is named in issues. */
  stage?: string;
}

const DEG = Math.PI / 180;
// Margins keep regions safely around the geometry (float rounding, quantization steps).
const ANGLE_MARGIN_RAD = 2e-7; // ~1.3 m
const HEIGHT_MARGIN_M = 1;

export async function writeBuildingTileset(
  buildings: readonly CityBuilding[],
  tilesDir: string,
  log: BuildLog,
  opts: WriteTilesetOptions = {},
): Promise<TilesetStats> {
  const stage = opts.stage ?? 'tiles';
  const items: TreeItem[] = [];
  const dropped: CityBuilding[] = [];
  for (const b of buildings) {
    const it = toTreeItem(b);
    if (it) items.push(it);
    else {
      dropped.push(b);
      log.issue({ file: b.source, featureId: b.id, problem: 'footprint has no usable coordinates', action: 'skipped' });
    }
  }
  const root = buildTileTree(items, opts.tree ?? DEFAULT_TREE_OPTIONS);
  const nodes = [...walkTree(root)];
  await mkdir(path.join(tilesDir, 'content'), { recursive: true });

  const contentOf = new Map<TileNode, string>();
  let tileBytes = 0,
    buildingsWritten = 0,
    triangles = 0,
    done = 0;
  for (const node of nodes) {
    log.progress(stage, done++, nodes.length);
    if (node.items.length === 0) continue;
    const frame = frameOf(node);
    const tile = await encodeBuildingTile(
      node.items.map((i) => i.building),
      frame,
      { compression: opts.compression },
    );
    for (const b of tile.dropped) {
      dropped.push(b);
      log.issue({ file: b.source, featureId: b.id, problem: 'footprint produced no triangles (degenerate)', action: 'skipped' });
    }
    if (tile.buildings.length === 0) continue;
    const uri = `content/${node.id}.glb`;
    await writeFile(path.join(tilesDir, uri), tile.glb);
    contentOf.set(node, uri);
    tileBytes += tile.glb.byteLength;
    buildingsWritten += tile.buildings.length;
    triangles += tile.triangles;
  }
  log.progress(stage, nodes.length, nodes.length);

  const tileset = {
    asset: { version: '1.1', generator: 'Virtual Seoul city pipeline (tiles/)' },
    // The error of showing nothing at all: twice the root's, so the root is drawn from far away.
    geometricError: Math.max(2 * root.geometricError, 100),
    root: tileJson(root, IDENTITY, contentOf),
  };
  const json = JSON.stringify(tileset);
  await writeFile(path.join(tilesDir, 'tileset.json'), json);
  let depth = 0;
  const measure = (n: TileNode, d: number) => {
    depth = Math.max(depth, d);
    n.children.forEach((c) => measure(c, d + 1));
  };
  measure(root, 1);
  return { tileCount: contentOf.size, tileBytes, tilesetJsonBytes: json.length, buildingsWritten, triangles, dropped, depth };
}

function frameOf(node: TileNode): EnuFrame {
  const [w, s, e, n, minH] = node.region;
  return new EnuFrame((w + e) / 2, (s + n) / 2, minH);
}

interface TileJson {
  boundingVolume: { region: number[] };
  geometricError: number;
  refine?: 'ADD';
  transform: number[];
  content?: { uri: string };
  children?: TileJson[];
}

function tileJson(node: TileNode, parentWorld: number[], contentOf: Map<TileNode, string>): TileJson {
  const world = frameOf(node).transform();
  const [w, s, e, n, lo, hi] = node.region;
  const out: TileJson = {
    boundingVolume: {
      region: [
        w * DEG - ANGLE_MARGIN_RAD,
        s * DEG - ANGLE_MARGIN_RAD,
        e * DEG + ANGLE_MARGIN_RAD,
        n * DEG + ANGLE_MARGIN_RAD,
        lo - HEIGHT_MARGIN_M,
        hi + HEIGHT_MARGIN_M,
      ],
    },
    geometricError: node.geometricError,
    refine: 'ADD',
    transform: multiply(rigidInverse(parentWorld), world),
  };
  const uri = contentOf.get(node);
  if (uri) out.content = { uri };
  if (node.children.length) out.children = node.children.map((c) => tileJson(c, world, contentOf));
  return out;
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** Column-major 4x4 product a * b. */
export function multiply(a: number[], b: number[]): number[] {
  const o = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + r] * b[c * 4 + k];
      o[c * 4 + r] = s;
    }
  return o;
}

/** Inverse of a rotation + translation (column-major): [R^T, -R^T t]. */
export function rigidInverse(m: number[]): number[] {
  const o = [m[0], m[4], m[8], 0, m[1], m[5], m[9], 0, m[2], m[6], m[10], 0, 0, 0, 0, 1];
  const t = [m[12], m[13], m[14]];
  for (let r = 0; r < 3; r++) o[12 + r] = -(o[r] * t[0] + o[4 + r] * t[1] + o[8 + r] * t[2]);
  return o;
}
