// Viewshed over a surface-model raster (the city build's DSM, proposals burnt in by the planning
// helper) from one observer, to a radius.
//
// INPUT  (ViewshedInput)
//   dsm       RasterGrid (EPSG:5186, row 0 = north, orthometric metres; noData cells carry no data)
//   observer  { x, y } in EPSG:5186 and EITHER heightAboveSurface (metres above the DSM cell the
//             point falls in, e.g. 1.5 for a person on the ground) OR absoluteHeight (orthometric
//             metres, e.g. a floor's eye height or a rooftop)
//   targetHeight  metres above the surface of each target cell (default 0: "can I see the ground")
//   radius    metres; 0 = the whole raster (like gdal_viewshed -md 0)
//   curvatureCoeff  heights drop by coeff * d^2 / sphereDiameter (default 0.85714, gdal_viewshed's
//             default: earth curvature less standard refraction; 0 = flat earth)
//   sphereDiameter  default 2 * 6378137 m (GRS80 major axis; GDAL takes it from the raster's CRS)
//   mode      'edge' (default), 'diagonal', 'min', 'max': GDAL's GDALViewshedMode, how the sight
//             plane is interpolated (the gdal_viewshed program always uses 'edge')
//   output    'visibility' (default) or 'minTargetHeight': per cell the least height above the
//             surface a target there needs to be seen (0 = seen as it is; gdal_viewshed -om GROUND;
//             targetHeight is then ignored) — e.g. how tall a proposal must be to show from here.
//             (GDAL's -om DEM, the same plus the cell's height, is not offered; -vv/-iv/-ov are
//             fixed at 1 / 0 / VIEWSHED_NODATA.)
//   rows      optional [start, end) of dsm rows: compute only that band (to split the work; the
//             cheap split is at the observer's row: north and south halves are independent)
// OUTPUT (ViewshedResult): `visibility`, a RasterGrid over the window of the DSM within the radius
//   (the same cells as gdal_viewshed's output; only the `rows` band of it when rows is given),
//   values 1 = visible, 0 = not visible, VIEWSHED_NODATA (-1) = out of range or no surface data;
//   plus the observer's cell and eye height. viewshedStats() counts visible cells.
//   Splittable by workers/pool (row bands of the DSM; bands outside the window come back empty).
//
// ALGORITHM: the same line-of-sight model as GDAL's gdal_viewshed (GDAL 3.x viewshed.cpp, after
// Wang, Robinson & White 2000, "Generating viewsheds without using sightlines", PE&RS 66(1)):
// rows are swept outwards from the observer's row; every cell carries a "horizon height" = the
// larger of its own (curvature-corrected) height and the height the sight plane through its
// already-swept neighbours towards the observer would have there. A cell is visible when its
// height + targetHeight reaches that plane. It is an approximation of true line of sight
// (the sight plane is interpolated between two neighbours instead of tracing a line through every
// cell), chosen because it is O(cells), single pass, and lets us be checked cell by cell
// against gdal_viewshed. Conventions shared with GDAL 3.6 so that the two agree: the observer's
// cell is the cell containing (x, y); the observer's own cell height is not curvature-corrected;
// the cells beside it on its row are always visible. Where we differ on purpose (at most 6
// cells): the cells just north and south of the observer (and diagonal) are also always visible,
// where GDAL compares them with the observer's ground cell and hides them on any downslope.
// Input cells without data are reported as no data (GDAL reports them as hidden or visible).
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';
import { EngineRun, type EngineControl } from '../engineControl.js';

export const VIEWSHED_NODATA = -1;
/** gdal_viewshed's default -cc: curvature with standard atmospheric refraction (1 - 1/7). */
export const DEFAULT_CURVATURE_COEFF = 0.85714;
/** GRS80 / WGS84 major axis x 2: GDAL uses the raster CRS's semi-major axis (EPSG:5186 = GRS80). */
export const GRS80_DIAMETER = 2 * 6378137;

