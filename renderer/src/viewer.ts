// Creates the Cesium globe for offline use: no ion, no online imagery or geocoder, the bundled
// NaturalEarthII imagery as base layer, sun lighting and shadows on.
//
// CesiumWidget, not Viewer: Viewer's widgets use Knockout, whose bindings evaluate strings as
// code, which the app's Content-Security-Policy (no 'unsafe-eval') rightly forbids. Our panels
// are plain DOM anyway. Only @cesium/engine exists at runtime (see build/bundleRenderer.ts).
import { buildModuleUrl, CesiumWidget, Credit, CreditDisplay, Ion, ImageryLayer, ShadowMode, TileMapServiceImageryProvider } from 'cesium';
import type { RendererSettings } from './settings.js';
import { preloadSunFrame } from './analysis/sunFrame.js';

export function createViewer(container: HTMLElement, settings: RendererSettings): CesiumWidget {
  // An empty token makes any accidental ion request fail fast instead of using Cesium's demo token.
  Ion.defaultAccessToken = '';
  // Cesium's default on-screen credit is the "Cesium ion" logo; this app uses no ion service.
  CreditDisplay.cesiumCredit = new Credit('CesiumJS', true);

  const baseLayer = ImageryLayer.fromProviderAsync(
    TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    // NaturalEarthII is a blurry green at city scale; muted, it lets parks and water stand out.
    { saturation: 0.35, brightness: 1.05 },
  );

  const viewer = new CesiumWidget(container, {
    baseLayer,
    shadows: true,
    terrainShadows: ShadowMode.RECEIVE_ONLY,
    // Render only when something changes: idle CPU/GPU near zero, which matters on weak
    // machines, kiosks and software WebGL alike.
    requestRenderMode: true,
    maximumRenderTimeChange: Infinity,
    msaaSamples: settings.light ? 1 : 4,
  });

  const scene = viewer.scene;
  scene.globe.enableLighting = true;
  scene.globe.depthTestAgainstTerrain = true;
  scene.globe.showGroundAtmosphere = !settings.light;
  scene.highDynamicRange = false;
  // Soft (PCF) shadows striped every facade with shadow acne in testing; hard shadows are clean.
  scene.shadowMap.softShadows = false;
  scene.shadowMap.size = settings.light ? 1024 : 2048;
  // Shadows only matter near the camera in a city view; a short range keeps them sharp.
  scene.shadowMap.maximumDistance = 3000;
  scene.postProcessStages.fxaa.enabled = !settings.light;
  // Some updates land just after the frame that loaded the last tile (labels clamped to the new
  // terrain, glyph textures); in requestRenderMode nothing would draw them until the next input.
  scene.globe.tileLoadProgressEvent.addEventListener((queued: number) => {
    if (queued === 0) setTimeout(() => scene.requestRender(), 200);
  });
  if (settings.light) {
    viewer.resolutionScale = 0.75;
    scene.fog.enabled = false;
    scene.globe.maximumScreenSpaceError = 4;
    if (scene.skyAtmosphere) scene.skyAtmosphere.show = false;
  }
  // Draw the sun where the sunlight analyses compute it (see analysis/sunFrame.ts).
  void preloadSunFrame(scene).catch(() => {});
  return viewer;
}
