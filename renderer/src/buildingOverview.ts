// The building overview (tiles/layers/writeBuildingOverview.ts): every building of the build as
// imagery tiles coloured by height class, one imagery layer over the ground layers, for the far
// views where the 3D buildings are sub-pixel (city-wide) or, the tileset being ADD-refined, only the
// tallest are loaded (gu-wide). It fades out as the camera comes down to where the 3D buildings are
// all loaded, so street views show the buildings themselves; where both show, the 3D buildings
// stand on the overview's footprints and hide them.
import { Cartographic, ImageryLayer, type Scene } from 'cesium';
import type { BuildingOverviewInfo } from '../../common/buildFormat.js';
import { createGroundImageryProvider } from './groundImagery.js';
import { groundLayerHandle, type GroundLayerContext, type GroundLayerHandle } from './groundLayers.js';

export const BUILDING_OVERVIEW_LAYER_ID = 'buildings-overview';

/**
 * Camera heights above the ground (m) between which the overview fades in. Below FADE_FROM the
 * tileset's leaf tiles (geometric error up to ~70 m) are refined to within view at the screen
 * sizes we run on, so every building stands in 3D; above FADE_TO a view spans several km and the
 * 3D buildings thin out to the tallest.
 */
export const OVERVIEW_FADE_FROM_M = 1500;
export const OVERVIEW_FADE_TO_M = 4000;

/** The overview's opacity for a camera `height` metres above the ground. */
export function overviewAlpha(height: number): number {
  return Math.min(1, Math.max(0, (height - OVERVIEW_FADE_FROM_M) / (OVERVIEW_FADE_TO_M - OVERVIEW_FADE_FROM_M)));
}

function cameraHeightAboveGround(scene: Scene): number {
  const at = scene.camera.positionCartographic;
  const ground = scene.globe.getHeight(Cartographic.fromRadians(at.longitude, at.latitude)) ?? 0;
  return at.height - ground;
}

export async function loadBuildingOverview(
  ctx: GroundLayerContext,
  info: BuildingOverviewInfo,
  bbox: [number, number, number, number],
): Promise<GroundLayerHandle> {
  const scene = ctx.viewer.scene;
  const provider = await createGroundImageryProvider(ctx.fileUrl(info.tiles), ctx.fileUrl(info.availablePath), info, bbox);
  const layer = new ImageryLayer(provider, { show: false });
  ctx.placeImagery(layer, BUILDING_OVERVIEW_LAYER_ID);
  let wanted = true;
  // Before every frame: hidden layers request no tiles, so a street view loads none of the overview.
  const fade = () => {
    const alpha = wanted ? overviewAlpha(cameraHeightAboveGround(scene)) : 0;
    layer.alpha = alpha;
    layer.show = alpha > 0;
  };
  const removeFade = scene.preRender.addEventListener(fade);
  return groundLayerHandle(true, {
    apply(show) {
      wanted = show;
      scene.requestRender();
    },
    release() {},
    ready: () => layer.ready,
    featureCount: info.buildings,
    problems: [],
    destroy() {
      removeFade();
      ctx.viewer.imageryLayers.remove(layer, true);
    },
  });
}
