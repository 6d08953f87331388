// A ground layer drawn into imagery tiles: 256 x 256 palette PNGs in Cesium's geographic tiling
// scheme (EPSG:4326, 2 x 1 tiles at level 0, y counted from the north), levels 0..maxLevel over the
// layer's features. At city scale this costs Cesium a texture lookup per pixel however many
// features there are, where draped GeoJSON (classification volumes) costs every polygon every frame.
//
// Only tiles with something to show are written: a tile that is blank, or (polygons) filled
// throughout, is left out and so are its children, since the parent's pixels over it say the same;
// the list of written tiles (tiles.json) lets the renderer draw the parent there without asking.
// Each tile clips its parent's shapes, so deep tiles handle a few vertices, not the whole Han River.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GroundImageryInfo } from '../../common/buildFormat.js';
import { rgbOf, type GroundStyle } from '../../common/groundStyle.js';
import { rangesOfTiles, type TileRange } from '../../common/tileRanges.js';
import { encodePalettePng } from './png.js';
import { CoverageRaster } from './rasterizeCoverage.js';

export const IMAGERY_TILE_SIZE = 256;
/** Level 16 pixels are ~1.2 m (north-south) by ~0.95 m at Seoul's latitude: street scale. */
export const DEFAULT_IMAGERY_MAX_LEVEL = 16;
const ALPHA_STEPS = 64;

/** Polygons (rings of [lon, lat], outer first) and lines ([lon, lat] lists) of one layer. */
export interface ImageryShapes {
  polygons: number[][][][];
  lines: number[][][];
}

interface TileShapes {
  /** Per polygon: its rings clipped to the tile (flat lon, lat). */
  polygons: Float64Array[][];
  /** Polylines (flat lon, lat) with a segment near the tile. */
  lines: Float64Array[];
}

type Box = [number, number, number, number];

function tileBox(z: number, x: number, y: number): Box {
  const size = 180 / 2 ** z;
  return [-180 + x * size, 90 - (y + 1) * size, -180 + (x + 1) * size, 90 - y * size];
}

/** Sutherland-Hodgman clip of a closed ring (flat lon, lat) to a box; empty when nothing is left. */
function clipRing(ring: Float64Array, [w, s, e, n]: Box): Float64Array {
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
  for (const rings of parent.polygons) {
    const outer = clipRing(rings[0], box);
    if (!outer.length) continue;
    polygons.push([
      outer,
      ...rings
        .slice(1)
        .map((r) => clipRing(r, box))
        .filter((r) => r.length),
    ]);
  }
  const grown: Box = [box[0] - lineMargin, box[1] - lineMargin, box[2] + lineMargin, box[3] + lineMargin];
  return { polygons, lines: parent.lines.flatMap((l) => linePartsIn(l, grown)) };
}

export interface ImageryOptions {
  maxLevel?: number;
}

/** Writes layers/<id>/{z}/{x}/{y}.png and layers/<id>/tiles.json under `outDir`; `dir` is relative to the build root. */
export async function writeGroundImagery(
  outDir: string,
  dir: string,
  shapes: ImageryShapes,
  style: GroundStyle,
  opts: ImageryOptions = {},
): Promise<GroundImageryInfo> {
  const maxLevel = opts.maxLevel ?? DEFAULT_IMAGERY_MAX_LEVEL;
  const size = IMAGERY_TILE_SIZE;
  const fills = !style.outlinePolygons && style.fill !== null;
  const [r, g, b] = rgbOf(fills ? style.fill! : style.line);
  const alpha = fills ? style.fillAlpha : style.lineAlpha;
  const palette = Array.from({ length: ALPHA_STEPS }, (_, i) => [r, g, b, Math.round((255 * alpha * i) / (ALPHA_STEPS - 1))] as const);

  const flat = (ring: number[][]) => Float64Array.from(ring.flatMap((p) => [p[0], p[1]]));
  const root: TileShapes = { polygons: [], lines: shapes.lines.map(flat) };
  for (const poly of shapes.polygons) {
    if (fills) root.polygons.push(poly.map(flat));
    else root.lines.push(...poly.map(flat)); // outlines (rings repeat their first position)
  }

  const written: [number, number][][] = Array.from({ length: maxLevel + 1 }, () => []);
  const dirs = new Set<string>();
  let bytes = 0;
  const raster = new CoverageRaster(size);
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
    // Lines within half a width (plus the anti-aliasing pixel) of the tile still paint its edge pixels.
    const here = shapesIn(parent, box, (style.lineWidth / 2 + 1) * degPerPixel);
    if (!here.polygons.length && !here.lines.length) continue;

    raster.clear();
    const toPixels = (line: Float64Array) => {
      const out = new Float64Array(line.length);
      for (let k = 0; k < line.length; k += 2) {
        out[k] = (line[k] - box[0]) / degPerPixel;
        out[k + 1] = (box[3] - line[k + 1]) / degPerPixel;
      }
      return out;
    };
    raster.fillPolygons(here.polygons.map((rings) => rings.map(toPixels)));
    for (const line of here.lines) raster.strokeLine(toPixels(line), style.lineWidth);

    // Rows the shapes did not reach are blank.
    const coverage = raster.values;
    const from = raster.lastRow < 0 ? 0 : raster.firstRow * size,
      to = (raster.lastRow + 1) * size;
    indices.fill(0);
    let min = from > 0 || to < indices.length ? 0 : ALPHA_STEPS,
      max = -1;
    for (let i = from; i < to; i++) {
      const v = (coverage[i] * (ALPHA_STEPS - 1) + 0.5) | 0;
      indices[i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max < min) max = min;
    const uniform = min === max;
    // A polygon filling the whole tile fills its children too; lines get thinner (in degrees) deeper down.
    if (uniform && min === ALPHA_STEPS - 1 && !here.lines.length) continue;
    if (!uniform) {
      const tileDir = path.join(outDir, dir, String(z), String(x));
      if (!dirs.has(tileDir)) {
        await mkdir(tileDir, { recursive: true });
        dirs.add(tileDir);
      }
      const png = encodePalettePng(size, size, indices, palette);
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
