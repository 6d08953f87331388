// The S-DoT sites on the globe: one point primitive per site, coloured and ringed as the model's
// looks say (sensorModel.ts). Each point's pick id names its site index ({ sdotSite: i }).
import { Cartesian3, Color, NearFarScalar, PointPrimitiveCollection, SceneTransforms, type CesiumWidget, type PointPrimitive } from 'cesium';
import { NO_READING_RGB, type SiteLook, type SiteRing } from './sensorModel.js';

const NO_READING = Color.fromBytes(...NO_READING_RGB);
const RINGS: Record<SiteRing, Color> = {
  plain: Color.fromCssColorString('#1c1f24'),
  flagged: Color.fromCssColorString('#ff3b30'),
  silent: Color.fromCssColorString('#ff9f0a'),
};

/** The site index a scene.pick result names, or null. */
export function sensorSiteOf(picked: unknown): number | null {
  const i = (picked as { id?: { sdotSite?: unknown } } | undefined)?.id?.sdotSite;
  return typeof i === 'number' ? i : null;
}

export class SensorSiteDrawing {
  private readonly points: PointPrimitiveCollection;
  private sitePoints: PointPrimitive[] = [];

  constructor(
    private readonly viewer: CesiumWidget,
    show: boolean,
  ) {
    this.points = viewer.scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
    this.points.show = show;
  }

  get show(): boolean {
    return this.points.show;
  }

  set show(show: boolean) {
    this.points.show = show;
    this.viewer.scene.requestRender();
  }

  /** One point per site, 40 m above the ellipsoid (drawn over terrain and roofs), "no reading" grey. */
  setSites(lonLat: Float64Array): void {
    this.points.removeAll();
    this.sitePoints = [];
    for (let i = 0; i < lonLat.length / 2; i++) {
      this.sitePoints.push(
        this.points.add({
          position: Cartesian3.fromDegrees(lonLat[2 * i], lonLat[2 * i + 1], 40),
          pixelSize: 9,
          color: NO_READING,
          outlineColor: RINGS.plain,
          outlineWidth: 2,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
          scaleByDistance: new NearFarScalar(1_000, 1.4, 60_000, 0.7),
          id: { sdotSite: i },
        }),
      );
    }
  }

  /** Colours and rings every site as `looks` (one per site, in site order) says. */
  apply(looks: readonly SiteLook[]): void {
    looks.forEach((look, i) => {
      const p = this.sitePoints[i];
      if (!p) return;
      p.color = Color.fromBytes(look.colour[0], look.colour[1], look.colour[2]);
      p.outlineColor = RINGS[look.ring];
    });
    this.viewer.scene.requestRender();
  }

  /** Sites drawn now (0 while the layer is off). */
  get drawnCount(): number {
    return this.points.show ? this.sitePoints.filter((p) => p.show).length : 0;
  }

  /** Window position (CSS px) of a site's point, or null when off screen. */
  windowPosition(index: number): { x: number; y: number } | null {
    const point = this.sitePoints[index];
    if (!point) return null;
    const p = SceneTransforms.worldToWindowCoordinates(this.viewer.scene, point.position);
    if (!p) return null;
    const rect = this.viewer.scene.canvas.getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }

  destroy(): void {
    this.viewer.scene.primitives.remove(this.points);
    this.sitePoints = [];
    this.viewer.scene.requestRender();
  }
}