export type ViewshedMode = 'edge' | 'diagonal' | 'min' | 'max';

export interface ViewshedInput {
  dsm: RasterGrid;
  observer: { x: number; y: number; heightAboveSurface?: number; absoluteHeight?: number };
  targetHeight?: number;
  radius: number;
  curvatureCoeff?: number;
  sphereDiameter?: number;
  mode?: ViewshedMode;
  output?: 'visibility' | 'minTargetHeight';
  rows?: [number, number];
}

export interface ViewshedResult {
  /** 1 visible / 0 not / VIEWSHED_NODATA, over the window (a sub-grid of the DSM); with output
   *  'minTargetHeight' the least target height in metres instead of 1 / 0. */
  visibility: RasterGrid;
  /** The observer's cell in the DSM's own column/row numbering. */
  observerCol: number;
  observerRow: number;
  /** Orthometric height of the observer's eye. */
  observerZ: number;
  /** The DSM rows computed: [start, end). */
  rows: [number, number];
}

/** Visible cells and cells in range (with data) of a visibility grid. */
export function viewshedStats(grid: RasterGrid): { visible: number; inRange: number; share: number } {
  let visible = 0,
    inRange = 0;
  for (const v of grid.values) {
    if (v === grid.noData) continue;
    inRange++;
    if (v === 1) visible++;
  }
  return { visible, inRange, share: inRange ? visible / inRange : 0 };
}

const MODES: readonly ViewshedMode[] = ['edge', 'diagonal', 'min', 'max'];

