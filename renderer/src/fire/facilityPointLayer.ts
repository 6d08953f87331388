// Draws one facility point layer at every zoom and keeps the frame light:
// - close (few points in view): every facility in view as its own clickable point, set on the
//   loaded terrain;
// - far: the points in view aggregated into square grid cells (computed in the analysis worker),
//   one sized, labelled point per cell; clicking a cell zooms into it.
// The view is re-evaluated when the camera stops moving, so frames never pay for 62,732 points.
import {
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Math as CesiumMath,
  NearFarScalar,
  PointPrimitiveCollection,
  Rectangle,
  VerticalOrigin,
  type CesiumWidget,
} from 'cesium';
import { runAnalysis } from '../analysis/analysisClient.js';
import type { PointLayerData } from './pointLayerData.js';

/** Individual points are drawn when at most this many are in view. */
export const MAX_INDIVIDUAL_POINTS = 4000;

export interface PickedFacility {
  kind: 'facility';
  layerId: string;
  index: number;
}
export interface PickedCluster {
  kind: 'cluster';
  layerId: string;
  lon: number;
  lat: number;
  count: number;
}

export interface FacilityLayerStyle {
  colour: string;
  pixelSize: number;
  /** Colour per point index (live status), or null for the layer colour. */
  colourOf?: (index: number) => string | null;
}

export interface FacilityPointLayerStats {
  mode: 'points' | 'clusters' | 'hidden';
  drawn: number;
  /** Facilities represented by what is drawn (points, or the sum of cluster counts). */
  represented: number;
}

export class FacilityPointLayer {
  private readonly points: PointPrimitiveCollection;
  private readonly labels: LabelCollection;
  private visible = false;
  private generation = 0;
  stats: FacilityPointLayerStats = { mode: 'hidden', drawn: 0, represented: 0 };
  private readonly removeListeners: Array<() => void> = [];
  private destroyed = false;

  constructor(
    private readonly viewer: CesiumWidget,
    readonly data: PointLayerData,
    private readonly style: FacilityLayerStyle,
  ) {
    this.points = viewer.scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
    this.labels = viewer.scene.primitives.add(new LabelCollection()) as LabelCollection;
    this.removeListeners.push(viewer.camera.moveEnd.addEventListener(() => void this.refresh()));
    // Terrain arriving later lifts the points onto it.
    this.removeListeners.push(
      viewer.scene.globe.tileLoadProgressEvent.addEventListener((queued: number) => {
        if (queued === 0 && this.visible && this.stats.mode === 'points') void this.refresh();
      }),
    );
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    void this.refresh();
  }

  /** Re-colours the drawn points (a status change) without rebuilding the view. */
  recolour(): void {
    if (this.stats.mode !== 'points') return;
    for (let i = 0; i < this.points.length; i++) {
      const p = this.points.get(i);
      const picked = p.id as PickedFacility;
      p.color = Color.fromCssColorString(this.style.colourOf?.(picked.index) ?? this.style.colour);
    }
    this.viewer.scene.requestRender();
  }

  /**
   * The area to draw, [west, south, east, north] in degrees. Close to the ground: a square around
   * the point at the centre of the screen, 4x the camera height in each direction (at least 1 km),
   * because an oblique view's rectangle reaches the horizon. Higher up: the view rectangle widened
   * by 20 %, or everything when the sky is in view.
   */
  private viewBox(): [number, number, number, number] {
    const scene = this.viewer.scene;
    const camera = this.viewer.camera;
    const height = camera.positionCartographic.height;
    if (height < 5000) {
      const canvas = scene.canvas;
      const ray = camera.getPickRay(new Cartesian2(canvas.clientWidth / 2, canvas.clientHeight / 2));
      const hit = ray ? scene.globe.pick(ray, scene) : undefined;
      const centre = hit ? Cartographic.fromCartesian(hit) : camera.positionCartographic;
      const ground = hit ? centre.height : 0;
      const radius = Math.max(1000, 4 * (height - ground));
      const lat = CesiumMath.toDegrees(centre.latitude);
      const lon = CesiumMath.toDegrees(centre.longitude);
      const dLat = radius / 111_195;
      const dLon = dLat / Math.cos(centre.latitude);
      return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
    }
    const r = camera.computeViewRectangle(scene.globe.ellipsoid);
    if (!r) return [-180, -90, 180, 90];
    const [w, s, e, n] = [r.west, r.south, r.east, r.north].map(CesiumMath.toDegrees);
    const mx = (e - w) * 0.2;
    const my = (n - s) * 0.2;
    return [w - mx, s - my, e + mx, n + my];
  }

