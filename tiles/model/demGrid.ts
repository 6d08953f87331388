// A DEM in its own CRS (tiles/readers/demFile.ts) as an ElevationGrid of lon/lat nodes, the form
// the elevation model samples quickly everywhere (terrain tiles, building bases, the surface model).
//
// A WGS84 lon/lat raster is taken node for node. Any other CRS is resampled once, the way gdalwarp
// does it: the lon/lat grid is the largest rectangle inside the raster's footprint, its spacing the
// raster's own pixel size, and each node's height is the bilinear value of the source raster at
// the node's projected position (proj4, exact on a lattice every 16 nodes and interpolated between,
// like GDAL's approximate transformer; the projection bends by far less than a millimetre there).
import proj4 from 'proj4';
import { CRS_DEFS } from '../../common/crs.js';
import type { SourceDem } from '../readers/demFile.js';
import type { ElevationGrid } from './cityModel.js';

const LATTICE = 16;

/**
 * Bilinear value at fractional node (fx, fy) of a row-major grid. Corners without data (NaN) are
 * left out and the others re-weighted, as GDAL's bilinear resampling does; NaN when all four lack
 * data or (fx, fy) lies outside the nodes.
 */
export function bilinearAt(values: Float32Array, columns: number, rows: number, fx: number, fy: number): number {
  if (!(fx >= 0 && fy >= 0 && fx <= columns - 1 && fy <= rows - 1)) return NaN;
  const x0 = Math.min(Math.floor(fx), columns - 2);
  const y0 = Math.min(Math.floor(fy), rows - 2);
  const tx = fx - x0,
    ty = fy - y0;
  const i = y0 * columns + x0;
  const a = values[i],
    b = values[i + 1],
    c = values[i + columns],
    d = values[i + columns + 1];
  const wa = (1 - tx) * (1 - ty),
    wb = tx * (1 - ty),
    wc = (1 - tx) * ty,
    wd = tx * ty;
  if (a === a && b === b && c === c && d === d) return a * wa + b * wb + c * wc + d * wd;
  let sum = 0,
    weight = 0;
  for (const [v, w] of [
    [a, wa],
    [b, wb],
    [c, wc],
    [d, wd],
  ]) {
    if (v === v && w > 0) {
      sum += v * w;
      weight += w;
    }
  }
  return weight > 0 ? sum / weight : NaN;
}

export function demToElevationGrid(dem: SourceDem, name: string, source: string): ElevationGrid {
  if (!(dem.dx > 0) || dem.dy === 0) throw new Error('the raster runs east to west or has no pixel size');
  return trimNoDataEdges(dem.crs === 'EPSG:4326' ? lonLatGrid(dem, name, source) : resampled(dem, name, source));
}

/**
 * Drops edge rows and columns holding "no data" (the corners a reprojected raster fills with it),
 * so the grid's rectangle is data throughout and the model's eased edge starts at real heights.
 * Stops at half the rows or columns: larger gaps (a sea) stay, and read as the assumed ground.
 */
export function trimNoDataEdges(g: ElevationGrid): ElevationGrid {
  const { columns, values } = g;
  let top = 0,
    bottom = g.rows - 1,
    left = 0,
    right = columns - 1;
  const gapsInRow = (r: number) => {
    let n = 0;
    for (let c = left; c <= right; c++) if (Number.isNaN(values[r * columns + c])) n++;
    return n / (right - left + 1);
  };
  const gapsInColumn = (c: number) => {
    let n = 0;
    for (let r = top; r <= bottom; r++) if (Number.isNaN(values[r * columns + c])) n++;
    return n / (bottom - top + 1);
  };
  while (bottom - top + 1 > Math.max(2, g.rows / 2) && right - left + 1 > Math.max(2, columns / 2)) {
    const edges = [gapsInRow(top), gapsInRow(bottom), gapsInColumn(left), gapsInColumn(right)];
    const worst = edges.indexOf(Math.max(...edges));
    if (edges[worst] === 0) break;
    if (worst === 0) top++;
    else if (worst === 1) bottom--;
    else if (worst === 2) left++;
    else right--;
  }
  if (top === 0 && left === 0 && bottom === g.rows - 1 && right === columns - 1) return g;
  const rows = bottom - top + 1,
    cols = right - left + 1;
  const trimmed = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) trimmed.set(values.subarray((top + r) * columns + left, (top + r) * columns + right + 1), r * cols);
  const dLon = (g.east - g.west) / (columns - 1),
    dLat = (g.north - g.south) / (g.rows - 1);
  return {
    ...g,
    west: g.west + left * dLon,
    east: g.west + right * dLon,
    north: g.north - top * dLat,
    south: g.north - bottom * dLat,
    rows,
    columns: cols,
    values: trimmed,
  };
}

