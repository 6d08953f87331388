// Loads a city build into the viewer: terrain, the buildings tileset and the ground layers, and
// registers each as a toggleable layer. A layer that fails is reported, the others still load.
import {
  Cesium3DTileset,
  CesiumTerrainProvider,
  EllipsoidTerrainProvider,
  ShadowMode,
  type CesiumWidget,
  type ImageryLayer,
  type Scene,
  type TerrainProvider,
} from 'cesium';
import type { CityManifest } from '../../common/buildFormat.js';
import { GROUND_DRAW_ORDER } from '../../common/groundStyle.js';
import { BUILDING_OVERVIEW_LAYER_ID, loadBuildingOverview } from './buildingOverview.js';
import { buildingStyle } from './buildingStyle.js';
import { loadGroundLayer, type GroundLayerHandle } from './groundLayers.js';
import { cityFileUrl } from './cityUrl.js';
import { t } from './i18n.js';
import { Disposer, type Destroyable } from './lifetime.js';
import type { LayerId, LayerRegistry, LayerState, MapLayer } from './mapLayer.js';
import type { RendererSettings } from './settings.js';

/** Ground layers every full build has; listed (disabled) even when a build lacks them. */
const EXPECTED_GROUND_LAYERS = ['water', 'parks', 'districts', 'roads'];

/** Light mode drapes GeoJSON ground features (builds without imagery tiles) within about 2 km of the buildings only. */
const LIGHT_GROUND_MARGIN_DEGREES = 0.02;

function expandBox([w, s, e, n]: [number, number, number, number], margin: number): [number, number, number, number] {
  return [w - margin, s - margin, e + margin, n + margin];
}

/** Longest wait for the first view before ground layers draw anyway (a camera that keeps moving). */
const GROUND_START_TIMEOUT_MS = 30_000;

/** Resolves once the globe and the tileset have every tile the view needs, or after timeoutMs (never once `life` ended). */
function whenSettled(scene: Scene, tileset: () => Cesium3DTileset | null, timeoutMs: number, life: Disposer): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const stop = () => {
      removeListener();
      clearInterval(timer);
      life.forget(stop);
    };
    const check = () => {
      const t = tileset();
      if ((scene.globe.tilesLoaded && (!t || t.tilesLoaded)) || performance.now() - started > timeoutMs) {
        stop();
        resolve();
      }
    };
    const removeListener = scene.postRender.addEventListener(check);
    // requestRenderMode may render nothing for a while; poll as well so the timeout still fires.
    const timer = setInterval(check, 1000);
    life.add(stop);
  });
}

class SimpleLayer implements MapLayer {
  state: LayerState = 'loading';
  problem: string | null = null;
  apply: (visible: boolean) => void = () => {};
  constructor(
    readonly id: LayerId,
    public visible: boolean,
  ) {}
  label(): string {
    return t.maybe(`layer.${this.id}`) ?? this.id;
  }
  setVisible(visible: boolean): void {
    this.apply(visible);
  }
}

