// window.__vseoul: a small, read-only view of the app's state for end-to-end tests (and for
// people poking at the app from the devtools console). Nothing here changes the app's state —
// except teardown(), which ends it the way closing the page would, for the test that nothing of a
// destroyed feature stays; tests drive the app through the real UI. Keep it small: every field is
// a promise to test/e2e.
// DOM-free on purpose, so the Node-side tests can import the type.
import type { BuildingProperties } from '../../common/buildFormat.js';

export interface VirtualSeoulTestHook {
  /** True once the manifest is read and every layer has loaded or failed. */
  readonly ready: boolean;
  /** The message shown in the status overlay, if the app could not show the city. */
  readonly error: string | null;
  /** Problems of individual layers (the rest of the city still shows). */
  readonly layerProblems: readonly string[];
  /** True when the buildings tileset, the globe and the ground layers have everything the current view needs. */
  readonly tilesLoaded: boolean;
  /** tilesLoaded's parts: which of them still loads (benchmarks report it when a view does not settle). */
  readonly loadedParts: { globe: boolean; buildings: boolean; ground: boolean };
  /** Number of frames rendered so far (requestRenderMode: frames happen only on changes). */
  readonly frames: number;
  readonly language: 'ko' | 'en';
  /** Layer id -> shown (false for missing or failed layers). */
  readonly layers: Record<string, boolean>;
  /** The camera: lon, lat (degrees), height above the ellipsoid (m), heading, pitch (degrees). */
  readonly camera: [number, number, number, number, number] | null;
  /** The scene's date and time (ISO 8601, UTC). */
  readonly time: string | null;
  /** Properties of the building in the info panel, or null. */
  readonly selectedBuilding: BuildingProperties | null;
  /** Draws a fresh frame (requestRenderMode draws only on changes) and resolves after it. */
  renderFrame(): Promise<void>;
  /** Window (CSS pixel) position of a point `heightAboveGround` metres above the loaded terrain at lon/lat, or null when off screen. */
  windowPosition(lon: number, lat: number, heightAboveGround: number): { x: number; y: number } | null;
  /**
   * Draws a frame and reports the building tiles it drew (the tileset's tileVisible event): tiles,
   * triangles, buildings and, with `withIds`, their ids; plus the GPU bytes of every loaded tile.
   * Null without a viewer or tileset. For benchmarks (test/bench/cityBench.ts).
   */
  drawnBuildings(withIds: boolean): Promise<DrawnBuildings | null>;
  /** The labels the scene shows (district names …): text and window position, null when off screen. */
  mapLabels(): Array<{ text: string; x: number; y: number } | { text: string; x: null; y: null }>;
  /** What the app holds now, and what it held right after the viewer started (before any feature); null without a viewer. */
  holdings(): { now: AppHoldings; atStart: AppHoldings } | null;
  /** Ends the app as closing the page would: 'features' destroys every feature and panel (the viewer stays), 'all' the viewer too. */
  teardown(stage: 'features' | 'all'): void;
}

/** The building tiles one frame drew. */
export interface DrawnBuildings {
  tiles: number;
  triangles: number;
  buildings: number;
  /** Building ids (BuildingProperties.id), when asked for. */
  ids: string[];
  /** Cesium3DTileset.totalMemoryUsageInBytes: geometry, textures and tables of every loaded tile. */
  loadedBytes: number;
}

/** What the app holds on the viewer and in its shared state (teardown checks compare these). */
export interface AppHoldings {
  entities: number;
  primitives: number;
  groundPrimitives: number;
  imageryLayers: number;
  /** Layers in the layer list. */
  layers: number;
  /** Listeners by source: Cesium events (scene.postRender, camera.moveEnd …), the language, the layer list, the map input. */
  listeners: Record<string, number>;
}

/** How tests reach the hook inside page.evaluate (their tsconfig has no DOM `window`). */
export interface WithTestHook {
  __vseoul?: VirtualSeoulTestHook;
}
