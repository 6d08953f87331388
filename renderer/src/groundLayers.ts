// Ground layers (water, waterways, parks, district boundaries, roads). Builds with imagery tiles
// (tiles/layers/writeGroundImagery.ts) draw each layer as one imagery layer on the globe, cheap at
// any scale and over the whole city. Older builds have GeoJSON only: each layer is then batched
// into at most one GroundPrimitive (fills) and one GroundPolylinePrimitive (lines), so a few
// thousand features cost a few draw calls, not thousands of entities. District names are labels
// either way.
import {
  Cartesian3,
  ClassificationType,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  GroundPolylineGeometry,
  GroundPolylinePrimitive,
  GroundPrimitive,
  ImageryLayer,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineColorAppearance,
  type CesiumWidget,
  type Scene,
} from 'cesium';
import type { GroundLayerInfo } from '../../common/buildFormat.js';
import { groundStyle } from '../../common/groundStyle.js';
import { addDistrictLabels, type DistrictLabels } from './districtLabels.js';
import { boxesIntersect, featureBox, readFeatureCollection, type LonLatBox, type Position, type ReadFeature } from './geojson.js';
import { createGroundImageryProvider } from './groundImagery.js';

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

export interface GroundLayerContext {
  viewer: CesiumWidget;
  /** URL of a file of the build (the build version included; {z}/{x}/{y} placeholders kept). */
  fileUrl(path: string): string;
  /** Light mode: GeoJSON layers are drawn within this box only (software WebGL spends seconds per frame on city-wide classification volumes). */
  area: LonLatBox | null;
  /** Puts an imagery layer into the globe's imagery stack at its place in the ground layers' draw order. */
  placeImagery(layer: ImageryLayer, id: string): void;
}

