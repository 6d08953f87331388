// Entry point: wires the viewer, the city build and the UI panels together, and keeps every
// feature it starts so the app can be torn down in order (features first, then the viewer).
import { Cartesian3, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { CityManifest } from '../../common/buildFormat.js';
import { getApi } from './host/hostClient.js';
import { setUpBuildingInfo } from './buildingInfo.js';
import { loadCityLayers, type CityLayers } from './cityLayers.js';
import { addCityCredits } from './credits.js';
import { on } from './dom.js';
import { setUpFireLayers } from './fire/fireLayers.js';
import { applyUrlView, coveredEdges, viewArea } from './urlView.js';
import { setUpViewControls } from './viewControls.js';
import { setUpSensorLayer } from './sensors/sensorLayer.js';
import { stopAnalysisWorkers } from './analysis/analysisClient.js';
import { setUpAnalysisTools } from './analysis/analysisTools.js';
import { setUpResultLayers } from './analysis/resultLayers.js';
import { setUpBatchResults } from './batch/batchPanel.js';
import { language, onLanguageChange, setLanguage, t } from './i18n.js';
import { PickDispatcher } from './input/pickDispatcher.js';
import { setUpKeyboard } from './keyboard.js';
import { startLanguagePreference } from './languagePreference.js';
import { setUpLayerList } from './layerList.js';
import { setUpLegend } from './legend.js';
import { Disposer } from './lifetime.js';
import { LayerRegistry } from './mapLayer.js';
import { readSettings } from './settings.js';
import { setLoadingBadge, showStatusOverlay } from './statusOverlay.js';
import { installTestHook } from './testHook.js';
import { applyKioskShell, setUpKiosk } from './kiosk/kioskMode.js';
import { defaultStartTime } from './seoulTime.js';
import { setUpTimeControl } from './timeControl.js';
import { setUpBuildingEdits } from './wiki/buildingEditsLayer.js';
import { setUpWiki } from './wiki/setUpWiki.js';
import { setUpShareView } from './shareView.js';
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

/** The page's lifetime: the viewer and its map input; `features` (every feature and panel) ends first. */
const app = new Disposer();
const features = new Disposer();

function teardown(stage: 'features' | 'all'): void {
  features.destroy();
  if (stage === 'all') app.destroy();
}

async function start(): Promise<void> {
  app.add(startLanguagePreference());
  const settings = readSettings();
  // Kiosk mode (?mode=kiosk): lock-down and styles before anything is drawn.
  const kioskShell = applyKioskShell();
  if (kioskShell) app.add(kioskShell);
  app.add(stopAnalysisWorkers);

  const registry = new LayerRegistry();
  const overlay = element('status-overlay');
  const badge = element('loading-badge');
  const toggle = element('language-toggle');
  features.add(on(toggle, 'click', () => setLanguage(language() === 'ko' ? 'en' : 'ko')));
  features.add(
    onLanguageChange(() => {
      element('app-title').textContent = t('appTitle');
      toggle.textContent = t('switchLanguage');
      toggle.title = t('switchLanguageTitle');
    }),
  );
  features.add(setUpLayerList(element('layer-items'), element('layer-list-title'), registry));
  const legend = features.add(setUpLegend(element('legend-items'), element('legend-title')));

  let city: CityLayers | null = null;
  let input: PickDispatcher | null = null;
  const hookSources = {
    registry,
    tileset: () => city?.tileset ?? null,
    groundReady: () => city?.groundReady() ?? false,
    input: () => input,
    teardown,
  };
  let viewer: CesiumWidget;
  try {
    viewer = createViewer(element('viewer'), settings);
  } catch (err) {
    const hook = installTestHook({ ...hookSources, viewer: null, selected: () => null });
    showStatusOverlay(overlay, t('webglErrorTitle'), message(err));
    hook.markError(message(err));
    return;
  }
  const v = app.add(viewer);
  const mapInput = app.add(new PickDispatcher(v));
  input = mapInput;
  let info: ReturnType<typeof setUpBuildingInfo> | null = null;
  const hook = installTestHook({ ...hookSources, viewer: v, selected: () => info?.selected() ?? null });
  hook.markStart();
  features.add(registry.onChange(() => v.scene.requestRender()));
  features.add(onLanguageChange(() => v.scene.requestRender()));

  const buildingInfo = features.add(setUpBuildingInfo(v, element('building-info'), () => city?.tileset ?? null, mapInput));
  info = buildingInfo;
  features.add(setUpTimeControl(element('time-control'), element('time-control-title'), v, settings.startTime ?? defaultStartTime()));
  const wiki = features.add(setUpWiki({ viewer: v, input: mapInput, sidePanel: element('side-panel'), buildingInfo }));

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
  if (features.destroyed) return;

  features.add(addCityCredits(v, manifest));
  legend.showBuildingOverview(manifest.buildingOverview?.classes ?? null);
  const covered = () => coveredEdges(v, [element('side-panel')]);
  const views = {
    home: () => flyHome(v, manifest),
    allOfCity: () => viewArea(v, manifest.extent ?? manifest.bbox, covered()),
  };
  views.home();
  applyUrlView(v, location.search, covered());
  features.add(setUpKeyboard(v, views));
  features.add(setUpViewControls(element('view-controls'), views));
  const share = kioskShell ? null : features.add(setUpShareView({ viewer: v, registry, buildingInfo, container: element('view-controls') }));
  setLoadingBadge(badge, t('loadingTiles'));
  const cityLayers = features.add(loadCityLayers(v, manifest, cityBaseUrl, registry, settings));
  city = cityLayers;
  features.add(() => {
    city = null;
  });
  features.add(
    setUpFireLayers({
      viewer: v,
      manifest,
      cityBaseUrl,
      registry,
      input: mapInput,
      tileset: () => city?.tileset ?? null,
      selectedBuildingId: () => buildingInfo.selected()?.id ?? null,
    }),
  );
  const sensors = features.add(setUpSensorLayer(v, manifest, cityBaseUrl, registry, mapInput));
  const analysis = features.add(
    setUpAnalysisTools({
      viewer: v,
      manifest,
      cityBaseUrl,
      input: mapInput,
      sidePanel: element('side-panel'),
      selectedBuilding: () => buildingInfo.selected(),
      sdot: () => sensors.snapshot(),
    }),
  );
  features.add(setUpResultLayers(analysis.context, registry, { kiosk: kioskShell !== null }));
  if (!kioskShell) {
    features.add(
      setUpBatchResults({ viewer: v, registry, section: element('batch-results'), title: element('batch-results-title'), list: element('batch-run-items') }),
    );
  }
  const kiosk = setUpKiosk({ viewer: v, registry, home: () => flyHome(v, manifest), buildingInfo });
  if (kiosk) features.add(kiosk);
  const problems = await cityLayers.loaded;
  if (features.destroyed) return;
  if (cityLayers.tileset) {
    features.add(
      setUpBuildingEdits({
        viewer: v,
        manifest,
        cityBaseUrl,
        tileset: cityLayers.tileset,
        buildingInfo,
        onEditsChanged: () => void wiki.state.refresh(),
      }),
    );
  }
  share?.restore(cityLayers.tileset);
  if (cityLayers.tileset === null) {
    showStatusOverlay(overlay, t('cityErrorTitle'), problems.join('\n'));
    hook.markError(problems.join('; '));
  } else {
    if (problems.length) console.warn(`${t('layerErrors')}:\n${problems.join('\n')}`);
    hook.markReady(problems);
  }
  const tileset = cityLayers.tileset;
  const updateBadge = () => setLoadingBadge(badge, tileset && !tileset.tilesLoaded ? t('loadingTiles') : null);
  updateBadge();
  features.add(v.scene.postRender.addEventListener(updateBadge));
  features.add(() => setLoadingBadge(badge, null));
}

start().catch((err: unknown) => {
  // Last resort: anything unexpected still ends in a visible explanation.
  const overlay = document.getElementById('status-overlay');
  if (overlay) showStatusOverlay(overlay, t('cityErrorTitle'), message(err));
  console.error(err);
});
