// Map clicks for the planning and analysis tools: one ScreenSpaceEventHandler, one active tool at a
// time. A tool captures clicks (and optionally mouse moves, double clicks) until it releases them.
import { Cartesian2, Cartographic, Math as CesiumMath, ScreenSpaceEventHandler, ScreenSpaceEventType, type CesiumWidget } from 'cesium';

export interface MapPoint {
  lon: number;
  lat: number;
  /** Ellipsoidal height of the picked surface (roof or terrain). */
  height: number;
  screen: { x: number; y: number };
  picked: unknown;
}

export interface CaptureHandlers {
  click?(p: MapPoint): void;
  move?(p: MapPoint): void;
  doubleClick?(p: MapPoint): void;
  down?(p: MapPoint): boolean | void;
  up?(p: MapPoint): void;
}

/** Longitude/latitude under a window position: the drawn surface (buildings) if depth picking works, else the terrain. */
export function pickMapPoint(viewer: CesiumWidget, x: number, y: number): MapPoint | null {
  const scene = viewer.scene;
  const pos = new Cartesian2(x, y);
  const picked: unknown = scene.pick(pos);
  let world = scene.pickPositionSupported ? scene.pickPosition(pos) : undefined;
  if (!world) {
    const ray = viewer.camera.getPickRay(pos);
    world = ray ? scene.globe.pick(ray, scene) : undefined;
  }
  if (!world) return null;
  const c = Cartographic.fromCartesian(world);
  if (!c) return null;
  return { lon: CesiumMath.toDegrees(c.longitude), lat: CesiumMath.toDegrees(c.latitude), height: c.height, screen: { x, y }, picked };
}

export class MapInput {
  private handlers: CaptureHandlers | null = null;
  private owner: string | null = null;
  /** Clicks nobody captured (selection of proposals). */
  idle: CaptureHandlers = {};
  /** Told of every click that no tool captured (facade floors show their values). */
  private readonly clickListeners = new Set<(p: MapPoint) => void>();

  onClick(listener: (p: MapPoint) => void): void {
    this.clickListeners.add(listener);
  }

  constructor(private readonly viewer: CesiumWidget) {
    const h = new ScreenSpaceEventHandler(viewer.scene.canvas);
    const point = (pos: Cartesian2) => pickMapPoint(viewer, pos.x, pos.y);
    const active = () => this.handlers ?? this.idle;
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => {
      const p = point(e.position);
      if (!p) return;
      const captured = this.handlers !== null;
      active().click?.(p);
      if (!captured) for (const l of this.clickListeners) l(p);
    }, ScreenSpaceEventType.LEFT_CLICK);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => {
      const p = point(e.position);
      if (p) active().doubleClick?.(p);
    }, ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
    h.setInputAction((e: ScreenSpaceEventHandler.MotionEvent) => {
      const a = active();
      if (!a.move) return;
      const p = point(e.endPosition);
      if (p) a.move(p);
    }, ScreenSpaceEventType.MOUSE_MOVE);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => {
      const p = point(e.position);
      if (p && active().down?.(p) === true) viewer.scene.screenSpaceCameraController.enableInputs = false;
    }, ScreenSpaceEventType.LEFT_DOWN);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => {
      viewer.scene.screenSpaceCameraController.enableInputs = true;
      const p = point(e.position);
      if (p) active().up?.(p);
    }, ScreenSpaceEventType.LEFT_UP);
  }

  /** Sends map input to `owner` until release(owner) or another capture. */
  capture(owner: string, handlers: CaptureHandlers): void {
    this.owner = owner;
    this.handlers = handlers;
    this.viewer.scene.canvas.style.cursor = 'crosshair';
  }

  release(owner: string): void {
    if (this.owner !== owner) return;
    this.owner = null;
    this.handlers = null;
    this.viewer.scene.canvas.style.cursor = '';
  }

  get capturedBy(): string | null {
    return this.owner;
  }
}
