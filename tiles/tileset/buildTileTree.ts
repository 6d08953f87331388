// The spatial tree of the building tileset: a k-d tree over footprint centroids (two splits per
// level along the longer axis, at the median or at a wide gap, so each tile has up to 4 children),
// with ADDITIVE refinement: every inner tile keeps the most significant buildings of its area
// (footprint area x height) and hands the rest down, so a far view shows the skyline first and
// the small buildings stream in as the camera comes closer.
//
// Geometric error rule: a tile's geometric error is the size (max of height and sqrt(footprint
// area), metres) of the largest building that is left to its descendants, i.e. the biggest
// thing missing on screen when the tile is drawn without its children. Cesium refines when
// geometricError * screenHeight / (distance * 2 tan(fov / 2)) exceeds maximumScreenSpaceError
// (16 px by default), so children load once their largest building would cover about 16 px.
// Leaves have error 0. Errors are forced strictly decreasing down the tree.
import type { CityBuilding } from '../model/cityModel.js';
import { FOUNDATION_DEPTH_M } from '../gltf/encodeBuildingTile.js';

export interface TileTreeOptions {
  /** A tile with at most this many buildings becomes a leaf. */
  maxLeafBuildings: number;
  /** Buildings an inner tile keeps for itself (the most significant of its area). */
  innerTileBuildings: number;
}

export const DEFAULT_TREE_OPTIONS: TileTreeOptions = { maxLeafBuildings: 800, innerTileBuildings: 250 };

/** Per-building summary used for splitting, ordering and bounds. */
export interface TreeItem {
  building: CityBuilding;
  lon: number;
  lat: number;
  significance: number;
  size: number;
  west: number;
  south: number;
  east: number;
  north: number;
  minH: number;
  maxH: number;
}

export interface TileNode {
  /** Path-like id: "r", "r0", "r03" ... (also the content file name). */
  id: string;
  items: TreeItem[];
  children: TileNode[];
  geometricError: number;
  /** Region in degrees and metres: [west, south, east, north, minH, maxH] over this tile and all descendants. */
  region: [number, number, number, number, number, number];
}

const M_PER_DEG_LAT = 111_320;

export function toTreeItem(b: CityBuilding): TreeItem | null {
  let west = Infinity,
    south = Infinity,
    east = -Infinity,
    north = -Infinity;
  let sx = 0,
    sy = 0,
    n = 0,
    area = 0;
  for (const poly of b.polygons) {
    const outer = poly[0];
    if (!outer || outer.length < 3) continue;
    // Outer rings only: holes lie inside them (repair.ts).
    for (const [x, y] of outer) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
    let a = 0;
    for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
      a += (outer[j][0] - outer[i][0]) * (outer[j][1] + outer[i][1]);
      sx += outer[i][0];
      sy += outer[i][1];
      n++;
    }
    const latScale = Math.cos((outer[0][1] * Math.PI) / 180);
    area += Math.abs(a / 2) * M_PER_DEG_LAT * M_PER_DEG_LAT * latScale;
  }
  if (n === 0) return null;
  const height = Math.max(0, b.height - b.minHeight);
  return {
    building: b,
    lon: sx / n,
    lat: sy / n,
    significance: area * Math.max(height, 0.1),
    size: Math.max(b.height, Math.sqrt(area)),
    west,
    south,
    east,
    north,
    minH: b.baseElevation + (b.minHeight > 0 ? b.minHeight : -FOUNDATION_DEPTH_M),
    maxH: b.baseElevation + b.height,
  };
}

export function buildTileTree(items: TreeItem[], opts: TileTreeOptions = DEFAULT_TREE_OPTIONS): TileNode {
  // Sorted by significance once; every split below keeps that order, so each tile's most
  // significant buildings are simply its first ones (no re-sorting per level).
  const bySignificance = [...items].sort((a, b) => b.significance - a.significance);
  const root = build(bySignificance, 'r', opts);
  enforceDecreasing(root, Infinity);
  return root;
}

