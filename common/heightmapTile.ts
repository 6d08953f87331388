// Cesium "heightmap-1.0" terrain tiles: addressing and byte layout, as CesiumJS reads them
// (CesiumTerrainProvider: heightmapStructure { heightScale 1/5, heightOffset -1000, elementsPerHeight 1,
// stride 1, elementMultiplier 256, isBigEndian false }; createHeightmapTerrainData reads
// 65 x 65 uint16 heights, then one child-mask byte, then the water mask).
//
// Tiling: EPSG:4326 geographic scheme with 2 x 1 tiles at level 0; "tms" scheme, so y counts from
// the south. Heights: row 0 is the north edge, column 0 the west edge, and edge samples lie exactly
// on the tile border (shared with the neighbour).

export const HEIGHTMAP_SIZE = 65;
const HEIGHTS_BYTES = HEIGHTMAP_SIZE * HEIGHTMAP_SIZE * 2;

/** Child-mask bits as Cesium defines them. */
export const CHILD_SW = 1,
  CHILD_SE = 2,
  CHILD_NW = 4,
  CHILD_NE = 8;

export interface TileAddress {
  z: number;
  x: number;
  /** TMS row: 0 = southernmost. */
  y: number;
}

export function tileBounds({ z, x, y }: TileAddress): { west: number; south: number; east: number; north: number } {
  const size = 180 / 2 ** z; // degrees; x has twice as many tiles over 360 degrees
  return { west: -180 + x * size, south: -90 + y * size, east: -180 + (x + 1) * size, north: -90 + (y + 1) * size };
}

/** Tiles of level z that cover [west, east] x [south, north] (inclusive index ranges). */
export function tileRange(z: number, west: number, south: number, east: number, north: number) {
  const size = 180 / 2 ** z;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const nx = 2 ** (z + 1),
    ny = 2 ** z;
  return {
    startX: clamp(Math.floor((west + 180) / size), nx - 1),
    endX: clamp(Math.floor((east + 180) / size), nx - 1),
    startY: clamp(Math.floor((south + 90) / size), ny - 1),
    endY: clamp(Math.floor((north + 90) / size), ny - 1),
  };
}

/** Encodes heights (metres above the ellipsoid) sampled by `heightAt` at the tile's 65 x 65 posts. */
export function encodeHeightmapTile(address: TileAddress, heightAt: (lon: number, lat: number) => number, childMask: number): Uint8Array {
  const { west, south, east, north } = tileBounds(address);
  const out = new Uint8Array(HEIGHTS_BYTES + 2);
  const dv = new DataView(out.buffer);
  const n = HEIGHTMAP_SIZE - 1;
  for (let row = 0; row < HEIGHTMAP_SIZE; row++) {
    const lat = north - ((north - south) * row) / n;
    for (let col = 0; col < HEIGHTMAP_SIZE; col++) {
      const lon = west + ((east - west) * col) / n;
      const h = heightAt(lon, lat);
      const v = Math.round(((Number.isFinite(h) ? h : 0) + 1000) * 5);
      dv.setUint16((row * HEIGHTMAP_SIZE + col) * 2, Math.min(Math.max(v, 0), 65535), true);
    }
  }
  out[HEIGHTS_BYTES] = childMask;
  out[HEIGHTS_BYTES + 1] = 0; // water mask: a single byte, 0 = all land
  return out;
}

export interface DecodedHeightmap {
  heights: Float64Array;
  childMask: number;
  waterMask: Uint8Array;
}

export function decodeHeightmapTile(bytes: Uint8Array): DecodedHeightmap {
  if (bytes.byteLength < HEIGHTS_BYTES + 1) throw new Error(`heightmap tile too short: ${bytes.byteLength} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const heights = new Float64Array(HEIGHTMAP_SIZE * HEIGHTMAP_SIZE);
  for (let i = 0; i < heights.length; i++) heights[i] = dv.getUint16(i * 2, true) / 5 - 1000;
  return { heights, childMask: bytes[HEIGHTS_BYTES], waterMask: bytes.subarray(HEIGHTS_BYTES + 1) };
}

/** Bilinear height at (lon, lat) inside a decoded tile. */
export function sampleHeightmap(tile: DecodedHeightmap, address: TileAddress, lon: number, lat: number): number {
  const { west, south, east, north } = tileBounds(address);
  const n = HEIGHTMAP_SIZE - 1;
  const fx = ((lon - west) / (east - west)) * n;
  const fy = ((north - lat) / (north - south)) * n;
  const x0 = Math.min(Math.max(Math.floor(fx), 0), n - 1);
  const y0 = Math.min(Math.max(Math.floor(fy), 0), n - 1);
  const tx = fx - x0,
    ty = fy - y0;
  const h = tile.heights,
    w = HEIGHTMAP_SIZE;
  const top = h[y0 * w + x0] * (1 - tx) + h[y0 * w + x0 + 1] * tx;
  const bottom = h[(y0 + 1) * w + x0] * (1 - tx) + h[(y0 + 1) * w + x0 + 1] * tx;
  return top * (1 - ty) + bottom * ty;
}