async function readLayerGeoJson(url: string, info: GroundLayerInfo): Promise<{ features: ReadFeature[]; problems: string[] }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${info.path}: HTTP ${response.status}`);
  const read = readFeatureCollection(await response.json(), info.path);
  for (const p of read.problems) console.warn(`ground layer ${info.id}: ${p}`);
  return read;
}

export async function loadGroundLayer(ctx: GroundLayerContext, info: GroundLayerInfo): Promise<GroundLayerHandle> {
  return info.imagery ? loadImageryGroundLayer(ctx, info) : loadVectorGroundLayer(ctx, info);
}

// ---- imagery tiles ----

async function loadImageryGroundLayer(ctx: GroundLayerContext, info: GroundLayerInfo): Promise<GroundLayerHandle> {
  const imagery = info.imagery!;
  const scene = ctx.viewer.scene;
  const [provider, read] = await Promise.all([
    createGroundImageryProvider(ctx.fileUrl(imagery.tiles), ctx.fileUrl(imagery.availablePath), imagery, info.bbox),
    info.id === 'districts' ? readLayerGeoJson(ctx.fileUrl(info.path), info) : null,
  ]);
  const layer = new ImageryLayer(provider, { show: info.defaultVisible });
  ctx.placeImagery(layer, info.id);
  const labels = read ? addDistrictLabels(scene, read.features) : null;
  let redrawTimer: ReturnType<typeof setTimeout> | undefined;
  return groundLayerHandle(info.defaultVisible, {
    apply(show) {
      layer.show = show;
      if (labels) labels.labels.show = show;
      scene.requestRender();
    },
    release() {
      // Imagery draws from the start; clamped labels get their heights during the next frame.
      redrawTimer = setTimeout(() => scene.requestRender(), 500);
    },
    ready: () => layer.ready,
    featureCount: info.featureCount,
    problems: read?.problems ?? [],
    destroy() {
      clearTimeout(redrawTimer);
      labels?.destroy();
      ctx.viewer.imageryLayers.remove(layer, true);
    },
  });
}

export interface HandleParts {
  /** Shows or hides what the layer draws. */
  apply(show: boolean): void;
  release(): void;
  ready(): boolean;
  featureCount: number;
  problems: string[];
  destroy(): void;
}

/** A layer handle that remembers `show` and applies it (once at the start, then on every change). */
export function groundLayerHandle(initial: boolean, parts: HandleParts): GroundLayerHandle {
  let show = initial;
  parts.apply(show);
  return {
    get show() {
      return show;
    },
    set show(value: boolean) {
      show = value;
      parts.apply(show);
    },
    release: () => parts.release(),
    get ready() {
      return parts.ready();
    },
    featureCount: parts.featureCount,
    problems: parts.problems,
    destroy: () => parts.destroy(),
  };
}

// ---- GeoJSON draped on the terrain (builds without imagery tiles) ----

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

function lineInstances(features: ReadFeature[], colour: Color, width: number, outlinePolygons: boolean): GeometryInstance[] {
  const colourAttribute = ColorGeometryInstanceAttribute.fromColor(colour);
  const instances: GeometryInstance[] = [];
  const add = (positions: Position[], loop: boolean, id: string) => {
    instances.push(
      new GeometryInstance({
        geometry: new GroundPolylineGeometry({ positions: toCartesians(positions), width, loop }),
        attributes: { color: colourAttribute },
        id,
      }),
    );
  };
  for (const f of features) {
    for (const line of f.lines) add(line, false, f.id);
    if (outlinePolygons) {
      for (const p of f.polygons) {
        // GeoJSON rings repeat their first position; a looped polyline closes itself.
        add(p.outer.slice(0, -1), true, f.id);
        for (const h of p.holes) add(h.slice(0, -1), true, f.id);
      }
    }
  }
  return instances;
}

async function loadVectorGroundLayer(ctx: GroundLayerContext, info: GroundLayerInfo): Promise<GroundLayerHandle> {
  const scene: Scene = ctx.viewer.scene;
  const read = await readLayerGeoJson(ctx.fileUrl(info.path), info);
  const { problems } = read;
  const area = ctx.area;
  const features = area ? read.features.filter((f) => boxesIntersect(featureBox(f), area)) : read.features;

  const style = groundStyle(info.id);
  const fill = style.fill ? Color.fromCssColorString(style.fill).withAlpha(style.fillAlpha) : null;
  const line = Color.fromCssColorString(style.line).withAlpha(style.lineAlpha);
  const primitives: (GroundPrimitive | GroundPolylinePrimitive)[] = [];
  let redrawTimer: ReturnType<typeof setTimeout> | undefined;

  const fills = style.outlinePolygons || !fill ? [] : polygonInstances(features, fill);
  if (fills.length) {
    primitives.push(
      scene.groundPrimitives.add(
        new GroundPrimitive({
          geometryInstances: fills,
          appearance: new PerInstanceColorAppearance({ flat: true, translucent: fill!.alpha < 1 }),
          classificationType: ClassificationType.TERRAIN,
        }),
      ),
    );
  }
  const lines = lineInstances(features, line, style.lineWidth, style.outlinePolygons);
  if (lines.length) {
    primitives.push(
      scene.groundPrimitives.add(
        new GroundPolylinePrimitive({
          geometryInstances: lines,
          appearance: new PolylineColorAppearance({ translucent: line.alpha < 1 }),
          classificationType: ClassificationType.TERRAIN,
        }),
      ),
    );
  }
  const labels: DistrictLabels | null = info.id === 'districts' ? addDistrictLabels(scene, features) : null;

  let released = false;
  let shown = info.defaultVisible;
  const apply = (show: boolean) => {
    shown = show;
    for (const p of primitives) p.show = show && released;
    if (labels) labels.labels.show = show && released;
    scene.requestRender();
  };
  return groundLayerHandle(info.defaultVisible, {
    apply,
    release() {
      released = true;
      apply(shown);
      // Clamped labels get their heights during the next frame; draw once more after that.
      redrawTimer = setTimeout(() => scene.requestRender(), 500);
    },
    ready: () => released && primitives.every((p) => p.ready),
    featureCount: features.length,
    problems,
    destroy() {
      clearTimeout(redrawTimer);
      labels?.destroy();
      for (const p of primitives) scene.groundPrimitives.remove(p);
    },
  });
}
