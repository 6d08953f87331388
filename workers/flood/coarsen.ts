// A coarser copy of a surface model for faster flood runs: each block of factor x factor cells
// takes the mean of its GROUND cells (cells outside every footprint), so roofs never leak into the
// ground as raised steps; a block with no ground cell takes the block mean (the coarse footprint
// rasterization normally makes it a wall anyway).
import type { RasterGrid } from '../../common/rasterGrid.js';

export function coarsenGround(surface: RasterGrid, owner: Int32Array, factor: number): RasterGrid {
  if (!Number.isInteger(factor) || factor < 1 || factor > 16) throw new Error(`coarsening factor ${factor} must be a whole number from 1 to 16`);
  if (factor === 1) return surface;
  const W = Math.floor(surface.width / factor);
  const H = Math.floor(surface.height / factor);
  if (W < 1 || H < 1) throw new Error(`a ${surface.width} x ${surface.height} grid is too small to coarsen by ${factor}`);
  const out = new Float32Array(W * H);
  const nd = surface.noData;
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      let ground = 0,
        nGround = 0,
        all = 0,
        nAll = 0;
      for (let i = 0; i < factor; i++) {
        const row = (r * factor + i) * surface.width + c * factor;
        for (let j = 0; j < factor; j++) {
          const v = surface.values[row + j];
          if (v === nd || !Number.isFinite(v)) continue;
          all += v;
          nAll++;
          if (owner[row + j] < 0) {
            ground += v;
            nGround++;
          }
        }
      }
      out[r * W + c] = nGround ? ground / nGround : nAll ? all / nAll : nd;
    }
  }
  return { values: out, width: W, height: H, cellSize: surface.cellSize * factor, originX: surface.originX, originY: surface.originY, noData: nd };
}
