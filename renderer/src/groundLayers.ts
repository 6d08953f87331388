// Ground layers (water, parks, district boundaries, roads) draped on the terrain. Each layer is
// batched into at most one GroundPrimitive (fills) and one GroundPolylinePrimitive (lines), so a
// few thousand features cost a few draw calls, not thousands of entities.
import {
  Cartesian3,
  ClassificationType,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  GroundPolylineGeometry,
  GroundPolylinePrimitive,
  GroundPrimitive,
  HeightReference,
  LabelCollection,
  LabelStyle,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineColorAppearance,
  Cartesian2,
  VerticalOrigin,
  type Scene,
} from 'cesium';
import type { GroundLayerInfo } from '../../common/buildFormat.js';
import { boxesIntersect, featureBox, labelPoint, readFeatureCollection, type LonLatBox, type Position, type ReadFeature } from './geojson.js';
import { language, onLanguageChange } from './i18n.js';

interface GroundStyle {
  fill: Color | null;
  line: Color;
  lineWidth: number;
  /** Draw polygon outlines as lines (district boundaries) instead of fills. */
  outlinePolygons: boolean;
}

const STYLES: Record<string, GroundStyle> = {
  water: { fill: Color.fromCssColorString('#2f7fd0').withAlpha(0.8), line: Color.fromCssColorString('#2f7fd0'), lineWidth: 3, outlinePolygons: false },
  waterways: { fill: null, line: Color.fromCssColorString('#2f7fd0'), lineWidth: 2, outlinePolygons: false },
  parks: { fill: Color.fromCssColorString('#34b04a').withAlpha(0.7), line: Color.fromCssColorString('#34b04a'), lineWidth: 2, outlinePolygons: false },
  districts: { fill: null, line: Color.fromCssColorString('#ffd23f'), lineWidth: 3, outlinePolygons: true },
  roads: {
    fill: Color.fromCssColorString('#6d6d6d').withAlpha(0.8),
    line: Color.fromCssColorString('#5a5a5a').withAlpha(0.9),
    lineWidth: 2,
    outlinePolygons: false,
  },
};
const DEFAULT_STYLE: GroundStyle = { fill: Color.WHITE.withAlpha(0.5), line: Color.WHITE, lineWidth: 2, outlinePolygons: false };

export interface GroundLayerHandle {
  show: boolean;
  /** Start drawing (until then `show` is only remembered); see cityLayers.ts for why. */
  release(): void;
  /** True once released and every primitive has its geometry on the GPU. */
  readonly ready: boolean;
  featureCount: number;
  problems: string[];
  destroy(): void;
}

function toCartesians(ring: Position[]): Cartesian3[] {
  return Cartesian3.fromDegreesArray(ring.flat());
}

function polygonInstances(features: ReadFeature[], colour: Color): GeometryInstance[] {
  const colourAttribute = ColorGeometryInstanceAttribute.fromColor(colour);
  const instances: GeometryInstance[] = [];
  for (const f of features) {
    for (const p of f.polygons) {
      const hierarchy = new PolygonHierarchy(
        toCartesians(p.outer),
        p.holes.map((h) => new PolygonHierarchy(toCartesians(h))),
      );
      instances.push(
        new GeometryInstance({
          geometry: new PolygonGeometry({ polygonHierarchy: hierarchy }),
          attributes: { color: colourAttribute },
          id: f.id,
        }),
      );
    }
  }
  return instances;
}

function lineInstances(features: ReadFeature[], style: GroundStyle): GeometryInstance[] {
  const colourAttribute = ColorGeometryInstanceAttribute.fromColor(style.line);
  const instances: GeometryInstance[] = [];
  const add = (positions: Position[], loop: boolean, id: string) => {
    instances.push(
      new GeometryInstance({
        geometry: new GroundPolylineGeometry({ positions: toCartesians(positions), width: style.lineWidth, loop }),
        attributes: { color: colourAttribute },
        id,
      }),
    );
  };
  for (const f of features) {
    for (const line of f.lines) add(line, false, f.id);
    if (style.outlinePolygons) {
      for (const p of f.polygons) {
        // GeoJSON rings repeat their first position; a looped polyline closes itself.
        add(p.outer.slice(0, -1), true, f.id);
        for (const h of p.holes) add(h.slice(0, -1), true, f.id);
      }
    }
  }
  return instances;
}

