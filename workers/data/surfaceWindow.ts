// The surface-model window of an area: the area plus a margin, cut from whichever surface-model
// rasters of the build (manifest dsm[]) cover it and put together on one grid (cells no raster
// covers carry no data). Today a build has one raster per area; a city-wide build tiles the surface
// model, and this is the one place that has to know.
//
// The window is the part of area + margin that the covering rasters' cells reach, so for an area
// inside one raster it is exactly that raster cropped (cropGrid) as before; `bounds` is the area
// itself clipped to the covering rasters (results are cropped to it).
import type { DsmRasterInfo } from '../../common/buildFormat.js';
import type { GridFrame, RasterGrid } from '../../common/rasterGrid.js';
import { cropRange } from '../grid/cropGrid.js';

export interface Bounds5186 {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A block of one raster's cells placed in the window. */
export interface WindowPiece {
  info: DsmRasterInfo;
  /** First column and row in the raster, first column and row in the window, size in cells. */
  srcCol: number;
  srcRow: number;
  col: number;
  row: number;
  width: number;
  height: number;
}

export interface WindowPlan {
  frame: GridFrame;
  pieces: WindowPiece[];
  /** The area clipped to the covering rasters (EPSG:5186). */
  bounds: Bounds5186;
  /** Names of the rasters used. */
  areas: string[];
  /** One line when the area reaches beyond the surface model. */
  problems: string[];
}

/** Rows and columns of a window's grid that lie in `bounds` (the area grid results are cropped to). */
export function areaCells(frame: GridFrame, bounds: Bounds5186): { col: number; row: number; width: number; height: number } {
  const r = cropRange(frame, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY);
  return { col: r.c0, row: r.r0, width: Math.max(0, r.c1 - r.c0), height: Math.max(0, r.r1 - r.r0) };
}

function extentOf(d: DsmRasterInfo): Bounds5186 {
  return { minX: d.originX, maxX: d.originX + d.width * d.cellSize, minY: d.originY - d.height * d.cellSize, maxY: d.originY };
}

function overlaps(a: Bounds5186, b: Bounds5186): boolean {
  return a.minX < b.maxX && a.maxX > b.minX && a.minY < b.maxY && a.maxY > b.minY;
}

function checkAligned(rasters: DsmRasterInfo[]): void {
  const [first] = rasters;
  for (const d of rasters) {
    const offX = (d.originX - first.originX) / first.cellSize;
    const offY = (d.originY - first.originY) / first.cellSize;
    if (d.cellSize !== first.cellSize || Math.abs(offX - Math.round(offX)) > 1e-6 || Math.abs(offY - Math.round(offY)) > 1e-6)
      throw new Error(
        `surface models "${first.area}" and "${d.area}" are not on one grid (cells ${first.cellSize} m and ${d.cellSize} m, origins not a whole number of cells apart)`,
      );
  }
}

/** Which cells of which rasters make the window of `area` + `marginM`; throws when no raster covers the area. */
export function planSurfaceWindow(dsm: readonly DsmRasterInfo[], area: Bounds5186, marginM: number): WindowPlan {
  if (!dsm.length) throw new Error('the city build has no surface model (manifest dsm[] is empty); rebuild the city');
  const covering = dsm.filter((d) => overlaps(extentOf(d), area));
  if (!covering.length)
    throw new Error(
      `the area (x ${area.minX.toFixed(0)}-${area.maxX.toFixed(0)}, y ${area.minY.toFixed(0)}-${area.maxY.toFixed(0)} EPSG:5186) lies outside every surface model of the build (${dsm.map((d) => d.area).join(', ')})`,
    );
  checkAligned(covering);
  const want = { minX: area.minX - marginM, minY: area.minY - marginM, maxX: area.maxX + marginM, maxY: area.maxY + marginM };
  const cs = covering[0].cellSize;
  const parts = covering.flatMap((info) => {
    const r = cropRange(info, want.minX, want.minY, want.maxX, want.maxY);
    return r.c1 > r.c0 && r.r1 > r.r0 ? [{ info, ...r, x0: info.originX + r.c0 * cs, y0: info.originY - r.r0 * cs }] : [];
  });
  const originX = Math.min(...parts.map((p) => p.x0));
  const originY = Math.max(...parts.map((p) => p.y0));
  const width = Math.max(...parts.map((p) => Math.round((p.x0 - originX) / cs) + p.c1 - p.c0));
  const height = Math.max(...parts.map((p) => Math.round((originY - p.y0) / cs) + p.r1 - p.r0));
  const frame: GridFrame = { width, height, cellSize: cs, originX, originY, noData: covering[0].noData };
  const pieces = parts.map((p) => ({
    info: p.info,
    srcCol: p.c0,
    srcRow: p.r0,
    col: Math.round((p.x0 - originX) / cs),
    row: Math.round((originY - p.y0) / cs),
    width: p.c1 - p.c0,
    height: p.r1 - p.r0,
  }));
  const extents = covering.map(extentOf);
  const bounds = {
    minX: Math.max(area.minX, Math.min(...extents.map((e) => e.minX))),
    minY: Math.max(area.minY, Math.min(...extents.map((e) => e.minY))),
    maxX: Math.min(area.maxX, Math.max(...extents.map((e) => e.maxX))),
    maxY: Math.min(area.maxY, Math.max(...extents.map((e) => e.maxY))),
  };
  const areas = covering.map((d) => d.area);
  const problems = uncovered(frame, pieces, area)
    ? [`the scenario area reaches beyond the surface model ${areas.map((a) => `"${a}"`).join(' and ')}: results cover only the part inside it`]
    : [];
  return { frame, pieces, bounds, areas, problems };
}

/** Whether some cell of the area lies in no piece. */
function uncovered(frame: GridFrame, pieces: WindowPiece[], area: Bounds5186): boolean {
  const cs = frame.cellSize;
  // The area's cells in window numbering, not clipped to the window: cells outside it are uncovered.
  const c0 = Math.floor((area.minX - frame.originX) / cs),
    c1 = Math.ceil((area.maxX - frame.originX) / cs);
  const r0 = Math.floor((frame.originY - area.maxY) / cs),
    r1 = Math.ceil((frame.originY - area.minY) / cs);
  const inside = (p: WindowPiece) => c0 >= p.col && c1 <= p.col + p.width && r0 >= p.row && r1 <= p.row + p.height;
  if (pieces.some(inside)) return false;
  if (pieces.length === 1) return true;
  const w = c1 - c0;
  const mask = new Uint8Array(w * (r1 - r0));
  for (const p of pieces) {
    for (let r = Math.max(r0, p.row); r < Math.min(r1, p.row + p.height); r++)
      for (let c = Math.max(c0, p.col); c < Math.min(c1, p.col + p.width); c++) mask[(r - r0) * w + (c - c0)] = 1;
  }
  return mask.includes(0);
}

/** The window's grid from the planned pieces (`rasters[i]` is piece i's whole raster). */
export function cutSurfaceWindow(plan: WindowPlan, rasters: RasterGrid[]): RasterGrid {
  const { frame } = plan;
  const values = new Float32Array(frame.width * frame.height).fill(frame.noData);
  plan.pieces.forEach((p, i) => {
    const src = rasters[i];
    for (let r = 0; r < p.height; r++) {
      const from = (p.srcRow + r) * src.width + p.srcCol;
      const row = src.values.subarray(from, from + p.width);
      const at = (p.row + r) * frame.width + p.col;
      if (src.noData === frame.noData) values.set(row, at);
      else for (let c = 0; c < p.width; c++) values[at + c] = row[c] === src.noData ? frame.noData : row[c];
    }
  });
  return { ...frame, values };
}
