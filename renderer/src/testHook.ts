// Installs window.__vseoul (shape and purpose: testHookApi.ts).
import { Cartesian3, Cartographic, SceneTransforms, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { BuildingProperties } from '../../common/buildFormat.js';
import { language } from './i18n.js';
import type { VirtualSeoulTestHook } from './testHookApi.js';
import type { LayerRegistry } from './mapLayer.js';

declare global {
  interface Window {
    __vseoul?: VirtualSeoulTestHook;
  }
}

export interface TestHookSources {
  viewer: CesiumWidget | null;
  registry: LayerRegistry;
  tileset(): Cesium3DTileset | null;
  groundReady(): boolean;
  selected(): BuildingProperties | null;
}

export function installTestHook(sources: TestHookSources): { markReady(problems: string[]): void; markError(message: string): void } {
  let ready = false;
  let error: string | null = null;
  let layerProblems: string[] = [];
  let frames = 0;
  sources.viewer?.scene.postRender.addEventListener(() => {
    frames++;
  });

  const hook: VirtualSeoulTestHook = {
    get ready() {
      return ready;
    },
    get error() {
      return error;
    },
    get layerProblems() {
      return layerProblems;
    },
    get tilesLoaded() {
      const tileset = sources.tileset();
      const globeLoaded = sources.viewer?.scene.globe.tilesLoaded ?? false;
      return globeLoaded && (tileset ? tileset.tilesLoaded : false) && sources.groundReady();
    },
    get frames() {
      return frames;
    },
    get language() {
      return language();
    },
    get layers() {
      return sources.registry.visibility();
    },
    get selectedBuilding() {
      return sources.selected();
    },
    renderFrame() {
      const viewer = sources.viewer;
      if (!viewer) return Promise.resolve();
      return new Promise((resolve) => {
        const remove = viewer.scene.postRender.addEventListener(() => {
          remove();
          resolve();
        });
        viewer.scene.requestRender();
      });
    },
    windowPosition(lon, lat, heightAboveGround) {
      const viewer = sources.viewer;
      if (!viewer) return null;
      const ground = viewer.scene.globe.getHeight(Cartographic.fromDegrees(lon, lat)) ?? 0;
      const world = Cartesian3.fromDegrees(lon, lat, ground + heightAboveGround);
      const p = SceneTransforms.worldToWindowCoordinates(viewer.scene, world);
      if (!p) return null;
      const rect = viewer.scene.canvas.getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
  };
  Object.defineProperty(window, '__vseoul', { value: Object.freeze(hook), configurable: false, writable: false });
  return {
    markReady(problems) {
      layerProblems = problems;
      ready = true;
    },
    markError(message) {
      error = message;
      ready = true;
    },
  };
}
