// The building overview: every building of the build drawn into imagery tiles (imageryTiles.ts, the
// ground layers' tiling) for the far views, where the 3D buildings are sub-pixel (the city-wide view
// is ~70 m a pixel) or, the tileset being ADD-refined, only the tallest are loaded (gu-wide views).
// A pixel takes the colour of the height source (measured, floors, default by use, citizen edit:
// the 3D buildings' colours) covering most of it, and as alpha the share of it that buildings cover
// (opaque from BUILDING_OVERVIEW_FULL_COVERAGE), so the tiles show where the city is built up, how
// densely, and where its heights are measured rather than estimated.
//
// Levels 0-14: level 10 pixels (~76 m north-south, ~60 m east-west at Seoul) serve the city-wide
// view, 12-13 gu-wide views; level 14 (~4.8 x 3.8 m) is as sharp as a view from ~4 km up needs,
// below which the renderer fades the overview out and the 3D buildings, fully loaded there, take
// over. A level more would quadruple the files for views that no longer show the overview.
import type { BuildingOverviewInfo, HeightSource } from '../../common/buildFormat.js';
import { BUILDING_OVERVIEW_CLASSES, BUILDING_OVERVIEW_FULL_COVERAGE, overviewClassOf, type BuildingOverviewClass } from '../../common/buildingOverview.js';
import { rgbOf } from '../../common/groundStyle.js';
import type { PolygonRings } from '../model/cityModel.js';
import { IMAGERY_TILE_SIZE, toPixels, writeImageryTiles, type Rgba, type TileGrid, type TilePainter, type TileShapes } from './imageryTiles.js';
import { CoverageRaster } from './rasterizeCoverage.js';

export const BUILDING_OVERVIEW_DIR = 'layers/buildings-overview';
export const BUILDING_OVERVIEW_MAX_LEVEL = 14;

export interface BuildingOverviewOptions {
  maxLevel?: number;
  /** Coverage drawn opaque (default BUILDING_OVERVIEW_FULL_COVERAGE; 1: alpha is the coverage). */
  fullCoverage?: number;
  classes?: readonly BuildingOverviewClass[];
}

/** What the overview needs of a building: its footprint polygons (lon, lat) and where its final height came from. */
export interface OverviewBuilding {
  polygons: PolygonRings[];
  heightSource: HeightSource;
}

/**
 * Palette: index 0 blank, then per class `steps` alpha steps (1 + class * steps + step - 1), as many
 * steps as 255 entries allow.
 */
function overviewPainter(classes: readonly BuildingOverviewClass[], fullCoverage: number): TilePainter {
  const size = IMAGERY_TILE_SIZE;
  const steps = Math.floor(255 / classes.length);
  const palette: Rgba[] = [[0, 0, 0, 0]];
  for (const c of classes) {
    const [r, g, b] = rgbOf(c.colour);
    for (let s = 1; s <= steps; s++) palette.push([r, g, b, Math.round((255 * s) / steps)]);
  }
  const rasters = classes.map(() => new CoverageRaster(size));
  const drawn: Float64Array[][][] = classes.map(() => []);
  return {
    palette,
    lineReach: 0,
    paint(shapes: TileShapes, grid: TileGrid, indices: Uint8Array) {
      for (const list of drawn) list.length = 0;
      for (const r of rasters) r.clear();
      // Most buildings are smaller than a pixel of the far levels: one inside a single pixel covers
      // its area there (added after the scan of the others); only the rest are scanned.
      const inOnePixel: number[] = [];
      shapes.polygons.forEach((rings, p) => {
        const pixel = pixelHolding(shapes, p, grid);
        if (pixel < 0) drawn[shapes.classes[p]].push(rings.map((r) => toPixels(r, grid)));
        else inOnePixel.push(p, pixel);
      });
      let firstRow = size,
        lastRow = -1;
      rasters.forEach((raster, k) => {
        if (drawn[k].length) raster.fillPolygons(drawn[k]);
      });
      for (let n = 0; n < inOnePixel.length; n += 2) {
        const p = inOnePixel[n],
          pixel = inOnePixel[n + 1];
        const rings = shapes.polygons[p];
        let area = ringArea(rings[0]);
        for (let h = 1; h < rings.length; h++) area -= ringArea(rings[h]);
        rasters[shapes.classes[p]].addCoverage(pixel % size, Math.floor(pixel / size), area / (grid.degPerPixel * grid.degPerPixel));
      }
      for (const raster of rasters) {
        if (raster.lastRow < 0) continue;
        firstRow = Math.min(firstRow, raster.firstRow);
        lastRow = Math.max(lastRow, raster.lastRow);
      }
      const touched = rasters.flatMap((r, k) => (r.lastRow >= 0 ? [k] : []));
      let min = lastRow < 0 || firstRow > 0 || lastRow < size - 1 ? 0 : 255,
        max = 0;
      for (let i = Math.max(firstRow, 0) * size; i < (lastRow + 1) * size; i++) {
        // Buildings of different classes hardly overlap: their coverages add up.
        let total = 0,
          best = 0,
          bestCoverage = 0;
        for (const k of touched) {
          const v = rasters[k].values[i];
          total += v;
          if (v > bestCoverage) {
            bestCoverage = v;
            best = k;
          }
        }
        const step = Math.round(Math.min(1, total / fullCoverage) * steps);
        const index = step > 0 ? 1 + best * steps + step - 1 : 0;
        indices[i] = index;
        if (index < min) min = index;
        if (index > max) max = index;
      }
      // A tile of one index is (nearly always) blank: its parent's pixels over it say the same. Its
      // children are drawn still: a tile of one colour may hide other classes at finer pixels.
      return min === max ? 'uniform' : 'mixed';
    },
  };
}

