// The one map-input handler of the app: one ScreenSpaceEventHandler on the canvas, one scene.pick
// per click, its result and the surface position under the pointer handed to every subscriber.
// Building selection, facility and sensor clicks, proposal editing (drags) and the tools that take
// the next clicks (placing proposals, drawing areas, the wiki's place picker) all go through it;
// the routing rules are PickRouter's (pickRouter.ts).
//
//   const input = new PickDispatcher(viewer);
//   const off = input.onClick((pick) => select(pick.picked));          // every uncaptured click
//   input.capture('plan', { click: (p) => place(p.lon, p.lat) });      // the next clicks, until
//   input.release('plan');                                             // released
//   input.destroy();
import { Cartesian2, Cartographic, Math as CesiumMath, ScreenSpaceEventHandler, ScreenSpaceEventType, type CesiumWidget } from 'cesium';
import { lazyPick, PickRouter, type LonLatHeight, type MapPick, type ScreenPosition } from './pickRouter.js';

export type { CaptureHandlers, Drag, LonLatHeight, MapPick, MapPoint } from './pickRouter.js';

/** The drawn surface (a rooftop, from the depth buffer) under a window position, else the terrain, else the ellipsoid; null over the sky. */
export function surfacePoint(viewer: CesiumWidget, position: Cartesian2): LonLatHeight | null {
  const scene = viewer.scene;
  let world = scene.pickPositionSupported ? scene.pickPosition(position) : undefined;
  if (!world) {
    const ray = viewer.camera.getPickRay(position);
    world = (ray ? scene.globe.pick(ray, scene) : undefined) ?? viewer.camera.pickEllipsoid(position, scene.globe.ellipsoid);
  }
  if (!world) return null;
  const c = Cartographic.fromCartesian(world);
  if (!c) return null;
  return { lon: CesiumMath.toDegrees(c.longitude), lat: CesiumMath.toDegrees(c.latitude), height: c.height };
}

function cesiumPick(viewer: CesiumWidget, screen: ScreenPosition): MapPick {
  const position = new Cartesian2(screen.x, screen.y);
  return lazyPick(
    { x: screen.x, y: screen.y },
    (): unknown => viewer.scene.pick(position),
    () => surfacePoint(viewer, position),
  );
}

export class PickDispatcher extends PickRouter {
  private readonly handler: ScreenSpaceEventHandler;

  constructor(viewer: CesiumWidget) {
    const canvas = viewer.scene.canvas;
    super({
      pickAt: (screen) => cesiumPick(viewer, screen),
      nextFrame: (fn) => {
        const id = requestAnimationFrame(fn);
        return () => cancelAnimationFrame(id);
      },
      setCursor: (cursor) => {
        canvas.style.cursor = cursor;
      },
      setCameraInputs: (enabled) => {
        viewer.scene.screenSpaceCameraController.enableInputs = enabled;
      },
    });
    const h = new ScreenSpaceEventHandler(canvas);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => this.down(e.position), ScreenSpaceEventType.LEFT_DOWN);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => this.up(e.position), ScreenSpaceEventType.LEFT_UP);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => this.click(e.position), ScreenSpaceEventType.LEFT_CLICK);
    h.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => this.doubleClick(e.position), ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
    h.setInputAction((e: ScreenSpaceEventHandler.MotionEvent) => this.move(e.endPosition), ScreenSpaceEventType.MOUSE_MOVE);
    this.handler = h;
  }

  override destroy(): void {
    if (!this.handler.isDestroyed()) this.handler.destroy();
    super.destroy();
  }
}
