// Surface model -> lattice: each lattice column takes the MEDIAN of the surface-model cells it
// covers (a column is solid where most of it is roof, so buildings keep their footprint instead of
// growing by a cell as with the max), measured from the area's lowest surface (the ground plane of
// the lattice). Buildings vs ground: a grey-scale opening of the column heights (min then max filter
// wider than most buildings) estimates the terrain; columns standing above it are buildings, whose
// roofs are not pedestrian level.
import type { RasterGrid } from '../../common/rasterGrid.js';

export interface AreaBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface VoxelCity {
  nx: number;
  ny: number;
  nz: number;
  cellSize: number;
  /** EPSG:5186 upper-left corner of the lattice (row 0 = north = lattice y 0). */
  originX: number;
  originY: number;
  /** Height of the lattice floor (metres, orthometric). */
  base: number;
  /** Solid cells per column (0 = open ground at the floor); index y * nx + x. */
  top: Uint16Array;
  /** 1 where the column is a building (its roof is not pedestrian level). */
  building: Uint8Array;
  /** nx * ny * nz, index (z * ny + y) * nx + x. */
  solid: Uint8Array;
  /** Surface-model cells without data (treated as ground at the floor). */
  noDataCells: number;
  /** Columns cut at the lattice top (taller than the domain allows). */
  clippedColumns: number;
}

export function voxelizeDsm(dsm: RasterGrid, area: AreaBounds, cellSize: number, nz: number, buildingMinHeight = 2.5, openingWidth = 100): VoxelCity {
  const nx = Math.floor((area.maxX - area.minX) / cellSize + 1e-9);
  const ny = Math.floor((area.maxY - area.minY) / cellSize + 1e-9);
  const originX = area.minX;
  const originY = area.maxY;
  const heights = new Float32Array(nx * ny);
  let noDataCells = 0;
  const sample: number[] = [];
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      // Surface-model cells whose centres fall inside this lattice cell (at least the nearest one).
      const x0 = originX + x * cellSize;
      const y0 = originY - y * cellSize;
      let c0 = Math.ceil((x0 - dsm.originX) / dsm.cellSize - 0.5);
      let c1 = Math.ceil((x0 + cellSize - dsm.originX) / dsm.cellSize - 0.5);
      let r0 = Math.ceil((dsm.originY - y0) / dsm.cellSize - 0.5);
      let r1 = Math.ceil((dsm.originY - (y0 - cellSize)) / dsm.cellSize - 0.5);
      if (c1 <= c0) c1 = c0 + 1;
      if (r1 <= r0) r1 = r0 + 1;
      c0 = Math.max(0, c0);
      r0 = Math.max(0, r0);
      c1 = Math.min(dsm.width, c1);
      r1 = Math.min(dsm.height, r1);
      sample.length = 0;
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          const v = dsm.values[r * dsm.width + c];
          if (v === dsm.noData || !Number.isFinite(v)) noDataCells++;
          else sample.push(v);
        }
      }
      heights[y * nx + x] = sample.length ? median(sample) : NaN;
    }
  }
  let base = Infinity;
  for (const h of heights) if (h < base) base = h;
  if (!Number.isFinite(base)) throw new Error('wind: the surface model has no data inside the chosen area');
  for (let i = 0; i < heights.length; i++) if (!Number.isFinite(heights[i])) heights[i] = base;

  const top = new Uint16Array(nx * ny);
  let clippedColumns = 0;
  const maxTop = nz - 2; // keep two fluid layers under the free-slip lid
  for (let i = 0; i < top.length; i++) {
    let t = Math.round((heights[i] - base) / cellSize);
    if (t > maxTop) {
      t = maxTop;
      clippedColumns++;
    }
    top[i] = t;
  }
  const radius = Math.max(1, Math.round(openingWidth / cellSize / 2));
  const ground = dilate(erode(heights, nx, ny, radius), nx, ny, radius);
  const building = new Uint8Array(nx * ny);
  for (let i = 0; i < building.length; i++) building[i] = heights[i] - ground[i] >= buildingMinHeight ? 1 : 0;

  const solid = new Uint8Array(nx * ny * nz);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const t = top[y * nx + x];
      for (let z = 0; z < t; z++) solid[(z * ny + y) * nx + x] = 1;
    }
  }
  return { nx, ny, nz, cellSize, originX, originY, base, top, building, solid, noDataCells, clippedColumns };
}

function median(v: number[]): number {
  v.sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/** Separable square min filter (radius r cells). */
function erode(a: Float32Array, nx: number, ny: number, r: number): Float32Array {
  return filter(a, nx, ny, r, Math.min, Infinity);
}

function dilate(a: Float32Array, nx: number, ny: number, r: number): Float32Array {
  return filter(a, nx, ny, r, Math.max, -Infinity);
}

function filter(a: Float32Array, nx: number, ny: number, r: number, op: (x: number, y: number) => number, init: number): Float32Array {
  const tmp = new Float32Array(a.length);
  const out = new Float32Array(a.length);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let v = init;
      for (let k = Math.max(0, x - r); k <= Math.min(nx - 1, x + r); k++) v = op(v, a[y * nx + k]);
      tmp[y * nx + x] = v;
    }
  }
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let v = init;
      for (let k = Math.max(0, y - r); k <= Math.min(ny - 1, y + r); k++) v = op(v, tmp[k * nx + x]);
      out[y * nx + x] = v;
    }
  }
  return out;
}
