// Resamples an EPSG:5186 RasterGrid into an RGBA image aligned with longitude/latitude, which is
// what Cesium drapes (a SingleTileImageryProvider over a geographic Rectangle). DOM-free, so it is
// unit-tested in Node. Nearest-cell sampling: analysis cells stay crisp, values are never blended.
//
// Projecting every pixel through proj4 costs ~1 µs each; like tiles/raster/writeDsm.ts we project
// an exact lattice every LATTICE pixels and interpolate in between (Transverse Mercator is smooth:
// far below a centimetre over 32 pixels at city scale).
import { fromWgs84, toWgs84 } from '../../../common/crs.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { ColourRampSpec } from '../../../common/analyses/analysisSpec.js';
import { rampColour } from '../../../common/analyses/colourRamps.js';

const LATTICE = 32;

export interface LonLatImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** Degrees: the image spans exactly this rectangle. */
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Lon/lat bounding box of the grid (edges sampled, so the curved TM edges are enclosed). */
export function gridLonLatBounds(grid: Pick<RasterGrid, 'originX' | 'originY' | 'width' | 'height' | 'cellSize'>): LonLatBox {
  const x0 = grid.originX,
    y0 = grid.originY;
  const x1 = x0 + grid.width * grid.cellSize,
    y1 = y0 - grid.height * grid.cellSize;
  let west = Infinity,
    south = Infinity,
    east = -Infinity,
    north = -Infinity;
  const n = 16;
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    for (const [x, y] of [
      [x0 + (x1 - x0) * f, y0],
      [x0 + (x1 - x0) * f, y1],
      [x0, y0 + (y1 - y0) * f],
      [x1, y0 + (y1 - y0) * f],
    ]) {
      const [lon, lat] = toWgs84('EPSG:5186', x, y);
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return { west, south, east, north };
}

/** A lon/lat rectangle in degrees. */
export interface LonLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * An RGBA image of `width` x `height` pixels spanning `box`, each pixel coloured by `ramp` from the
 * value `sample` gives at the pixel centre's EPSG:5186 position (null: transparent).
 */
export function paintLonLat(
  box: LonLatBox,
  width: number,
  height: number,
  ramp: ColourRampSpec,
  sample: (x: number, y: number) => number | null,
): Uint8ClampedArray {
  const { west, north } = box;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const alpha = ramp.alpha ?? 190;
  const lw = Math.ceil(width / LATTICE) + 1;
  const lh = Math.ceil(height / LATTICE) + 1;
  const lx = new Float64Array(lw * lh);
  const ly = new Float64Array(lw * lh);
  const dLon = (box.east - west) / width,
    dLat = (north - box.south) / height;
  for (let j = 0; j < lh; j++) {
    for (let i = 0; i < lw; i++) {
      const [x, y] = fromWgs84('EPSG:5186', west + (i * LATTICE + 0.5) * dLon, north - (j * LATTICE + 0.5) * dLat);
      lx[j * lw + i] = x;
      ly[j * lw + i] = y;
    }
  }
  for (let row = 0; row < height; row++) {
    const j = Math.floor(row / LATTICE),
      ty = (row - j * LATTICE) / LATTICE;
    for (let col = 0; col < width; col++) {
      const i = Math.floor(col / LATTICE),
        tx = (col - i * LATTICE) / LATTICE;
      const k = j * lw + i;
      const x = (lx[k] * (1 - tx) + lx[k + 1] * tx) * (1 - ty) + (lx[k + lw] * (1 - tx) + lx[k + lw + 1] * tx) * ty;
      const y = (ly[k] * (1 - tx) + ly[k + 1] * tx) * (1 - ty) + (ly[k + lw] * (1 - tx) + ly[k + lw + 1] * tx) * ty;
      const v = sample(x, y);
      if (v === null) continue;
      const [cr, cg, cb] = rampColour(ramp, v);
      const p = (row * width + col) * 4;
      rgba[p] = cr;
      rgba[p + 1] = cg;
      rgba[p + 2] = cb;
      rgba[p + 3] = alpha;
    }
  }
  return rgba;
}

/** The grid's value at an EPSG:5186 position, or null outside it / on no-data and NaN. */
export function gridValueAt5186(grid: RasterGrid, x: number, y: number): number | null {
  const c = Math.floor((x - grid.originX) / grid.cellSize);
  const r = Math.floor((grid.originY - y) / grid.cellSize);
  if (c < 0 || r < 0 || c >= grid.width || r >= grid.height) return null;
  const v = grid.values[r * grid.width + c];
  return v === grid.noData || Number.isNaN(v) ? null : v;
}

/**
 * The grid coloured by `ramp` on a lon/lat-aligned image of about the grid's own resolution
 * (longest side capped at `maxSize`). NoData and NaN cells, and pixels outside the grid, are
 * transparent.
 */
export function reprojectToLonLat(grid: RasterGrid, ramp: ColourRampSpec, maxSize = 2048): LonLatImage {
  const box = gridLonLatBounds(grid);
  const scale = Math.min(1, maxSize / Math.max(grid.width, grid.height));
  const width = Math.max(1, Math.round(grid.width * scale));
  const height = Math.max(1, Math.round(grid.height * scale));
  return { rgba: paintLonLat(box, width, height, ramp, (x, y) => gridValueAt5186(grid, x, y)), width, height, ...box };
}

/** The grid's value at a longitude/latitude, or null outside it / on noData. */
export function gridValueAt(grid: RasterGrid, lon: number, lat: number): number | null {
  const [x, y] = fromWgs84('EPSG:5186', lon, lat);
  return gridValueAt5186(grid, x, y);
}