export function computeViewshed(input: ViewshedInput, control?: EngineControl): ViewshedResult {
  const { dsm, observer } = input;
  assertGrid(dsm, 'viewshed surface');
  const run = new EngineRun('viewshed', control);
  const mode = input.mode ?? 'edge';
  if (!MODES.includes(mode)) throw new Error(`viewshed: mode '${String(mode)}' is not one of ${MODES.join(', ')}`);
  const output = input.output ?? 'visibility';
  if (output !== 'visibility' && output !== 'minTargetHeight') throw new Error(`viewshed: output '${String(output)}' is not visibility or minTargetHeight`);
  const heights = output === 'minTargetHeight';
  const radius = input.radius;
  if (!(radius >= 0) || !Number.isFinite(radius)) throw new Error(`viewshed: radius ${radius} must be a finite number >= 0 metres`);
  const tz = input.targetHeight ?? 0;
  if (!Number.isFinite(tz)) throw new Error(`viewshed: target height ${tz} is not a number`);
  const cc = input.curvatureCoeff ?? DEFAULT_CURVATURE_COEFF;
  const diameter = input.sphereDiameter ?? GRS80_DIAMETER;
  if (!Number.isFinite(cc) || !(diameter > 0)) throw new Error('viewshed: curvature coefficient and sphere diameter must be finite (diameter > 0)');

  const { width, height, cellSize, noData } = dsm;
  const src = dsm.values;
  const fx = (observer.x - dsm.originX) / cellSize;
  const fy = (dsm.originY - observer.y) / cellSize;
  if (!(fx >= 0 && fx < width && fy >= 0 && fy < height)) {
    throw new Error(`viewshed: observer (${observer.x}, ${observer.y}) lies outside the surface raster`);
  }
  const ox = Math.floor(fx);
  const oy = Math.floor(fy);
  const ground = src[oy * width + ox];
  let zObs: number;
  if (observer.absoluteHeight !== undefined) {
    zObs = observer.absoluteHeight;
  } else {
    if (ground === noData || Number.isNaN(ground))
      throw new Error(`viewshed: the surface has no data under the observer (${observer.x}, ${observer.y}); give absoluteHeight`);
    zObs = ground + (observer.heightAboveSurface ?? 0);
  }
  if (!Number.isFinite(zObs)) throw new Error('viewshed: observer height is not a number');

  // The window gdal_viewshed computes (its "area of interest"): whole cells within radius along each axis.
  const reach = radius / cellSize;
  const x0 = radius > 0 ? Math.max(0, Math.floor(ox - reach)) : 0;
  const x1 = radius > 0 ? Math.min(width, Math.ceil(ox + reach) + 1) : width;
  const y0 = radius > 0 ? Math.max(0, Math.floor(oy - reach)) : 0;
  const y1 = radius > 0 ? Math.min(height, Math.ceil(oy + reach) + 1) : height;
  const ww = x1 - x0;
  const nX = ox - x0;
  const [b0, b1] = input.rows ?? [y0, y1];
  if (!(b1 >= b0)) throw new Error(`viewshed: rows [${b0}, ${b1}) is not a band`);
  // A band outside the window gives an empty grid (so that pool bands concatenate to the window).
  const band0 = Math.min(y1, Math.max(y0, Math.floor(b0)));
  const band1 = Math.max(band0, Math.min(y1, Math.ceil(b1)));

  const out = new Float32Array(ww * (band1 - band0)).fill(VIEWSHED_NODATA);
  const result: ViewshedResult = {
    visibility: {
      values: out,
      width: ww,
      height: band1 - band0,
      cellSize,
      originX: dsm.originX + x0 * cellSize,
      originY: dsm.originY - band0 * cellSize,
      noData: VIEWSHED_NODATA,
    },
    observerCol: ox,
    observerRow: oy,
    observerZ: zObs,
    rows: [band0, band1],
  };
  if (band1 === band0) return result;
  const r2max = reach * reach; // in cells^2
  const limited = radius > 0;
  // Curvature drop per column (dx^2 part) and per row (dy^2 part), in metres.
  const k = cc !== 0 ? (cc * cellSize * cellSize) / diameter : 0;
  const dropX = new Float64Array(ww);
  for (let c = 0; c < ww; c++) dropX[c] = k * (c - nX) * (c - nX);
  // 1 / (i - 1) by column distance i: multiplications instead of divisions in the hot loop.
  const recip = new Float64Array(ww + 1);
  for (let i = 2; i <= ww; i++) recip[i] = 1 / (i - 1);

  /** Half-width (in columns) of the in-range part of a row dy rows from the observer; -1 = none. */
  const halfWidth = (dy: number): number => {
    if (!limited) return ww;
    const rem = r2max - dy * dy;
    return rem < 0 ? -1 : Math.floor(Math.sqrt(rem) + 1e-9);
  };

  const first = new Float64Array(ww);
  const last = new Float64Array(ww);
  const cur = new Float64Array(ww);
  // Rows outside the band are computed (later rows need them) into this scratch row.
  const scratch = new Float32Array(ww);
  // For minTargetHeight: the row as read, before the sight plane raised it.
  const orig = heights ? new Float64Array(ww) : first;
  /** minTargetHeight = how far the sight plane passes above the cell = raised - as read. */
  const writeHeights = (line: Float64Array, dst: Float32Array, off: number, lo: number, hi: number): void => {
    for (let c = lo; c <= hi; c++) dst[off + c] = line[c] - orig[c];
  };

  // Observer's row: straight lines outwards from the observer along the row.
  const hw0 = Math.min(halfWidth(0), ww);
  const lo0 = Math.max(0, nX - hw0);
  const hi0 = Math.min(ww - 1, nX + hw0);
  let holes = readLine(src, oy * width + x0, first, lo0, hi0, dropX, 0, noData);
  if (heights) orig.set(first);
  {
    const [dst, off] = oy >= band0 && oy < band1 ? [out, (oy - band0) * ww] : [scratch, 0];
    dst[off + nX] = 1;
    if (nX - 1 >= lo0) dst[off + nX - 1] = 1;
    if (nX + 1 <= hi0) dst[off + nX + 1] = 1;
    for (let c = nX - 2; c >= lo0; c--) dst[off + c] = setVisibility(first, c, lineHeight(nX - c, first[c + 1], zObs), tz);
    for (let c = nX + 2; c <= hi0; c++) dst[off + c] = setVisibility(first, c, lineHeight(c - nX, first[c - 1], zObs), tz);
    if (heights) writeHeights(first, dst, off, lo0, hi0);
    if (holes) markHoles(src, oy * width + x0, dst, off, lo0, hi0, noData);
  }

  const sweep = (dir: -1 | 1): void => {
    const end = dir < 0 ? Math.max(y0, band0) - 1 : Math.min(y1, band1);
    // Nothing of the band lies on this side of the observer.
    if (dir < 0 ? band0 >= oy : band1 <= oy + 1) return;
    last.set(first);
    let prev = last;
    let now = cur;
    for (let row = oy + dir, j = 1; row !== end; row += dir, j++) {
      if ((j & 31) === 0) run.report((dir < 0 ? j : oy - y0 + j) / (y1 - y0), 'viewshed');
      const hw = Math.min(halfWidth(j), ww);
      if (hw < 0) break;
      const lo = Math.max(0, nX - hw);
      const hi = Math.min(ww - 1, nX + hw);
      holes = readLine(src, row * width + x0, now, lo, hi, dropX, k * j * j, noData);
      if (heights) orig.set(now.subarray(lo, hi + 1), lo);
      const inBand = row >= band0 && row < band1;
      const dst = inBand ? out : scratch;
      const off = inBand ? (row - band0) * ww : 0;
      dst[off + nX] = setVisibility(now, nX, lineHeight(j, prev[nX], zObs), tz);
      if (mode === 'edge') sweepEdge(now, prev, dst, off, nX, j, lo, hi, zObs, tz, recip);
      else sweepGeneric(now, prev, dst, off, nX, j, lo, hi, zObs, tz, mode);
      if (heights) writeHeights(now, dst, off, lo, hi);
      // GDAL judges the cells right around the observer against the observer's own ground cell,
      // so on any downslope (or with curvature on flat ground) it calls them hidden. They are
      // seen: only their flag differs from GDAL, the heights passed on stay the same.
      if (j === 1) for (let c = Math.max(lo, nX - 1); c <= Math.min(hi, nX + 1); c++) dst[off + c] = heights ? 0 : 1;
      if (holes) markHoles(src, row * width + x0, dst, off, lo, hi, noData);
      const t = prev;
      prev = now;
      now = t;
    }
  };
  run.report(0, 'viewshed');
  sweep(-1);
  sweep(1);
  run.report(1, 'viewshed');

  return result;
}

