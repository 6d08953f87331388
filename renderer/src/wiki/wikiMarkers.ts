// Wiki features on the globe: approved ones as blue points with their name, the user's own
// pending edits in orange, marked "pending", and one preview marker for the moderator queue.
// Labels are drawn by Cesium into a texture, so user text is never parsed as markup.
import {
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  PointPrimitiveCollection,
  VerticalOrigin,
  type CesiumWidget,
} from 'cesium';
import type { WikiFeature, WikiGeometry, WikiProperties, WikiRevision } from '../../../common/api/wikiContract.js';
import { wikiText } from './wikiText.js';

export interface MarkerInfo {
  id: string;
  label: string;
  pending: boolean;
  lon: number;
  lat: number;
}

const APPROVED = Color.fromCssColorString('#3fa7ff');
const PENDING = Color.fromCssColorString('#ff9d2e');
const PREVIEW = Color.fromCssColorString('#ff3fd2');

export function anchorOf(g: WikiGeometry | null): [number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') return g.coordinates;
  const ring = g.coordinates[0].slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

export function labelOf(kind: string, p: WikiProperties, max = Number.POSITIVE_INFINITY): string {
  const s = String(p.name_ko ?? p.name_en ?? p.name ?? p.text ?? p.problem ?? kind);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export class WikiMarkers {
  private readonly points: PointPrimitiveCollection;
  private readonly labels: LabelCollection;
  private markers: MarkerInfo[] = [];

  constructor(private readonly viewer: CesiumWidget) {
    this.points = viewer.scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
    this.labels = viewer.scene.primitives.add(new LabelCollection()) as LabelCollection;
  }

  destroy(): void {
    this.viewer.scene.primitives.remove(this.points);
    this.viewer.scene.primitives.remove(this.labels);
    this.markers = [];
  }

  list(): MarkerInfo[] {
    return this.markers;
  }

  private position(lon: number, lat: number): Cartesian3 {
    const ground = this.viewer.scene.globe.getHeight(Cartographic.fromDegrees(lon, lat)) ?? 0;
    return Cartesian3.fromDegrees(lon, lat, ground + 15);
  }

  private add(m: MarkerInfo, color: Color): void {
    const position = this.position(m.lon, m.lat);
    this.points.add({ position, color, pixelSize: 12, outlineColor: Color.WHITE, outlineWidth: 2, disableDepthTestDistance: Number.POSITIVE_INFINITY });
    this.labels.add({
      position,
      // Long names are shortened on the map only; lists and the hook carry them whole.
      text: `${m.label.length > 40 ? `${m.label.slice(0, 39)}…` : m.label}${m.pending ? ` (${wikiText('pendingTag')})` : ''}`,
      font: '13px sans-serif',
      fillColor: Color.WHITE,
      outlineColor: color.darken(0.5, new Color()),
      outlineWidth: 3,
      style: LabelStyle.FILL_AND_OUTLINE,
      horizontalOrigin: HorizontalOrigin.CENTER,
      verticalOrigin: VerticalOrigin.BOTTOM,
      pixelOffset: new Cartesian2(0, -10),
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
    this.markers.push(m);
  }

  draw(features: WikiFeature[], pending: WikiRevision[], preview: WikiRevision | null = null): void {
    this.points.removeAll();
    this.labels.removeAll();
    this.markers = [];
    const pendingIds = new Set(pending.map((p) => p.featureId));
    for (const f of features) {
      const a = anchorOf(f.geometry);
      if (a && !pendingIds.has(f.id)) this.add({ id: f.id, label: labelOf(f.kind, f.properties), pending: false, lon: a[0], lat: a[1] }, APPROVED);
    }
    for (const p of pending) {
      const a = anchorOf(p.geometry);
      if (a) this.add({ id: p.featureId, label: labelOf(p.kind, p.properties), pending: true, lon: a[0], lat: a[1] }, PENDING);
    }
    if (preview) {
      const a = anchorOf(preview.geometry);
      if (a) this.add({ id: preview.featureId, label: labelOf(preview.kind, preview.properties), pending: true, lon: a[0], lat: a[1] }, PREVIEW);
    }
    this.viewer.scene.requestRender();
  }
}
