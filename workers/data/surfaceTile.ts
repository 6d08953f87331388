// One tile of the city's tiled surface model (SurfaceModelInfo in common/buildFormat.ts) as the
// build writes it and workers/data reads it: the terrain lattice of the tile and the building prisms
// that touch it. The file is this layout compressed with zlib (deflate), read back in every runtime
// with the web's DecompressionStream.
//
// Layout (little-endian), after inflating:
//   0  "VSST"  4 u32 version (1)  8 i32 e  12 i32 n  16 u32 cells per tile edge  20 u32 terrain step (cells)
//   24 u32 prisms  28 u32 rings  32 u32 points  36 u32 0
//   40 f64 x, y per point (EPSG:5186)
//      f32 terrain: (cells / step + 1)^2 orthometric heights, row 0 = north; node (i, j) lies at the
//          centre of the tile's cell (column i * step, row j * step), the last row and column at the
//          first cells of the neighbouring tiles. Stored per row as TIFF's floating-point predictor
//          does (bytes regrouped most significant first, each byte minus the one before): half the
//          size once deflated
//      f32 top per prism (orthometric roof height)
//      u32 end (exclusive) of each prism's rings, then of each ring's points
import type { SurfaceModelInfo } from '../../common/buildFormat.js';
import type { GridFrame } from '../../common/rasterGrid.js';
import type { XY } from '../grid/rasterizeRings.js';

const MAGIC = 0x54535356; // "VSST" read as a little-endian u32
const VERSION = 1;
const HEADER_BYTES = 40;

export type TileKey = readonly [e: number, n: number];

/** "e_n": the tile's name in file names and messages. */
export function tileName([e, n]: TileKey): string {
  return `${e}_${n}`;
}

/** The tile file's path relative to the build root. */
export function tilePath(model: SurfaceModelInfo, key: TileKey): string {
  return `${model.dir}/${tileName(key)}.tile`;
}

/** The cells of a tile. */
export function tileFrame(model: SurfaceModelInfo, [e, n]: TileKey): GridFrame {
  const cells = model.tileSize / model.cellSize;
  return { width: cells, height: cells, cellSize: model.cellSize, originX: e * model.tileSize, originY: (n + 1) * model.tileSize, noData: model.noData };
}

export interface SurfaceTile {
  /** The tile's south-west corner / tileSize (EPSG:5186). */
  e: number;
  n: number;
  /** Cells per tile edge. */
  cells: number;
  /** Terrain lattice spacing in cells. */
  step: number;
  /** (cells / step + 1)^2 lattice heights (see the layout above). */
  terrain: Float32Array;
  /** Building prisms whose footprint box touches the tile: all rings of a prism (even-odd) and its top. */
  prisms: Array<{ rings: XY[][]; top: number }>;
}

/** Lattice nodes per tile edge. */
export function latticeSize(cells: number, step: number): number {
  if (!(Number.isInteger(cells) && Number.isInteger(step) && step > 0 && cells % step === 0))
    throw new Error(`terrain step ${step} does not divide a tile of ${cells} cells`);
  return cells / step + 1;
}

/** The tile's bytes before compression. */
export function encodeSurfaceTile(tile: SurfaceTile): Uint8Array {
  const side = latticeSize(tile.cells, tile.step);
  if (tile.terrain.length !== side * side) throw new Error(`tile ${tile.e}_${tile.n}: ${tile.terrain.length} terrain nodes, expected ${side * side}`);
  let rings = 0,
    points = 0;
  for (const p of tile.prisms)
    for (const r of p.rings) {
      rings++;
      points += r.length;
    }
  const u32s = tile.prisms.length + rings;
  const bytes = new Uint8Array(HEADER_BYTES + points * 16 + (side * side + tile.prisms.length + u32s) * 4);
  const view = new DataView(bytes.buffer);
  [MAGIC, VERSION, tile.e, tile.n, tile.cells, tile.step, tile.prisms.length, rings, points, 0].forEach((v, i) => view.setInt32(i * 4, v, true));
  let at = HEADER_BYTES;
  for (const p of tile.prisms)
    for (const r of p.rings)
      for (const [x, y] of r) {
        view.setFloat64(at, x, true);
        view.setFloat64(at + 8, y, true);
        at += 16;
      }
  bytes.set(predictRows(tile.terrain, side), at);
  at += side * side * 4;
  for (const p of tile.prisms) {
    view.setFloat32(at, p.top, true);
    at += 4;
  }
  let ringEnd = 0,
    pointEnd = 0;
  for (const p of tile.prisms) {
    view.setUint32(at, (ringEnd += p.rings.length), true);
    at += 4;
  }
  for (const p of tile.prisms)
    for (const r of p.rings) {
      view.setUint32(at, (pointEnd += r.length), true);
      at += 4;
    }
  return bytes;
}