export interface CityLayers extends Destroyable {
  tileset: Cesium3DTileset | null;
  /** True when every ground layer draws (or failed): none is waiting for the deferred start. */
  groundReady(): boolean;
  /** Settles when every layer has loaded or failed; resolves to the problems (empty when none). */
  loaded: Promise<string[]>;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function loadCityLayers(
  viewer: CesiumWidget,
  manifest: CityManifest,
  cityBaseUrl: string,
  registry: LayerRegistry,
  settings: RendererSettings,
): CityLayers {
  const scene = viewer.scene;
  const life = new Disposer();
  const handles: GroundLayerHandle[] = [];
  let groundReleased = false;
  const result: CityLayers = {
    tileset: null,
    loaded: Promise.resolve([]),
    groundReady: () => groundReleased && handles.every((h) => h.ready),
    destroy: () => life.destroy(),
  };
  life.add(() => {
    for (const h of handles.splice(0)) h.destroy();
    if (result.tileset) scene.primitives.remove(result.tileset);
    result.tileset = null;
    viewer.terrainProvider = new EllipsoidTerrainProvider();
    scene.requestRender();
  });
  const cityUrl = (path: string) => cityFileUrl(cityBaseUrl, manifest, path);

  const fail = (layer: SimpleLayer, state: LayerState, problem: string) => {
    layer.state = state;
    layer.problem = problem;
    registry.changed();
    return `${layer.id}: ${problem}`;
  };

  // Terrain first, so buildings and ground layers sit on it from their first frame.
  const terrain = new SimpleLayer('terrain', true);
  const terrainLoaded: Promise<string | null> = manifest.terrain
    ? CesiumTerrainProvider.fromUrl(cityUrl(manifest.terrain.path)).then(
        (provider: TerrainProvider) => {
          if (life.destroyed) return null;
          const flat = new EllipsoidTerrainProvider();
          terrain.apply = (visible) => {
            viewer.terrainProvider = visible ? provider : flat;
            scene.requestRender();
          };
          viewer.terrainProvider = provider;
          terrain.state = 'ready';
          registry.changed();
          return null;
        },
        (err: unknown) => fail(terrain, 'failed', errorText(err)),
      )
    : Promise.resolve(fail(terrain, 'missing', 'no terrain in this city build'));

  const buildings = new SimpleLayer('buildings', true);
  life.add(registry.add(buildings));
  // Listed under the 3D buildings: the same buildings, drawn flat for far views.
  const overview = new SimpleLayer(BUILDING_OVERVIEW_LAYER_ID, true);
  life.add(registry.add(overview));
  const buildingsLoaded = Cesium3DTileset.fromUrl(cityUrl(manifest.tileset), {
    shadows: ShadowMode.ENABLED,
    // Light mode accepts coarser tiles sooner: fewer requests and triangles on software WebGL.
    maximumScreenSpaceError: settings.light ? 24 : 16,
  }).then(
    (tileset) => {
      if (life.destroyed) {
        tileset.destroy();
        return null;
      }
      tileset.style = buildingStyle(null);
      scene.primitives.add(tileset);
      result.tileset = tileset;
      buildings.apply = (visible) => {
        tileset.show = visible;
        scene.requestRender();
      };
      buildings.state = 'ready';
      registry.changed();
      return null;
    },
    (err: unknown) => fail(buildings, 'failed', errorText(err)),
  );

  // Ground imagery sits right above the base imagery, in draw order (fills under lines), under
  // anything added later (analysis results, sensor surfaces).
  const placedImagery: { rank: number; layer: ImageryLayer }[] = [];
  const rank = (id: string) => (GROUND_DRAW_ORDER.includes(id) ? GROUND_DRAW_ORDER.indexOf(id) : GROUND_DRAW_ORDER.length);
  const placeImagery = (layer: ImageryLayer, id: string) => {
    const below = placedImagery.filter((p) => p.rank <= rank(id)).map((p) => viewer.imageryLayers.indexOf(p.layer));
    const base = viewer.imageryLayers.length ? 0 : -1;
    viewer.imageryLayers.add(layer, Math.max(base, ...below) + 1);
    placedImagery.push({ rank: rank(id), layer });
  };
  const groundContext = {
    viewer,
    fileUrl: cityUrl,
    area: settings.light ? expandBox(manifest.bbox, LIGHT_GROUND_MARGIN_DEGREES) : null,
    placeImagery,
  };
  /** Registers a ground layer's handle once loaded (or its failure). */
  const attach = (layer: SimpleLayer, loading: Promise<GroundLayerHandle>): Promise<string | null> =>
    loading.then(
      (handle) => {
        if (life.destroyed) {
          handle.destroy();
          return null;
        }
        handles.push(handle);
        layer.apply = (visible) => {
          handle.show = visible;
        };
        layer.state = 'ready';
        if (handle.problems.length) layer.problem = `${handle.problems.length} feature(s) not drawn; see the console`;
        registry.changed();
        return null;
      },
      (err: unknown) => fail(layer, 'failed', errorText(err)),
    );
  const groundIds = [...new Set([...manifest.layers.map((l) => l.id), ...EXPECTED_GROUND_LAYERS])];
  const groundLoaded = groundIds.map((id) => {
    const info = manifest.layers.find((l) => l.id === id);
    const layer = new SimpleLayer(id, info?.defaultVisible ?? false);
    life.add(registry.add(layer));
    if (!info) return Promise.resolve(fail(layer, 'missing', 'not in this city build'));
    return attach(layer, loadGroundLayer(groundContext, info));
  });
  groundLoaded.push(
    manifest.buildingOverview
      ? attach(overview, loadBuildingOverview(groundContext, manifest.buildingOverview, manifest.extent ?? manifest.bbox))
      : Promise.resolve(fail(overview, 'missing', 'not in this city build')),
  );

  // Listed last: terrain is the layer people switch least.
  life.add(registry.add(terrain));

  // Ground layers start drawing only once the terrain and buildings of the first view are in:
  // while terrain tiles stream in, every frame also re-renders the classification volumes, which
  // made a software-rendered start ~4x slower, and buildings matter more than ground colours.
  void Promise.all([terrainLoaded, buildingsLoaded, ...groundLoaded])
    .then(() => whenSettled(scene, () => result.tileset, GROUND_START_TIMEOUT_MS, life))
    .then(() => {
      if (life.destroyed) return;
      groundReleased = true;
      for (const h of handles) h.release();
    });

  result.loaded = Promise.all([terrainLoaded, buildingsLoaded, ...groundLoaded]).then((problems) =>
    // 'missing' layers are normal for small builds; only failures are problems to show.
    problems.filter((p): p is string => p !== null && !registry.layers.some((l) => p.startsWith(`${l.id}:`) && l.state === 'missing')),
  );
  return result;
}