  async refresh(): Promise<void> {
    if (this.destroyed) return;
    const generation = ++this.generation;
    const scene = this.viewer.scene;
    if (!this.visible) {
      this.points.removeAll();
      this.labels.removeAll();
      this.stats = { mode: 'hidden', drawn: 0, represented: 0 };
      scene.requestRender();
      return;
    }
    const view = this.viewBox();
    const ext = this.extent();
    // Clip to the layer's extent so cluster cells follow what can actually be seen.
    const box: [number, number, number, number] = [Math.max(view[0], ext[0]), Math.max(view[1], ext[1]), Math.min(view[2], ext[2]), Math.min(view[3], ext[3])];
    const ll = this.data.lonLat;
    const inView: number[] = [];
    for (let i = 0; i < ll.length / 2 && inView.length <= MAX_INDIVIDUAL_POINTS; i++) {
      const lon = ll[2 * i];
      const lat = ll[2 * i + 1];
      if (lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]) inView.push(i);
    }
    if (inView.length <= MAX_INDIVIDUAL_POINTS) {
      this.drawPoints(inView);
      return;
    }
    // Cells about 1/12 of the view's height: a readable number of clusters at any zoom.
    const cell = Math.max(0.0005, Math.max(box[3] - box[1], (box[2] - box[0]) * 0.8) / 1.4 / 12);
    const agg = await runAnalysis('aggregateGrid', { points: ll, cellDegrees: cell, bbox: box });
    if (generation !== this.generation) return; // the camera moved on meanwhile
    this.drawClusters(agg.lonLat, agg.count);
  }

  private extentCache: [number, number, number, number] | null = null;

  private extent(): [number, number, number, number] {
    if (!this.extentCache) {
      const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      const ll = this.data.lonLat;
      for (let i = 0; i < ll.length; i += 2) {
        e[0] = Math.min(e[0], ll[i]);
        e[1] = Math.min(e[1], ll[i + 1]);
        e[2] = Math.max(e[2], ll[i]);
        e[3] = Math.max(e[3], ll[i + 1]);
      }
      this.extentCache = e;
    }
    return this.extentCache;
  }

  private groundHeight(lon: number, lat: number): number {
    return this.viewer.scene.globe.getHeight(Cartographic.fromDegrees(lon, lat)) ?? 0;
  }

  private drawPoints(indices: number[]): void {
    this.points.removeAll();
    this.labels.removeAll();
    const ll = this.data.lonLat;
    for (const i of indices) {
      const lon = ll[2 * i];
      const lat = ll[2 * i + 1];
      this.points.add({
        position: Cartesian3.fromDegrees(lon, lat, this.groundHeight(lon, lat) + 1.5),
        pixelSize: this.style.pixelSize,
        color: Color.fromCssColorString(this.style.colourOf?.(i) ?? this.style.colour),
        outlineColor: Color.WHITE,
        outlineWidth: 1.5,
        // Stay visible behind buildings: a hydrant hidden by a facade still matters.
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        scaleByDistance: new NearFarScalar(300, 1.3, 8000, 0.7),
        id: { kind: 'facility', layerId: this.data.info.id, index: i } satisfies PickedFacility,
      });
    }
    this.stats = { mode: 'points', drawn: indices.length, represented: indices.length };
    this.viewer.scene.requestRender();
  }

  private drawClusters(lonLat: Float64Array, count: Uint32Array): void {
    this.points.removeAll();
    this.labels.removeAll();
    const colour = Color.fromCssColorString(this.style.colour).withAlpha(0.85);
    let represented = 0;
    for (let c = 0; c < count.length; c++) {
      const lon = lonLat[2 * c];
      const lat = lonLat[2 * c + 1];
      const n = count[c];
      represented += n;
      const position = Cartesian3.fromDegrees(lon, lat, this.groundHeight(lon, lat) + 2);
      this.points.add({
        position,
        pixelSize: Math.min(26, 7 + 5 * Math.log10(n)),
        color: colour,
        outlineColor: Color.WHITE,
        outlineWidth: 1,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        id: { kind: 'cluster', layerId: this.data.info.id, lon, lat, count: n } satisfies PickedCluster,
      });
      if (n > 1) {
        this.labels.add({
          position,
          text: n >= 1000 ? `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k` : String(n),
          font: '11px sans-serif',
          fillColor: Color.WHITE,
          outlineColor: Color.BLACK,
          outlineWidth: 2,
          style: LabelStyle.FILL_AND_OUTLINE,
          horizontalOrigin: HorizontalOrigin.CENTER,
          verticalOrigin: VerticalOrigin.CENTER,
          pixelOffset: new Cartesian2(0, 0),
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
      }
    }
    this.stats = { mode: 'clusters', drawn: count.length, represented };
    this.viewer.scene.requestRender();
  }

  /** World position of a drawn facility point (tests, panels), or null when not drawn. */
  pointPosition(index: number): Cartesian3 | null {
    for (let i = 0; i < this.points.length; i++) {
      const p = this.points.get(i);
      if ((p.id as PickedFacility).kind === 'facility' && (p.id as PickedFacility).index === index) return p.position;
    }
    return null;
  }

  drawnIndices(): number[] {
    const out: number[] = [];
    if (this.stats.mode !== 'points') return out;
    for (let i = 0; i < this.points.length; i++) out.push((this.points.get(i).id as PickedFacility).index);
    return out;
  }

  /** Flies to a cluster, close enough that it splits. */
  zoomTo(cluster: PickedCluster): void {
    const height = this.viewer.camera.positionCartographic.height;
    this.viewer.camera.flyTo({
      destination: Rectangle.fromDegrees(cluster.lon - 0.004, cluster.lat - 0.003, cluster.lon + 0.004, cluster.lat + 0.003),
      duration: height > 20_000 ? 1.5 : 0.8,
    });
  }

  destroy(): void {
    // A cluster computation still in the worker finds a newer generation and draws nothing.
    this.destroyed = true;
    this.generation++;
    for (const r of this.removeListeners) r();
    this.viewer.scene.primitives.remove(this.points);
    this.viewer.scene.primitives.remove(this.labels);
  }
}
