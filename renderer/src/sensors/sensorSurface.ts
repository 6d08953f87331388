// The interpolated surface: runs the IDW engine in the analysis worker and drapes the result on
// the globe as one image (SingleTileImageryProvider from a canvas data URL). Cells with no
// reading within the radius stay transparent.
import { ImageryLayer, Rectangle, SingleTileImageryProvider, type CesiumWidget } from 'cesium';
import type { SdotQuantity } from '../../../common/sdot/sdotQuantities.js';
import type { IdwResult } from '../../../workers/sensors/idw.js';
import { runAnalysis } from '../analysis/analysisClient.js';
import { colourFor } from './sensorColours.js';
import type { SurfacePoint } from './sensorModel.js';
import { SURFACE_RADIUS_M } from '../../../workers/sensors/surfaceGrid.js';

export { SURFACE_RADIUS_M } from '../../../workers/sensors/surfaceGrid.js';
const SURFACE_ALPHA = 150;

export function surfaceCanvas(result: IdwResult, quantity: SdotQuantity): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = result.width;
  canvas.height = result.height;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(result.width, result.height);
  for (let i = 0; i < result.grid.length; i++) {
    const v = result.grid[i];
    if (Number.isNaN(v)) continue;
    const [r, g, b] = colourFor(quantity, v);
    img.data[4 * i] = r;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = b;
    img.data[4 * i + 3] = SURFACE_ALPHA;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

export class SensorSurface {
  private layer: ImageryLayer | null = null;
  private job = 0;
  visible = false;
  /** Result of the last completed computation, for the legend and tests. */
  last: { cellsWithData: number; points: number; engineMs: number; totalMs: number; job: number } | null = null;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly grid: { bbox: [number, number, number, number]; width: number; height: number },
  ) {}

  private running = false;
  private destroyed = false;
  private next: { points: SurfacePoint[]; quantity: SdotQuantity } | null = null;

  /**
   * Recomputes for these points. While a computation runs, later calls are coalesced into one
   * run with the newest points, so a fast feed never starves the surface.
   */
  async update(points: SurfacePoint[], quantity: SdotQuantity): Promise<void> {
    if (this.destroyed) return;
    this.next = { points, quantity };
    if (this.running) return;
    this.running = true;
    try {
      while (this.next) {
        const { points: p, quantity: q } = this.next;
        this.next = null;
        await this.compute(p, q);
      }
    } finally {
      this.running = false;
    }
  }

  private async compute(points: SurfacePoint[], quantity: SdotQuantity): Promise<void> {
    const job = ++this.job;
    const started = performance.now();
    if (!this.visible || points.length === 0) {
      this.replace(null);
      this.last = { cellsWithData: 0, points: points.length, engineMs: 0, totalMs: 0, job };
      return;
    }
    const [w, s, e, n] = this.grid.bbox;
    const input = {
      lon: Float64Array.from(points, (p) => p.lon),
      lat: Float64Array.from(points, (p) => p.lat),
      values: Float64Array.from(points, (p) => p.value),
      bbox: this.grid.bbox,
      width: this.grid.width,
      height: this.grid.height,
      radiusM: SURFACE_RADIUS_M,
      power: 2,
    };
    const t0 = performance.now();
    const result = await runAnalysis('interpolateIdw', input);
    const engineMs = performance.now() - t0;
    const url = surfaceCanvas(result, quantity).toDataURL('image/png');
    const provider = await SingleTileImageryProvider.fromUrl(url, { rectangle: Rectangle.fromDegrees(w, s, e, n) });
    if (this.destroyed) return;
    this.replace(new ImageryLayer(provider, {}));
    this.last = { cellsWithData: result.cellsWithData, points: points.length, engineMs, totalMs: performance.now() - started, job };
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.layer) this.layer.show = visible;
    this.viewer.scene.requestRender();
  }

  /** Removes the drawn surface; a computation still running is dropped when it ends. */
  destroy(): void {
    this.destroyed = true;
    this.next = null;
    this.replace(null);
  }

  private replace(layer: ImageryLayer | null): void {
    if (this.layer) this.viewer.imageryLayers.remove(this.layer, true);
    this.layer = layer;
    if (layer) {
      layer.show = this.visible;
      this.viewer.imageryLayers.add(layer);
    }
    this.viewer.scene.requestRender();
  }
}