/** Reads cells lo..hi of a DSM row into `line`, less the curvature drop. No data becomes
 *  -Infinity so that it never blocks (GDAL reads -9999 as a deep pit: the same effect).
 *  Returns whether the row had cells without data. */
function readLine(src: Float32Array, base: number, line: Float64Array, lo: number, hi: number, dropX: Float64Array, dropY: number, noData: number): boolean {
  let holes = false;
  for (let c = lo; c <= hi; c++) {
    const v = src[base + c];
    if (v === noData || v !== v) {
      line[c] = -Infinity;
      holes = true;
    } else line[c] = v - (dropX[c] + dropY);
  }
  return holes;
}

function markHoles(src: Float32Array, base: number, dst: Float32Array, off: number, lo: number, hi: number, noData: number): void {
  for (let c = lo; c <= hi; c++) {
    const v = src[base + c];
    if (v === noData || v !== v) dst[off + c] = VIEWSHED_NODATA;
  }
}

/** Sight-line height at distance i along a straight line whose previous cell holds za. */
function lineHeight(i: number, za: number, zo: number): number {
  return i === 1 ? za : (za - zo) / (i - 1) + za;
}

/** Sight-plane height between a diagonal (za) and an axis (zb) neighbour, i <= j. */
function edgeHeight(i: number, j: number, za: number, zb: number, zo: number): number {
  if (i === j) return lineHeight(i, za, zo);
  return ((za - zo) * i + (zb - zo) * (j - i)) / (j - 1) + zo;
}

