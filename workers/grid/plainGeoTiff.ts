// Reads back the plain GeoTIFFs our writer makes (gridToGeoTiff: one band of Float32, uncompressed
// strips, EPSG:5186 tags) without geotiff.js's reader, whose decoders would add ~0.6 MB to the
// renderer bundle (a batch run's tiles are drawn in the page). Anything else — compression, tiles,
// other sample types — is refused with the reason; geoTiffToGrid (rasterGeoTiff.ts) reads those.
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  stripOffsets: 273,
  samplesPerPixel: 277,
  stripByteCounts: 279,
  sampleFormat: 339,
  pixelScale: 33550,
  tiepoint: 33922,
  gdalNoData: 42113,
} as const;

const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 11: 4, 12: 8, 16: 8 };

export function readPlainGeoTiff(bytes: ArrayBuffer, what = 'GeoTIFF'): RasterGrid {
  const dv = new DataView(bytes);
  const order = dv.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) throw new Error(`${what}: not a TIFF`);
  const le = order === 0x4949;
  if (dv.getUint16(2, le) !== 42) throw new Error(`${what}: not a classic TIFF`);
  const ifd = dv.getUint32(4, le);
  const tags = new Map<number, number[] | string>();
  for (let i = 0, n = dv.getUint16(ifd, le); i < n; i++) {
    const e = ifd + 2 + i * 12;
    const [tag, type, count] = [dv.getUint16(e, le), dv.getUint16(e + 2, le), dv.getUint32(e + 4, le)];
    const size = TYPE_BYTES[type];
    if (!size) continue;
    const at = size * count <= 4 ? e + 8 : dv.getUint32(e + 8, le);
    if (type === 2) {
      tags.set(tag, String.fromCharCode(...new Uint8Array(bytes, at, count)).replace(/\0+$/, ''));
      continue;
    }
    const read = (k: number) => {
      const p = at + k * size;
      if (type === 3) return dv.getUint16(p, le);
      if (type === 4 || type === 16) return dv.getUint32(p, le);
      if (type === 11) return dv.getFloat32(p, le);
      if (type === 12) return dv.getFloat64(p, le);
      return dv.getUint8(p);
    };
    tags.set(
      tag,
      Array.from({ length: count }, (_, k) => read(k)),
    );
  }
  const num = (tag: number, fallback?: number): number => {
    const v = tags.get(tag);
    if (Array.isArray(v)) return v[0];
    if (fallback !== undefined) return fallback;
    throw new Error(`${what}: tag ${tag} missing`);
  };
  if (num(TAG.compression, 1) !== 1) throw new Error(`${what}: compressed (not a plain GeoTIFF)`);
  if (num(TAG.samplesPerPixel, 1) !== 1 || num(TAG.bitsPerSample) !== 32 || num(TAG.sampleFormat, 1) !== 3) throw new Error(`${what}: not one band of Float32`);
  const offsets = tags.get(TAG.stripOffsets);
  const counts = tags.get(TAG.stripByteCounts);
  if (!Array.isArray(offsets) || !Array.isArray(counts)) throw new Error(`${what}: not stripped`);
  const width = num(TAG.width);
  const height = num(TAG.height);
  const values = new Float32Array(width * height);
  let k = 0;
  for (let s = 0; s < offsets.length; s++)
    for (let p = offsets[s], end = offsets[s] + counts[s]; p < end && k < values.length; p += 4) values[k++] = dv.getFloat32(p, le);
  const scale = tags.get(TAG.pixelScale);
  const tie = tags.get(TAG.tiepoint);
  if (!Array.isArray(scale) || !Array.isArray(tie)) throw new Error(`${what}: no georeference`);
  const noData = tags.get(TAG.gdalNoData);
  const grid: RasterGrid = {
    values,
    width,
    height,
    cellSize: scale[0],
    originX: tie[3] - tie[0] * scale[0],
    originY: tie[4] + tie[1] * scale[1],
    noData: typeof noData === 'string' && noData !== '' ? Number(noData) : -9999,
  };
  assertGrid(grid, what);
  return grid;
}
