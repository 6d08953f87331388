// A ground layer drawn into imagery tiles (imageryTiles.ts) in its one colour, the coverage of each
// pixel as the colour's alpha (64 steps).
import type { GroundImageryInfo } from '../../common/buildFormat.js';
import { rgbOf, type GroundStyle } from '../../common/groundStyle.js';
import { IMAGERY_TILE_SIZE, toPixels, writeImageryTiles, type ImageryShapes, type TilePainter } from './imageryTiles.js';
import { CoverageRaster } from './rasterizeCoverage.js';

export type { ImageryShapes } from './imageryTiles.js';

/** Level 16 pixels are ~1.2 m (north-south) by ~0.95 m at Seoul's latitude: street scale. */
export const DEFAULT_IMAGERY_MAX_LEVEL = 16;
const ALPHA_STEPS = 64;

export interface ImageryOptions {
  maxLevel?: number;
}

function groundPainter(style: GroundStyle): TilePainter {
  const size = IMAGERY_TILE_SIZE;
  const fills = !style.outlinePolygons && style.fill !== null;
  const [r, g, b] = rgbOf(fills ? style.fill! : style.line);
  const alpha = fills ? style.fillAlpha : style.lineAlpha;
  const raster = new CoverageRaster(size);
  return {
    palette: Array.from({ length: ALPHA_STEPS }, (_, i) => [r, g, b, Math.round((255 * alpha * i) / (ALPHA_STEPS - 1))] as const),
    // Lines within half a width (plus the anti-aliasing pixel) of the tile still paint its edge pixels.
    lineReach: style.lineWidth / 2 + 1,
    paint(shapes, grid, indices) {
      raster.clear();
      raster.fillPolygons(shapes.polygons.map((rings) => rings.map((r) => toPixels(r, grid))));
      for (const line of shapes.lines) raster.strokeLine(toPixels(line, grid), style.lineWidth);
      // Rows the shapes did not reach are blank.
      const coverage = raster.values;
      const from = raster.lastRow < 0 ? 0 : raster.firstRow * size,
        to = (raster.lastRow + 1) * size;
      let min = from > 0 || to < indices.length ? 0 : ALPHA_STEPS,
        max = -1;
      for (let i = from; i < to; i++) {
        const v = (coverage[i] * (ALPHA_STEPS - 1) + 0.5) | 0;
        indices[i] = v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max < min) max = min;
      if (min !== max) return 'mixed';
      // A polygon filling the whole tile fills its children too; lines get thinner (in degrees) deeper down.
      return min === ALPHA_STEPS - 1 && !shapes.lines.length ? 'final' : 'uniform';
    },
  };
}

/** Writes layers/<id>/{z}/{x}/{y}.png and layers/<id>/tiles.json under `outDir`; `dir` is relative to the build root. */
export async function writeGroundImagery(
  outDir: string,
  dir: string,
  shapes: ImageryShapes,
  style: GroundStyle,
  opts: ImageryOptions = {},
): Promise<GroundImageryInfo> {
  // Outlined polygons (district boundaries) are drawn as their rings (which repeat their first position).
  const outlines = style.outlinePolygons || style.fill === null;
  const drawn: ImageryShapes = outlines ? { polygons: [], lines: [...shapes.lines, ...shapes.polygons.flat()] } : shapes;
  return writeImageryTiles(outDir, dir, drawn, groundPainter(style), opts.maxLevel ?? DEFAULT_IMAGERY_MAX_LEVEL);
}
