// Shapes drawn into imagery tiles: 256 x 256 palette PNGs in Cesium's geographic tiling scheme
// (EPSG:4326, 2 x 1 tiles at level 0, y counted from the north), levels 0..maxLevel over the shapes.
// At city scale this costs Cesium a texture lookup per pixel however many features there are, where
// draped GeoJSON (classification volumes) or sub-pixel 3D buildings cost every feature every frame.
// What a tile looks like is up to a TilePainter (one colour for a ground layer, writeGroundImagery.ts;
// height classes for the building overview, writeBuildingOverview.ts).
//
// Only tiles with something to show are written: a tile that is blank, or one palette index
// throughout, is left out (and, when the painter says nothing below differs, so are its children),
// since the parent's pixels over it say the same; the list of written tiles (tiles.json) lets the
// renderer draw the parent there without asking. Each tile clips its parent's shapes, so deep tiles
// handle a few vertices, not the whole Han River.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GroundImageryInfo } from '../../common/buildFormat.js';
import { rangesOfTiles, type TileRange } from '../../common/tileRanges.js';
import { encodePalettePng } from './png.js';

export const IMAGERY_TILE_SIZE = 256;

/** Polygons (rings of [lon, lat], outer first) and lines ([lon, lat] lists) of one layer. */
export interface ImageryShapes {
  polygons: number[][][][];
  lines: number[][][];
  /** Per polygon: the class a painter colours it by (absent: class 0 for all). */
  polygonClasses?: ArrayLike<number>;
}

/** Shapes of one tile in lon, lat (clipped to it): what a painter draws. */
export interface TileShapes {
  /** Per polygon: its rings clipped to the tile (flat lon, lat). */
  polygons: Float64Array[][];
  /** Per polygon: its class. */
  classes: number[];
  /** Per polygon: the box of its outer ring, [west, south, east, north] one after another. */
  boxes: number[];
  /** Polylines (flat lon, lat) with a segment near the tile. */
  lines: Float64Array[];
}

/** A tile's pixels: x = (lon - west) / degPerPixel to the right, y = (north - lat) / degPerPixel down; pixel (i, j) spans [i, i+1) x [j, j+1). */
export interface TileGrid {
  west: number;
  north: number;
  degPerPixel: number;
}

/** A ring or line (flat lon, lat) in the tile's pixels. */
export function toPixels(line: Float64Array, grid: TileGrid): Float64Array {
  const out = new Float64Array(line.length);
  for (let k = 0; k < line.length; k += 2) {
    out[k] = (line[k] - grid.west) / grid.degPerPixel;
    out[k + 1] = (grid.north - line[k + 1]) / grid.degPerPixel;
  }
  return out;
}

/** A painted tile: 'mixed' is written; 'uniform' (one index throughout) is left out and its children still drawn; 'final' is left out with its children, which would say the same. */
export type PaintedTile = 'mixed' | 'uniform' | 'final';

export type Rgba = readonly [number, number, number, number];

export interface TilePainter {
  /** Palette of the PNGs, [r, g, b, a] 0-255; index 0 is what blank pixels get. */
  palette: readonly Rgba[];
  /** Pixels beyond a line that the painter still touches: lines that near still paint a tile's edge pixels. */
  lineReach: number;
  /** Paints the tile's shapes into `indices` (zeroed before the call). */
  paint(shapes: TileShapes, grid: TileGrid, indices: Uint8Array): PaintedTile;
}

type Box = [number, number, number, number];

function tileBox(z: number, x: number, y: number): Box {
  const size = 180 / 2 ** z;
  return [-180 + x * size, 90 - (y + 1) * size, -180 + (x + 1) * size, 90 - y * size];
}

/** [west, south, east, north] of a ring (flat lon, lat). */
function ringBox(ring: Float64Array): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < ring.length; k += 2) {
    const x = ring[k],
      y = ring[k + 1];
    if (x < box[0]) box[0] = x;
    if (x > box[2]) box[2] = x;
    if (y < box[1]) box[1] = y;
    if (y > box[3]) box[3] = y;
  }
  return box;
}