/** TIFF predictor 3 (floating point) of rows of `width` values: per row, the bytes most significant first, then differences. */
function predictRows(values: Float32Array, width: number): Uint8Array {
  // Float32Array bytes are little-endian on every platform we run on (x64, arm64, browsers there).
  const src = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(src.length);
  const rowBytes = width * 4;
  for (let row = 0; row < src.length; row += rowBytes) {
    for (let c = 0; c < width; c++) for (let b = 0; b < 4; b++) out[row + (3 - b) * width + c] = src[row + c * 4 + b];
    for (let k = row + rowBytes - 1; k > row; k--) out[k] = (out[k] - out[k - 1]) & 255;
  }
  return out;
}

function unpredictRows(bytes: Uint8Array, width: number): Float32Array {
  const values = new Float32Array(bytes.length / 4);
  const out = new Uint8Array(values.buffer);
  const rowBytes = width * 4;
  const row = new Uint8Array(rowBytes);
  for (let at = 0; at < bytes.length; at += rowBytes) {
    row[0] = bytes[at];
    for (let k = 1; k < rowBytes; k++) row[k] = (row[k - 1] + bytes[at + k]) & 255;
    for (let c = 0; c < width; c++) for (let b = 0; b < 4; b++) out[at + c * 4 + b] = row[(3 - b) * width + c];
  }
  return values;
}

/** A tile from its inflated bytes; `what` names it in errors. */
export function decodeSurfaceTile(bytes: Uint8Array, what = 'surface tile'): SurfaceTile {
  if (bytes.byteLength < HEADER_BYTES) throw new Error(`${what}: ${bytes.byteLength} bytes is too short for a surface tile`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (i: number) => view.getInt32(i * 4, true);
  if (word(0) !== MAGIC) throw new Error(`${what}: not a surface tile`);
  if (word(1) !== VERSION) throw new Error(`${what}: surface tile version ${word(1)}, this app reads version ${VERSION}; rebuild the city`);
  const [e, n, cells, step, prismCount, ringCount, pointCount] = [2, 3, 4, 5, 6, 7, 8].map(word);
  const side = latticeSize(cells, step);
  const expected = HEADER_BYTES + pointCount * 16 + (side * side + prismCount * 2 + ringCount) * 4;
  if (bytes.byteLength !== expected) throw new Error(`${what}: ${bytes.byteLength} bytes, its header says ${expected}`);
  // Copies into aligned arrays (the bytes may sit at any offset of a bigger buffer).
  const copy = (from: number, length: number) => bytes.slice(from, from + length).buffer;
  let at = HEADER_BYTES;
  const xy = new Float64Array(copy(at, pointCount * 16));
  at += pointCount * 16;
  const terrain = unpredictRows(bytes.subarray(at, at + side * side * 4), side);
  at += side * side * 4;
  const tops = new Float32Array(copy(at, prismCount * 4));
  at += prismCount * 4;
  const ringEnds = new Uint32Array(copy(at, prismCount * 4));
  at += prismCount * 4;
  const pointEnds = new Uint32Array(copy(at, ringCount * 4));
  const prisms: SurfaceTile['prisms'] = [];
  let ring = 0,
    point = 0;
  for (let p = 0; p < prismCount; p++) {
    const rings: XY[][] = [];
    for (; ring < ringEnds[p]; ring++) {
      const r: XY[] = [];
      for (; point < pointEnds[ring]; point++) r.push([xy[point * 2], xy[point * 2 + 1]]);
      rings.push(r);
    }
    prisms.push({ rings, top: tops[p] });
  }
  if (ring !== ringCount || point !== pointCount) throw new Error(`${what}: ring or point ends do not match the counts`);
  return { e, n, cells, step, terrain, prisms };
}

/** Reads, inflates and decodes the tile `key` of `model` (the tile must say it is that tile). */
export async function loadSurfaceTile(model: SurfaceModelInfo, key: TileKey, read: (path: string) => Promise<Uint8Array>): Promise<SurfaceTile> {
  const path = tilePath(model, key);
  const tile = decodeSurfaceTile(await inflate(await read(path)), `surface tile ${path}`);
  if (tile.e !== key[0] || tile.n !== key[1] || tile.cells * model.cellSize !== model.tileSize || tile.step !== model.terrainStep)
    throw new Error(`surface tile ${path} holds tile ${tile.e}_${tile.n} of ${tile.cells} cells, step ${tile.step}: not what the manifest says`);
  return tile;
}

/** Inflates zlib (deflate) bytes with the web's DecompressionStream (browsers, web workers, Node). */
export async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  // Files and fetch responses are never shared memory.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