/** Rows north first, as ElevationGrid has them. */
function lonLatGrid(dem: SourceDem, name: string, source: string): ElevationGrid {
  const { width, height, values } = dem;
  const northUp = dem.dy < 0;
  const north = northUp ? dem.y0 : dem.y0 + (height - 1) * dem.dy;
  let rows = values;
  if (!northUp) {
    rows = new Float32Array(values.length);
    for (let j = 0; j < height; j++) rows.set(values.subarray(j * width, (j + 1) * width), (height - 1 - j) * width);
  }
  return {
    name,
    source,
    west: dem.x0,
    east: dem.x0 + (width - 1) * dem.dx,
    north,
    south: north - (height - 1) * Math.abs(dem.dy),
    rows: height,
    columns: width,
    values: rows,
    verticalDatum: 'EGM96',
  };
}

function resampled(dem: SourceDem, name: string, source: string): ElevationGrid {
  const { width, height } = dem;
  const transform = proj4(dem.crs in CRS_DEFS ? CRS_DEFS[dem.crs] : dem.crs, 'EPSG:4326');
  const toLonLat = (i: number, j: number) => transform.forward([dem.x0 + i * dem.dx, dem.y0 + j * dem.dy]);
  // The footprint's edges in lon/lat; the largest lon/lat rectangle inside them.
  const steps = (n: number) => Array.from({ length: Math.min(n, 65) }, (_, k) => Math.round((k * (n - 1)) / Math.min(n - 1, 64)));
  const topRow = dem.dy < 0 ? 0 : height - 1;
  const bottomRow = height - 1 - topRow;
  const west = Math.max(...steps(height).map((j) => toLonLat(0, j)[0]));
  const east = Math.min(...steps(height).map((j) => toLonLat(width - 1, j)[0]));
  const north = Math.min(...steps(width).map((i) => toLonLat(i, topRow)[1]));
  const south = Math.max(...steps(width).map((i) => toLonLat(i, bottomRow)[1]));
  if (!(east > west && north > south)) throw new Error('the raster covers no area once placed on lon/lat');

  // Node spacing: one source pixel, measured at the raster's middle.
  const mi = Math.floor((width - 1) / 2),
    mj = Math.floor((height - 1) / 2);
  const [lonA, latA] = toLonLat(mi, mj);
  const stepLon = Math.abs(toLonLat(mi + 1, mj)[0] - lonA);
  const stepLat = Math.abs(toLonLat(mi, mj + 1)[1] - latA);
  const columns = Math.max(2, Math.round((east - west) / stepLon) + 1);
  const rows = Math.max(2, Math.round((north - south) / stepLat) + 1);
  const dLon = (east - west) / (columns - 1),
    dLat = (north - south) / (rows - 1);

  // Source pixel positions of the target nodes: exact on the lattice, bilinear in between.
  const latticeCols = Math.ceil((columns - 1) / LATTICE) + 1;
  const latticeRows = Math.ceil((rows - 1) / LATTICE) + 1;
  const lattice = new Float64Array(latticeCols * latticeRows * 2);
  for (let r = 0; r < latticeRows; r++) {
    const lat = north - Math.min(r * LATTICE, rows - 1) * dLat;
    for (let c = 0; c < latticeCols; c++) {
      const lon = west + Math.min(c * LATTICE, columns - 1) * dLon;
      const [x, y] = transform.inverse([lon, lat]);
      lattice[(r * latticeCols + c) * 2] = (x - dem.x0) / dem.dx;
      lattice[(r * latticeCols + c) * 2 + 1] = (y - dem.y0) / dem.dy;
    }
  }
  const values = new Float32Array(columns * rows);
  const along = new Float64Array(latticeCols * 2); // the lattice interpolated to the current row
  for (let row = 0; row < rows; row++) {
    const r0 = Math.min(Math.floor(row / LATTICE), latticeRows - 2);
    const ty = (row - r0 * LATTICE) / (Math.min((r0 + 1) * LATTICE, rows - 1) - r0 * LATTICE);
    for (let k = 0; k < latticeCols * 2; k++) along[k] = lattice[r0 * latticeCols * 2 + k] * (1 - ty) + lattice[(r0 + 1) * latticeCols * 2 + k] * ty;
    for (let col = 0; col < columns; col++) {
      const c0 = Math.min(Math.floor(col / LATTICE), latticeCols - 2);
      const tx = (col - c0 * LATTICE) / (Math.min((c0 + 1) * LATTICE, columns - 1) - c0 * LATTICE);
      const fx = along[c0 * 2] * (1 - tx) + along[c0 * 2 + 2] * tx;
      const fy = along[c0 * 2 + 1] * (1 - tx) + along[c0 * 2 + 3] * tx;
      // The rectangle's edges lie on the footprint's: rounding must not push them outside.
      values[row * columns + col] = bilinearAt(dem.values, width, height, Math.min(Math.max(fx, 0), width - 1), Math.min(Math.max(fy, 0), height - 1));
    }
  }
  return { name, source, west, south, east, north, rows, columns, values, verticalDatum: 'EGM96' };
}