function diagonalHeight(i: number, j: number, za: number, zb: number, zo: number): number {
  return ((za - zo) * i + (zb - zo) * j) / (i + j - 1) + zo;
}

/** Visible when the cell (+ target height) reaches the sight plane; the cell then carries the
 *  higher of itself and the plane onwards (the target height never shields cells behind). */
function setVisibility(line: Float64Array, c: number, z: number, tz: number): number {
  const h = line[c];
  if (h < z) line[c] = z;
  return h + tz < z ? 0 : 1;
}

/** One row in 'edge' mode (the default), left and right of the observer's column. The loops are
 *  split where the sight plane switches from the row neighbour to the column neighbour (i = j),
 *  so the hot loops have no branch but the visibility test. */
function sweepEdge(
  now: Float64Array,
  prev: Float64Array,
  dst: Float32Array,
  off: number,
  nX: number,
  j: number,
  lo: number,
  hi: number,
  zo: number,
  tz: number,
  recip: Float64Array,
): void {
  const rj = 1 / (j - 1);
  // Left: i = nX - c. Cells with i < j take the plane through prev[c + 1] (diagonal) and prev[c].
  let c = nX - 1;
  for (let i = 1; i < j && c >= lo; c--, i++) {
    const z = ((prev[c + 1] - zo) * i + (prev[c] - zo) * (j - i)) * rj + zo;
    const h = now[c];
    dst[off + c] = h + tz < z ? 0 : 1;
    if (h < z) now[c] = z;
  }
  if (c >= lo) {
    const z = lineHeight(j, prev[c + 1], zo);
    dst[off + c] = setVisibility(now, c, z, tz);
    c--;
  }
  for (let i = j + 1; c >= lo; c--, i++) {
    const z = ((prev[c + 1] - zo) * j + (now[c + 1] - zo) * (i - j)) * recip[i] + zo;
    const h = now[c];
    dst[off + c] = h + tz < z ? 0 : 1;
    if (h < z) now[c] = z;
  }
  // Right: the mirror image.
  c = nX + 1;
  for (let i = 1; i < j && c <= hi; c++, i++) {
    const z = ((prev[c - 1] - zo) * i + (prev[c] - zo) * (j - i)) * rj + zo;
    const h = now[c];
    dst[off + c] = h + tz < z ? 0 : 1;
    if (h < z) now[c] = z;
  }
  if (c <= hi) {
    const z = lineHeight(j, prev[c - 1], zo);
    dst[off + c] = setVisibility(now, c, z, tz);
    c++;
  }
  for (let i = j + 1; c <= hi; c++, i++) {
    const z = ((prev[c - 1] - zo) * j + (now[c - 1] - zo) * (i - j)) * recip[i] + zo;
    const h = now[c];
    dst[off + c] = h + tz < z ? 0 : 1;
    if (h < z) now[c] = z;
  }
}

function sweepGeneric(
  now: Float64Array,
  prev: Float64Array,
  dst: Float32Array,
  off: number,
  nX: number,
  j: number,
  lo: number,
  hi: number,
  zo: number,
  tz: number,
  mode: ViewshedMode,
): void {
  const pick = (c: number, towards: number, i: number): number => {
    const zd = diagonalHeight(i, j, now[towards], prev[c], zo);
    if (mode === 'diagonal') return zd;
    const ze = i >= j ? edgeHeight(j, i, prev[towards], now[towards], zo) : edgeHeight(i, j, prev[towards], prev[c], zo);
    return mode === 'max' ? Math.max(zd, ze) : Math.min(zd, ze);
  };
  for (let c = nX - 1, i = 1; c >= lo; c--, i++) dst[off + c] = setVisibility(now, c, pick(c, c + 1, i), tz);
  for (let c = nX + 1, i = 1; c <= hi; c++, i++) dst[off + c] = setVisibility(now, c, pick(c, c - 1, i), tz);
}
