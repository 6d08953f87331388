// Keyboard habits of desktop GIS on top of Cesium's mouse controls: Home (or H) returns to the
// start view, as Cesium's home button does; Shift widens it to the whole city (Shift+Home or
// Shift+H: "All of Seoul", a GIS's full extent); +/- zoom, arrow keys pan. Steps scale with the
// camera height so they feel the same over a block and over the whole city. Keys typed into form
// fields are left alone.
import { Cartographic, Ellipsoid, type CesiumWidget } from 'cesium';
import { on } from './dom.js';
import type { Remover } from './lifetime.js';
import type { ViewActions } from './viewControls.js';

/** Returns the Remover of the key handling. */
export function setUpKeyboard(viewer: CesiumWidget, views: ViewActions): Remover {
  return on(document, 'keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
    const camera = viewer.camera;
    const height = Cartographic.fromCartesian(camera.positionWC, Ellipsoid.WGS84)?.height ?? 1000;
    const step = Math.max(5, height * 0.15);
    switch (e.key) {
      case 'Home':
      case 'h':
      case 'H':
        // Caps Lock gives 'H' without Shift: still Home.
        if (e.shiftKey) views.allOfCity();
        else views.home();
        break;
      case '+':
      case '=':
        camera.zoomIn(step);
        break;
      case '-':
      case '_':
        camera.zoomOut(step);
        break;
      case 'ArrowUp':
        camera.moveUp(step);
        break;
      case 'ArrowDown':
        camera.moveDown(step);
        break;
      case 'ArrowLeft':
        camera.moveLeft(step);
        break;
      case 'ArrowRight':
        camera.moveRight(step);
        break;
      default:
        return;
    }
    e.preventDefault();
    viewer.scene.requestRender();
  });
}
