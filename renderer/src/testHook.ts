// Installs window.__vseoul (shape and purpose: testHookApi.ts).
import { Cartesian3, Cartographic, JulianDate, LabelCollection, SceneTransforms, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { BuildingProperties } from '../../common/buildFormat.js';
import { language, languageListenerCount } from './i18n.js';
import type { PickRouter } from './input/pickRouter.js';
import type { AppHoldings, DrawnBuildings, VirtualSeoulTestHook } from './testHookApi.js';
import type { LayerRegistry } from './mapLayer.js';
import { cameraDegrees } from './shareView.js';
import { installWindowHook } from './windowHook.js';

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
  /** The map input, once it exists. */
  input(): PickRouter | null;
  teardown(stage: 'features' | 'all'): void;
}

export interface TestHookControl {
  markReady(problems: string[]): void;
  markError(message: string): void;
  /** Takes the "before any feature" reading of holdings(). */
  markStart(): void;
}

/** What the app holds on `viewer` and in its shared state now. */
export function appHoldings(viewer: CesiumWidget, registry: LayerRegistry, input: PickRouter | null): AppHoldings {
  const scene = viewer.scene;
  return {
    entities: viewer.entities.values.length,
    primitives: scene.primitives.length,
    groundPrimitives: scene.groundPrimitives.length,
    imageryLayers: viewer.imageryLayers.length,
    layers: registry.layers.length,
    listeners: {
      'scene.preRender': scene.preRender.numberOfListeners,
      'scene.postRender': scene.postRender.numberOfListeners,
      'scene.renderError': scene.renderError.numberOfListeners,
      'camera.changed': viewer.camera.changed.numberOfListeners,
      'camera.moveEnd': viewer.camera.moveEnd.numberOfListeners,
      'clock.onTick': viewer.clock.onTick.numberOfListeners,
      'globe.tileLoadProgress': scene.globe.tileLoadProgressEvent.numberOfListeners,
      language: languageListenerCount(),
      layerList: registry.listenerCount,
      mapInput: input?.subscriberCount ?? 0,
    },
  };
}

export function installTestHook(sources: TestHookSources): TestHookControl {
  let ready = false;
  let error: string | null = null;
  let layerProblems: string[] = [];
  let frames = 0;
  let atStart: AppHoldings | null = null;
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
      const parts = this.loadedParts;
      return parts.globe && parts.buildings && parts.ground;
    },
    get loadedParts() {
      const tileset = sources.tileset();
      return { globe: sources.viewer?.scene.globe.tilesLoaded ?? false, buildings: tileset ? tileset.tilesLoaded : false, ground: sources.groundReady() };
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
    get camera() {
      return sources.viewer ? cameraDegrees(sources.viewer) : null;
    },
    get time() {
      return sources.viewer ? JulianDate.toDate(sources.viewer.clock.currentTime).toISOString() : null;
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
    drawnBuildings(withIds) {
      const viewer = sources.viewer;
      const tileset = sources.tileset();
      if (!viewer || !tileset) return Promise.resolve(null);
      const drawn: DrawnBuildings = { tiles: 0, triangles: 0, buildings: 0, ids: [], loadedBytes: 0 };
      const removeVisible = tileset.tileVisible.addEventListener((tile) => {
        const content = tile.content;
        drawn.tiles++;
        drawn.triangles += content.trianglesLength;
        drawn.buildings += content.featuresLength;
        if (withIds) for (let i = 0; i < content.featuresLength; i++) drawn.ids.push(String(content.getFeature(i).getProperty('id')));
      });
      return new Promise((resolve) => {
        const removeRender = viewer.scene.postRender.addEventListener(() => {
          removeRender();
          removeVisible();
          drawn.loadedBytes = tileset.totalMemoryUsageInBytes;
          resolve(drawn);
        });
        viewer.scene.requestRender();
      });
    },
    mapLabels() {
      const viewer = sources.viewer;
      if (!viewer) return [];
      const out: ReturnType<VirtualSeoulTestHook['mapLabels']> = [];
      const primitives = viewer.scene.primitives;
      for (let i = 0; i < primitives.length; i++) {
        const collection: unknown = primitives.get(i);
        if (!(collection instanceof LabelCollection) || !collection.show) continue;
        for (let j = 0; j < collection.length; j++) {
          const label = collection.get(j);
          if (!label.show) continue;
          const at = Cartographic.fromCartesian(label.position);
          const p = hook.windowPosition((at.longitude * 180) / Math.PI, (at.latitude * 180) / Math.PI, 0);
          out.push(p ? { text: label.text, ...p } : { text: label.text, x: null, y: null });
        }
      }
      return out;
    },
    holdings() {
      const viewer = sources.viewer;
      if (!viewer || viewer.isDestroyed() || !atStart) return null;
      return { now: appHoldings(viewer, sources.registry, sources.input()), atStart };
    },
    teardown(stage) {
      sources.teardown(stage);
    },
  };
  installWindowHook('__vseoul', hook);
  return {
    markReady(problems) {
      layerProblems = problems;
      ready = true;
    },
    markError(message) {
      error = message;
      ready = true;
    },
    markStart() {
      if (sources.viewer) atStart = appHoldings(sources.viewer, sources.registry, sources.input());
    },
  };
}
