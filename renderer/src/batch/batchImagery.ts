// A batch run's raster output as Cesium imagery: Cesium asks for the 256-pixel lon/lat tiles the
// camera sees at the level the zoom needs, and each is painted in the analysis's declared ramp from
// the batch tiles it touches (BatchTileSource: full 1 m grids close up, previews far out). So the
// result draws at any zoom while only the tiles near the camera are read.
import { Event, GeographicTilingScheme, Math as CesiumMath, Rectangle, type Credit, type ImageryTypes, type TileDiscardPolicy } from 'cesium';
import type { ColourRampSpec } from '../../../common/analyses/analysisSpec.js';
import type { Box5186 } from '../../../common/batch/batchRun.js';
import { fromWgs84 } from '../../../common/crs.js';
import { gridLonLatBounds, paintLonLat, type LonLatBox } from '../analysis/rasterReproject.js';
import type { BatchTileSource } from './batchTileSource.js';

const TILE_PIXELS = 256;

/** The EPSG:5186 box enclosing a lon/lat box (corners and edge midpoints: TM edges curve a little). */
function box5186Of(b: LonLatBox): Box5186 {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const lon of [b.west, (b.west + b.east) / 2, b.east])
    for (const lat of [b.south, (b.south + b.north) / 2, b.north]) {
      const [x, y] = fromWgs84('EPSG:5186', lon, lat);
      xs.push(x);
      ys.push(y);
    }
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

export interface BatchImageryStyle {
  ramp: ColourRampSpec;
  /** Values below this are not drawn (the declared drawMin). */
  drawMin?: number;
}

/** Implements Cesium's ImageryProvider interface (Cesium has no base class to extend for custom sources). */
export class BatchImageryProvider {
  readonly tilingScheme = new GeographicTilingScheme();
  readonly rectangle: Rectangle;
  readonly tileWidth = TILE_PIXELS;
  readonly tileHeight = TILE_PIXELS;
  readonly maximumLevel = undefined;
  readonly minimumLevel = 0;
  readonly tileDiscardPolicy = undefined as unknown as TileDiscardPolicy;
  readonly errorEvent = new Event();
  readonly credit = undefined as unknown as Credit;
  readonly proxy = undefined;
  readonly hasAlphaChannel = true;
  /** Imagery tiles being painted / painted so far (the panel shows them; tests wait on them). */
  pending = 0;
  drawn = 0;
  private destroyed = false;

  constructor(
    private readonly source: BatchTileSource,
    private readonly style: BatchImageryStyle,
    private readonly changed: () => void,
  ) {
    const b = source.bounds;
    const { west, south, east, north } = gridLonLatBounds({ originX: b.minX, originY: b.maxY, width: b.maxX - b.minX, height: b.maxY - b.minY, cellSize: 1 });
    this.rectangle = Rectangle.fromDegrees(west, south, east, north);
  }

  getTileCredits(): Credit[] {
    return [];
  }

  pickFeatures(): undefined {
    return undefined;
  }

  requestImage(x: number, y: number, level: number): Promise<ImageryTypes> {
    const r = this.tilingScheme.tileXYToRectangle(x, y, level);
    const deg = CesiumMath.toDegrees;
    return this.paint({ west: deg(r.west), south: deg(r.south), east: deg(r.east), north: deg(r.north) });
  }

  private async paint(box: LonLatBox): Promise<ImageryTypes> {
    this.pending++;
    this.changed();
    try {
      const b = box5186Of(box);
      const sample = await this.source.sampler(b, (b.maxX - b.minX) / TILE_PIXELS);
      const canvas = document.createElement('canvas');
      canvas.width = TILE_PIXELS;
      canvas.height = TILE_PIXELS;
      if (this.destroyed) return canvas;
      const { drawMin } = this.style;
      const rgba = paintLonLat(box, TILE_PIXELS, TILE_PIXELS, this.style.ramp, (x, y) => {
        const v = sample(x, y);
        return v === null || (drawMin !== undefined && v < drawMin) ? null : v;
      });
      const ctx = canvas.getContext('2d')!;
      const image = ctx.createImageData(TILE_PIXELS, TILE_PIXELS);
      image.data.set(rgba);
      ctx.putImageData(image, 0, 0);
      this.drawn++;
      return canvas;
    } finally {
      this.pending--;
      if (!this.destroyed) this.changed();
    }
  }

  destroy(): void {
    this.destroyed = true;
  }
}