/** `items` must be in decreasing significance. */
function build(items: TreeItem[], id: string, opts: TileTreeOptions): TileNode {
  if (items.length <= opts.maxLeafBuildings) {
    return { id, items, children: [], geometricError: 0, region: regionOf(items, []) };
  }
  const own = items.slice(0, opts.innerTileBuildings);
  const rest = items.slice(opts.innerTileBuildings);
  let lostSize = 0;
  for (const it of rest) if (it.size > lostSize) lostSize = it.size;
  const children: TileNode[] = [];
  for (const [k, half] of split(rest, longerAxis(rest)).entries()) {
    for (const [m, quarter] of split(half, longerAxis(half)).entries()) {
      if (quarter.length > 0) children.push(build(quarter, `${id}${k * 2 + m}`, opts));
    }
  }
  return { id, items: own, children, geometricError: Math.max(lostSize, 1), region: regionOf(own, children) };
}

/** The axis along which the items' centroids spread furthest, in metres. */
function longerAxis(items: TreeItem[]): 'lon' | 'lat' {
  let w = Infinity,
    e = -Infinity,
    so = Infinity,
    n = -Infinity;
  for (const it of items) {
    if (it.lon < w) w = it.lon;
    if (it.lon > e) e = it.lon;
    if (it.lat < so) so = it.lat;
    if (it.lat > n) n = it.lat;
  }
  const cosLat = Math.cos((((so + n) / 2) * Math.PI) / 180);
  return (e - w) * cosLat >= n - so ? 'lon' : 'lat';
}

/**
 * Splits in two along `key`, keeping the input order within each side: at the widest empty gap
 * between centroids when that gap is a large part of the extent (separate districts stay in
 * separate tiles, so their bounding volumes stay tight), else at the median (balanced tiles).
 */
function split(items: TreeItem[], key: 'lon' | 'lat'): TreeItem[][] {
  if (items.length < 2) return [items];
  const coords = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) coords[i] = items[i][key];
  coords.sort();
  const extent = coords[coords.length - 1] - coords[0];
  let gapAt = -1,
    gap = 0;
  for (let i = 1; i < coords.length; i++) {
    const g = coords[i] - coords[i - 1];
    if (g > gap) {
      gap = g;
      gapAt = i;
    }
  }
  const at = extent > 0 && gap > 0.25 * extent ? gapAt : coords.length >> 1;
  const threshold = coords[at];
  const left: TreeItem[] = [],
    right: TreeItem[] = [];
  for (const it of items) (it[key] < threshold ? left : right).push(it);
  if (left.length === 0 || right.length === 0) {
    // All centroids equal along this axis: split by position in the list instead.
    const mid = items.length >> 1;
    return [items.slice(0, mid), items.slice(mid)];
  }
  return [left, right];
}

function regionOf(items: TreeItem[], children: TileNode[]): TileNode['region'] {
  const r: TileNode['region'] = [Infinity, Infinity, -Infinity, -Infinity, Infinity, -Infinity];
  for (const it of items) {
    r[0] = Math.min(r[0], it.west);
    r[1] = Math.min(r[1], it.south);
    r[2] = Math.max(r[2], it.east);
    r[3] = Math.max(r[3], it.north);
    r[4] = Math.min(r[4], it.minH);
    r[5] = Math.max(r[5], it.maxH);
  }
  for (const c of children) {
    for (const i of [0, 1, 4]) r[i] = Math.min(r[i], c.region[i]);
    for (const i of [2, 3, 5]) r[i] = Math.max(r[i], c.region[i]);
  }
  return r;
}

function enforceDecreasing(node: TileNode, parentError: number): void {
  if (node.children.length === 0) node.geometricError = 0;
  else if (!(node.geometricError < parentError)) node.geometricError = parentError * 0.8;
  for (const c of node.children) enforceDecreasing(c, node.geometricError);
}

export function* walkTree(node: TileNode): Generator<TileNode> {
  yield node;
  for (const c of node.children) yield* walkTree(c);
}