const inBox = (b: Box, [w, s, e, n]: Box) => b[0] >= w && b[2] <= e && b[1] >= s && b[3] <= n;
const outsideBox = (b: Box, [w, s, e, n]: Box) => b[2] < w || b[0] > e || b[3] < s || b[1] > n;

/** Sutherland-Hodgman clip of a closed ring (flat lon, lat) to a box; empty when nothing is left. */
function clipRing(ring: Float64Array, [w, s, e, n]: Box, ringBounds = ringBox(ring)): Float64Array {
  if (ring.length < 6) return new Float64Array(0);
  // Most rings lie wholly inside or outside a tile (buildings nearly always): no clipping then.
  if (inBox(ringBounds, [w, s, e, n])) return ring;
  if (outsideBox(ringBounds, [w, s, e, n])) return new Float64Array(0);
  let pts = ring;
  const edges: [number, number, boolean][] = [
    [0, w, true],
    [0, e, false],
    [1, s, true],
    [1, n, false],
  ];
  for (const [axis, bound, keepAbove] of edges) {
    const count = pts.length / 2;
    if (!count) break;
    const out: number[] = [];
    const inside = (i: number) => (keepAbove ? pts[2 * i + axis] >= bound : pts[2 * i + axis] <= bound);
    for (let i = 0; i < count; i++) {
      const j = (i + count - 1) % count;
      const cur = inside(i),
        prev = inside(j);
      if (cur !== prev) {
        const t = (bound - pts[2 * j + axis]) / (pts[2 * i + axis] - pts[2 * j + axis]);
        out.push(pts[2 * j] + t * (pts[2 * i] - pts[2 * j]), pts[2 * j + 1] + t * (pts[2 * i + 1] - pts[2 * j + 1]));
      }
      if (cur) out.push(pts[2 * i], pts[2 * i + 1]);
    }
    pts = Float64Array.from(out);
  }
  return pts.length >= 6 ? pts : new Float64Array(0);
}

/** The runs of consecutive segments of a polyline (flat lon, lat) that come near a box. */
function linePartsIn(line: Float64Array, [w, s, e, n]: Box): Float64Array[] {
  const parts: Float64Array[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0) parts.push(line.slice(start, end + 2));
    start = -1;
  };
  for (let k = 0; k + 3 < line.length; k += 2) {
    const near =
      Math.max(line[k], line[k + 2]) >= w &&
      Math.min(line[k], line[k + 2]) <= e &&
      Math.max(line[k + 1], line[k + 3]) >= s &&
      Math.min(line[k + 1], line[k + 3]) <= n;
    if (near && start < 0) start = k;
    if (!near) close(k);
  }
  close(line.length - 2);
  return parts;
}

function shapesIn(parent: TileShapes, box: Box, lineMargin: number): TileShapes {
  const polygons: Float64Array[][] = [];
  const classes: number[] = [];
  const boxes: number[] = [];
  const [w, s, e, n] = box;
  const from = parent.boxes;
  for (let p = 0; p < parent.polygons.length; p++) {
    const pw = from[4 * p],
      ps = from[4 * p + 1],
      pe = from[4 * p + 2],
      pn = from[4 * p + 3];
    if (pe < w || pw > e || pn < s || ps > n) continue;
    const rings = parent.polygons[p];
    if (pw >= w && pe <= e && ps >= s && pn <= n) {
      polygons.push(rings);
      boxes.push(pw, ps, pe, pn);
    } else {
      const outer = clipRing(rings[0], box, [pw, ps, pe, pn]);
      if (!outer.length) continue;
      polygons.push([
        outer,
        ...rings
          .slice(1)
          .map((r) => clipRing(r, box))
          .filter((r) => r.length),
      ]);
      boxes.push(...ringBox(outer));
    }
    classes.push(parent.classes[p]);
  }
  const grown: Box = [box[0] - lineMargin, box[1] - lineMargin, box[2] + lineMargin, box[3] + lineMargin];
  return { polygons, classes, boxes, lines: parent.lines.flatMap((l) => linePartsIn(l, grown)) };
}

