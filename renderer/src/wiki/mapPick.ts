// One-shot map picking: the next left click on the globe gives its longitude and latitude
// (Escape cancels). Used by the "add a place" and "note pin" tools.
import { Cartographic, Math as CesiumMath, ScreenSpaceEventHandler, ScreenSpaceEventType, type CesiumWidget } from 'cesium';

export function pickLonLat(viewer: CesiumWidget, hint: HTMLElement): Promise<[number, number] | null> {
  return new Promise((resolve) => {
    const handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
    hint.hidden = false;
    const finish = (value: [number, number] | null) => {
      handler.destroy();
      document.removeEventListener('keydown', onKey);
      hint.hidden = true;
      resolve(value);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') finish(null);
    };
    document.addEventListener('keydown', onKey);
    handler.setInputAction((click: ScreenSpaceEventHandler.PositionedEvent) => {
      const scene = viewer.scene;
      const ray = viewer.camera.getPickRay(click.position);
      // The depth buffer gives the clicked surface (a rooftop for a building); else the terrain.
      const onSurface = scene.pickPositionSupported ? scene.pickPosition(click.position) : undefined;
      const onGlobe = ray ? scene.globe.pick(ray, scene) : undefined;
      const position = onSurface ?? onGlobe ?? viewer.camera.pickEllipsoid(click.position, scene.globe.ellipsoid);
      if (!position) return; // clicked the sky: keep waiting
      const c = Cartographic.fromCartesian(position);
      finish([Number(CesiumMath.toDegrees(c.longitude).toFixed(7)), Number(CesiumMath.toDegrees(c.latitude).toFixed(7))]);
    }, ScreenSpaceEventType.LEFT_CLICK);
  });
}