function districtName(properties: Record<string, unknown>): { ko: string; en: string } {
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = properties[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
    return '';
  };
  const ko = pick('name_ko', 'nameKo', 'name', 'NAME');
  const en = pick('name_en', 'nameEn', 'name_eng', 'NAME_ENG');
  return { ko: ko || en, en: en || ko };
}

/**
 * Loads one ground layer. With `area`, only features touching that box are drawn (light mode:
 * software WebGL spends seconds per frame on city-wide classification volumes).
 */
/** `url`: where info.path is served (the caller adds the build version). */
export async function loadGroundLayer(scene: Scene, url: string, info: GroundLayerInfo, area: LonLatBox | null): Promise<GroundLayerHandle> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${info.path}: HTTP ${response.status}`);
  const read = readFeatureCollection(await response.json(), info.path);
  const { problems } = read;
  for (const p of problems) console.warn(`ground layer ${info.id}: ${p}`);
  const features = area ? read.features.filter((f) => boxesIntersect(featureBox(f), area)) : read.features;

  const style = STYLES[info.id] ?? DEFAULT_STYLE;
  const primitives: (GroundPrimitive | GroundPolylinePrimitive | LabelCollection)[] = [];
  let offLanguage = () => {};
  let redrawTimer: ReturnType<typeof setTimeout> | undefined;

  const fills = style.outlinePolygons || !style.fill ? [] : polygonInstances(features, style.fill);
  if (fills.length) {
    primitives.push(
      scene.groundPrimitives.add(
        new GroundPrimitive({
          geometryInstances: fills,
          appearance: new PerInstanceColorAppearance({ flat: true, translucent: style.fill!.alpha < 1 }),
          classificationType: ClassificationType.TERRAIN,
        }),
      ),
    );
  }
  const lines = lineInstances(features, style);
  if (lines.length) {
    primitives.push(
      scene.groundPrimitives.add(
        new GroundPolylinePrimitive({
          geometryInstances: lines,
          appearance: new PolylineColorAppearance({ translucent: style.line.alpha < 1 }),
          classificationType: ClassificationType.TERRAIN,
        }),
      ),
    );
  }

  if (info.id === 'districts') {
    const labels = scene.primitives.add(new LabelCollection({ scene })) as LabelCollection;
    const named = features.map((f) => ({ f, name: districtName(f.properties), at: labelPoint(f) }));
    for (const { name, at, f } of named) {
      if (!at) {
        console.warn(`ground layer districts: feature ${f.id} has no area, label not drawn`);
        continue;
      }
      labels.add({
        position: Cartesian3.fromDegrees(at[0], at[1]),
        heightReference: HeightReference.CLAMP_TO_GROUND,
        text: name[language()],
        font: '600 15px "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", sans-serif',
        fillColor: Color.WHITE,
        outlineColor: Color.fromCssColorString('#202020'),
        outlineWidth: 3,
        style: LabelStyle.FILL_AND_OUTLINE,
        verticalOrigin: VerticalOrigin.BOTTOM,
        pixelOffset: new Cartesian2(0, -4),
        // Names stay readable over terrain and buildings.
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        id: { layer: 'districts', featureId: f.id },
      });
    }
    offLanguage = onLanguageChange((lang) => {
      let i = 0;
      for (const { at, name } of named) {
        if (!at) continue;
        labels.get(i++).text = name[lang];
      }
      scene.requestRender();
    });
    primitives.push(labels);
  }

  let show = info.defaultVisible;
  let released = false;
  const apply = () => {
    for (const p of primitives) p.show = show && released;
    scene.requestRender();
  };
  apply();
  return {
    get show() {
      return show;
    },
    set show(value: boolean) {
      show = value;
      apply();
    },
    release() {
      released = true;
      apply();
      // Clamped labels get their heights during the next frame; draw once more after that.
      redrawTimer = setTimeout(() => scene.requestRender(), 500);
    },
    get ready() {
      return released && primitives.every((p) => p instanceof LabelCollection || p.ready);
    },
    featureCount: features.length,
    problems,
    destroy() {
      offLanguage();
      clearTimeout(redrawTimer);
      for (const p of primitives) {
        if (p instanceof LabelCollection) scene.primitives.remove(p);
        else scene.groundPrimitives.remove(p);
      }
    },
  };
}
