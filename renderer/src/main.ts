// Entry point: wires the viewer, the city build and the UI panels together.
import { Cartesian3, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { CityManifest } from '../../common/buildFormat.js';
import { getApi } from './host/hostClient.js';
import { setUpBuildingInfo } from './buildingInfo.js';
import { loadCityLayers, type CityLayers } from './cityLayers.js';
import { addCityCredits } from './credits.js';
import { setUpFireLayers } from './fire/fireLayers.js';
import { applyUrlView } from './urlView.js';
import { setUpSensorLayer } from './sensors/sensorLayer.js';
import { setUpAnalysisTools } from './analysis/analysisTools.js';
import { setUpResultLayers } from './analysis/resultLayers.js';
import { language, onLanguageChange, setLanguage, t } from './i18n.js';
import { setUpKeyboard } from './keyboard.js';
import { setUpLayerList } from './layerList.js';
import { setUpLegend } from './legend.js';
import { LayerRegistry } from './mapLayer.js';
import { readSettings } from './settings.js';
import { setLoadingBadge, showStatusOverlay } from './statusOverlay.js';
import { installTestHook } from './testHook.js';
import { applyKioskShell, setUpKiosk } from './kiosk/kioskMode.js';
import { defaultStartTime } from './seoulTime.js';
import { setUpTimeControl } from './timeControl.js';
import { setUpWiki } from './wiki/setUpWiki.js';
import { createViewer } from './viewer.js';

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function flyHome(viewer: CesiumWidget, manifest: CityManifest): void {
  const { lon, lat, height, heading, pitch } = manifest.home;
  viewer.camera.setView({
    destination: Cartesian3.fromDegrees(lon, lat, height),
    orientation: { heading: CesiumMath.toRadians(heading), pitch: CesiumMath.toRadians(pitch), roll: 0 },
  });
}

async function start(): Promise<void> {
  const settings = readSettings();
  // Kiosk mode (?mode=kiosk): lock-down and styles before anything is drawn.
  const kiosk = applyKioskShell();
  const registry = new LayerRegistry();
  const overlay = element('status-overlay');
  const badge = element('loading-badge');
  document.documentElement.lang = language();

  const toggle = element('language-toggle');
  toggle.addEventListener('click', () => setLanguage(language() === 'ko' ? 'en' : 'ko'));
  onLanguageChange(() => {
    element('app-title').textContent = t('appTitle');
    toggle.textContent = t('switchLanguage');
    toggle.title = t('switchLanguageTitle');
  });
  setUpLayerList(element('layer-items'), element('layer-list-title'), registry);
  setUpLegend(element('legend-items'), element('legend-title'));

  let viewer: CesiumWidget;
  let city: CityLayers | null = null;
  try {
    viewer = createViewer(element('viewer'), settings);
  } catch (err) {
    const hook = installTestHook({ viewer: null, registry, tileset: () => null, groundReady: () => false, selected: () => null });
    showStatusOverlay(overlay, t('webglErrorTitle'), message(err));
    hook.markError(message(err));
    return;
  }
  const v = viewer;
  registry.onChange(() => v.scene.requestRender());
  onLanguageChange(() => v.scene.requestRender());

  const info = setUpBuildingInfo(v, element('building-info'), () => city?.tileset ?? null);
  const hook = installTestHook({
    viewer: v,
    registry,
    tileset: () => city?.tileset ?? null,
    groundReady: () => city?.groundReady() ?? false,
    selected: () => info.selected(),
  });
  setUpTimeControl(element('time-control'), element('time-control-title'), v, settings.startTime ?? defaultStartTime());
  setUpWiki({ viewer: v, sidePanel: element('side-panel'), buildingInfo: info });

  setLoadingBadge(badge, t('loading'));
  let manifest: CityManifest;
  let cityBaseUrl: string;
  try {
    const api = getApi();
    const [appInfo, m] = await Promise.all([api.getAppInfo(), api.getCityManifest()]);
    manifest = m;
    cityBaseUrl = new URL(appInfo.cityBaseUrl.endsWith('/') ? appInfo.cityBaseUrl : `${appInfo.cityBaseUrl}/`, location.href).href;
  } catch (err) {
    setLoadingBadge(badge, null);
    // The host's message usually says how to build the city already; add the hint only if not.
    const text = message(err);
    showStatusOverlay(overlay, t('noCityTitle'), text, text.includes('build:city') ? undefined : t('noCityHint'));
    hook.markError(message(err));
    return;
  }

  flyHome(v, manifest);
  applyUrlView(v);
  setUpKeyboard(v, () => flyHome(v, manifest));
  addCityCredits(v, manifest);
  setLoadingBadge(badge, t('loadingTiles'));
  city = loadCityLayers(v, manifest, cityBaseUrl, registry, settings);
  setUpFireLayers(
    v,
    manifest,
    cityBaseUrl,
    registry,
    () => city?.tileset ?? null,
    () => info.selected()?.id ?? null,
  );
  const sensors = setUpSensorLayer(v, manifest, cityBaseUrl, registry);
  const analysis = setUpAnalysisTools({
    viewer: v,
    manifest,
    cityBaseUrl,
    sidePanel: element('side-panel'),
    selectedBuilding: () => info.selected(),
    sdot: () => sensors.snapshot(),
  });
  setUpResultLayers(analysis, registry, { kiosk });
  if (kiosk) setUpKiosk({ viewer: v, registry, home: () => flyHome(v, manifest), buildingInfo: info });
  const problems = await city.loaded;
  if (city.tileset === null) {
    showStatusOverlay(overlay, t('cityErrorTitle'), problems.join('\n'));
    hook.markError(problems.join('; '));
  } else {
    if (problems.length) console.warn(`${t('layerErrors')}:\n${problems.join('\n')}`);
    hook.markReady(problems);
  }
  const tileset = city.tileset;
  const updateBadge = () => setLoadingBadge(badge, tileset && !tileset.tilesLoaded ? t('loadingTiles') : null);
  updateBadge();
  v.scene.postRender.addEventListener(updateBadge);
}

start().catch((err: unknown) => {
  // Last resort: anything unexpected still ends in a visible explanation.
  const overlay = document.getElementById('status-overlay');
  if (overlay) showStatusOverlay(overlay, t('cityErrorTitle'), message(err));
  console.error(err);
});