/** The pixel (j * size + i) wholly holding polygon p of the tile's shapes (by its box), else -1. */
function pixelHolding(shapes: TileShapes, p: number, grid: TileGrid): number {
  const b = shapes.boxes;
  const w = b[4 * p],
    s = b[4 * p + 1],
    e = b[4 * p + 2],
    n = b[4 * p + 3];
  const i = Math.floor((w - grid.west) / grid.degPerPixel),
    j = Math.floor((grid.north - n) / grid.degPerPixel);
  if (i !== Math.floor((e - grid.west) / grid.degPerPixel) || j !== Math.floor((grid.north - s) / grid.degPerPixel)) return -1;
  return i >= 0 && j >= 0 && i < IMAGERY_TILE_SIZE && j < IMAGERY_TILE_SIZE ? j * IMAGERY_TILE_SIZE + i : -1;
}

/** Area of a ring (flat lon, lat) in square degrees, relative to its first point for precision. */
function ringArea(ring: Float64Array): number {
  const x0 = ring[0],
    y0 = ring[1];
  let a = 0;
  for (let k = 2; k + 3 < ring.length; k += 2) a += (ring[k] - x0) * (ring[k + 3] - y0) - (ring[k + 2] - x0) * (ring[k + 1] - y0);
  return Math.abs(a / 2);
}

/** Writes layers/buildings-overview/{z}/{x}/{y}.png and its tiles.json under `outDir`. */
export async function writeBuildingOverview(
  buildings: readonly OverviewBuilding[],
  outDir: string,
  opts: BuildingOverviewOptions = {},
): Promise<BuildingOverviewInfo> {
  const classes = opts.classes ?? BUILDING_OVERVIEW_CLASSES;
  const fullCoverage = opts.fullCoverage ?? BUILDING_OVERVIEW_FULL_COVERAGE;
  const polygons: number[][][][] = [];
  const polygonClasses: number[] = [];
  for (const b of buildings) {
    const cls = overviewClassOf(b.heightSource, classes);
    for (const rings of b.polygons) {
      if (!rings[0] || rings[0].length < 3) continue;
      polygons.push(rings);
      polygonClasses.push(cls);
    }
  }
  const info = await writeImageryTiles(
    outDir,
    BUILDING_OVERVIEW_DIR,
    { polygons, lines: [], polygonClasses },
    overviewPainter(classes, fullCoverage),
    opts.maxLevel ?? BUILDING_OVERVIEW_MAX_LEVEL,
  );
  return { ...info, classes: classes.map((c) => ({ ...c })), fullCoverage, buildings: buildings.length };
}