/** Writes <dir>/{z}/{x}/{y}.png and <dir>/tiles.json under `outDir`, levels 0..maxLevel; `dir` is relative to the build root. */
export async function writeImageryTiles(
  outDir: string,
  dir: string,
  shapes: ImageryShapes,
  painter: TilePainter,
  maxLevel: number,
): Promise<GroundImageryInfo> {
  const size = IMAGERY_TILE_SIZE;
  const flat = (ring: number[][]) => {
    const out = new Float64Array(2 * ring.length);
    ring.forEach((p, k) => {
      out[2 * k] = p[0];
      out[2 * k + 1] = p[1];
    });
    return out;
  };
  const root: TileShapes = { polygons: [], classes: [], boxes: [], lines: shapes.lines.map(flat) };
  shapes.polygons.forEach((rings, i) => {
    // A polygon needs an outer ring of three points (clipping would drop it at level 0 otherwise).
    if (!rings[0] || rings[0].length < 3) return;
    const flatRings = rings.map(flat).filter((r, k) => k === 0 || r.length >= 6);
    root.polygons.push(flatRings);
    root.classes.push(shapes.polygonClasses?.[i] ?? 0);
    root.boxes.push(...ringBox(flatRings[0]));
  });

  const written: [number, number][][] = Array.from({ length: maxLevel + 1 }, () => []);
  const dirs = new Set<string>();
  let bytes = 0;
  const indices = new Uint8Array(size * size);
  // Tiles are written a batch at a time: one file after another waits on the disk for most of the time.
  let writes: Promise<void>[] = [];
  const stack: { z: number; x: number; y: number; shapes: TileShapes }[] = [
    { z: 0, x: 0, y: 0, shapes: root },
    { z: 0, x: 1, y: 0, shapes: root },
  ];
  while (stack.length) {
    const { z, x, y, shapes: parent } = stack.pop()!;
    const box = tileBox(z, x, y);
    const degPerPixel = (box[2] - box[0]) / size;
    const here = shapesIn(parent, box, painter.lineReach * degPerPixel);
    if (!here.polygons.length && !here.lines.length) continue;

    indices.fill(0);
    const painted = painter.paint(here, { west: box[0], north: box[3], degPerPixel }, indices);
    if (painted === 'final') continue;
    if (painted === 'mixed') {
      const tileDir = path.join(outDir, dir, String(z), String(x));
      if (!dirs.has(tileDir)) {
        await mkdir(tileDir, { recursive: true });
        dirs.add(tileDir);
      }
      const png = encodePalettePng(size, size, indices, painter.palette);
      writes.push(writeFile(path.join(tileDir, `${y}.png`), png));
      if (writes.length >= 64) {
        await Promise.all(writes);
        writes = [];
      }
      bytes += png.byteLength;
      written[z].push([x, y]);
    }
    if (z < maxLevel) {
      for (const [cx, cy] of [
        [2 * x, 2 * y],
        [2 * x + 1, 2 * y],
        [2 * x, 2 * y + 1],
        [2 * x + 1, 2 * y + 1],
      ])
        stack.push({ z: z + 1, x: cx, y: cy, shapes: here });
    }
  }

  await Promise.all(writes);
  const available: TileRange[][] = written.map((tiles) => rangesOfTiles(tiles));
  const availablePath = `${dir}/tiles.json`;
  await mkdir(path.join(outDir, dir), { recursive: true });
  await writeFile(path.join(outDir, availablePath), JSON.stringify({ tileSize: size, scheme: 'geographic', available }));
  return {
    tiles: `${dir}/{z}/{x}/{y}.png`,
    availablePath,
    maxLevel,
    tileCount: written.reduce((n, t) => n + t.length, 0),
    bytes,
  };
}
