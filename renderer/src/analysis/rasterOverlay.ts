// Draws an analysis raster (EPSG:5186 RasterGrid) on the globe: reprojected to a lon/lat image
// (rasterReproject.ts), draped as imagery over the terrain, with its legend box. Every analysis
// panel (sun, view, compare, flood, wind) shows its rasters through this one function.
//
//   const overlay = await showRasterOverlay(viewer, { id: 'sun-hours', grid, ramp, legend: { title, unit } });
//   await overlay.update(newGrid); overlay.remove();
import { ImageryLayer, Rectangle, SingleTileImageryProvider, TextureMagnificationFilter, TextureMinificationFilter, type CesiumWidget } from 'cesium';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { ColourRampSpec } from '../../../common/analyses/analysisSpec.js';
import { showLegendBox, type LegendSpec } from './rasterLegend.js';
import { gridValueAt, reprojectToLonLat } from './rasterReproject.js';

export interface RasterOverlayOptions {
  /** Unique per overlay; showing another overlay with the same id replaces it. */
  id: string;
  grid: RasterGrid;
  ramp: ColourRampSpec;
  legend: LegendSpec;
  /** Layer opacity 0..1 on top of the ramp's alpha (default 1). */
  opacity?: number;
  /** Labels for class ramps (e.g. ['hidden', 'visible']). */
  classLabels?: string[];
}

export interface RasterOverlay {
  readonly id: string;
  grid: RasterGrid;
  readonly ramp: ColourRampSpec;
  readonly legend: LegendSpec;
  readonly classLabels?: string[];
  /** False while hidden with setVisible(false) (the PNG export leaves its legend out). */
  readonly visible: boolean;
  update(grid: RasterGrid, ramp?: ColourRampSpec): Promise<void>;
  /** New legend text (e.g. after a language switch); the image stays. */
  setLegend(legend: LegendSpec): void;
  /** Value of the shown grid at a longitude/latitude (null outside / no data). */
  valueAt(lon: number, lat: number): number | null;
  setVisible(visible: boolean): void;
  remove(): void;
}

/** Overlays currently shown, in drawing order (the PNG export draws their legends). */
export const shownOverlays = new Map<string, RasterOverlay>();

async function layerFor(grid: RasterGrid, ramp: ColourRampSpec, opacity: number): Promise<ImageryLayer> {
  const image = reprojectToLonLat(grid, ramp);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d')!;
  const data = ctx.createImageData(image.width, image.height);
  data.data.set(image.rgba);
  ctx.putImageData(data, 0, 0);
  const provider = await SingleTileImageryProvider.fromUrl(canvas.toDataURL('image/png'), {
    rectangle: Rectangle.fromDegrees(image.west, image.south, image.east, image.north),
  });
  // Nearest filtering keeps cell edges crisp when zoomed in.
  return new ImageryLayer(provider, {
    alpha: opacity,
    magnificationFilter: TextureMagnificationFilter.NEAREST,
    minificationFilter: TextureMinificationFilter.NEAREST,
  });
}

export async function showRasterOverlay(viewer: CesiumWidget, options: RasterOverlayOptions): Promise<RasterOverlay> {
  shownOverlays.get(options.id)?.remove();
  const opacity = options.opacity ?? 1;
  let ramp = options.ramp;
  let layer: ImageryLayer | null = await layerFor(options.grid, ramp, opacity);
  viewer.imageryLayers.add(layer);
  let legend = options.legend;
  let removeLegend = showLegendBox(options.id, legend, ramp, options.classLabels);
  let visible = true;
  const showLegend = () => {
    removeLegend();
    removeLegend = showLegendBox(options.id, legend, ramp, options.classLabels);
    const box = document.getElementById(`legend-${options.id}`);
    if (box) box.hidden = !visible;
  };
  viewer.scene.requestRender();
  const overlay: RasterOverlay = {
    id: options.id,
    grid: options.grid,
    get ramp() {
      return ramp;
    },
    get legend() {
      return legend;
    },
    classLabels: options.classLabels,
    get visible() {
      return visible;
    },
    async update(grid, newRamp) {
      if (!layer) return;
      if (newRamp) {
        ramp = newRamp;
        showLegend();
      }
      const next = await layerFor(grid, ramp, opacity);
      if (!layer) return; // removed while drawing
      next.show = visible;
      viewer.imageryLayers.remove(layer, true);
      viewer.imageryLayers.add(next);
      layer = next;
      overlay.grid = grid;
      viewer.scene.requestRender();
    },
    setLegend(next) {
      if (!layer) return;
      legend = next;
      showLegend();
    },
    valueAt(lon, lat) {
      return gridValueAt(overlay.grid, lon, lat);
    },
    setVisible(v) {
      visible = v;
      if (layer) layer.show = v;
      const box = document.getElementById(`legend-${options.id}`);
      if (box) box.hidden = !v;
      viewer.scene.requestRender();
    },
    remove() {
      if (layer) viewer.imageryLayers.remove(layer, true);
      layer = null;
      removeLegend();
      if (shownOverlays.get(options.id) === overlay) shownOverlays.delete(options.id);
      viewer.scene.requestRender();
    },
  };
  shownOverlays.set(options.id, overlay);
  return overlay;
}
