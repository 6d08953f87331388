// Fire-department layers: hydrants (fire-water facilities), emergency fire devices, fire stations
// and the hydrant coverage map, each an entry of the layer list (LayerRegistry). One call from
// main.ts. Also installs window.__vseoulFire, a read-only view for end-to-end tests.
import { Cartesian3, Cesium3DTileFeature, SceneTransforms, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { CityManifest, PointLayerInfo } from '../../../common/buildFormat.js';
import type { LayerRegistry, LayerState, MapLayer } from '../mapLayer.js';
import { onLanguageChange } from '../i18n.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import { installWindowHook } from '../windowHook.js';
import { computeCityCoverage, COVERAGE_NOTE, footprintRing, gapRows, showCoverageColours, type CoverageData } from './coverageLayer.js';
import { gapsToCsv, gapsToGeoJson } from './coverageExport.js';
import { FacilityPointLayer, type PickedCluster, type PickedFacility } from './facilityPointLayer.js';
import { FacilityStatusClient } from './facilityStatusClient.js';
import { facilityRows, panelElement, renderBuildingCoverage, renderCoverageSummary, renderFacility } from './firePanel.js';
import { fireText, type FireTextKey } from './fireText.js';
import type { FireTestHook } from './fireTestHookApi.js';
import { cityFileUrl } from '../cityUrl.js';
import { downloadBlob } from '../analysis/exports.js';
import { loadPointLayer, type PointLayerData } from './pointLayerData.js';

const POINT_STYLE: Record<string, { colour: string; pixelSize: number }> = {
  'fire-hydrants': { colour: '#e8452c', pixelSize: 7 },
  'fire-emergency-devices': { colour: '#ffb300', pixelSize: 8 },
  'fire-stations': { colour: '#1565c0', pixelSize: 12 },
};
/** Hydrant colours by live status: out of service black, stale grey, else the layer colour. */
const OUT_OF_SERVICE_COLOUR = '#111111';
const STALE_COLOUR = '#9e9e9e';

class FireLayer implements MapLayer {
  state: LayerState = 'loading';
  problem: string | null = null;
  visible = false;
  apply: (visible: boolean) => void = () => {};
  constructor(readonly id: string) {}
  label(): string {
    return fireText(`layer.${this.id}` as FireTextKey);
  }
  setVisible(visible: boolean): void {
    this.apply(visible);
  }
}

export interface FireLayerSources {
  viewer: CesiumWidget;
  manifest: CityManifest;
  cityBaseUrl: string;
  registry: LayerRegistry;
  input: PickDispatcher;
  tileset(): Cesium3DTileset | null;
  selectedBuildingId(): string | null;
}

export function setUpFireLayers(sources: FireLayerSources): Destroyable {
  const { viewer, manifest, cityBaseUrl, registry, input } = sources;
  const getTileset = sources.tileset;
  const selectedBuildingId = sources.selectedBuildingId;
  const life = new Disposer();
  const url = (p: string) => cityFileUrl(cityBaseUrl, manifest, p);
  const panel = panelElement();
  life.add(() => panel.remove());
  const status = new FacilityStatusClient();
  status.connect(new URL('/', location.href).href);
  life.add(status);
  const layers = new Map<string, FacilityPointLayer>();
  life.add(() => {
    for (const l of layers.values()) l.destroy();
    layers.clear();
  });
  let selectedFacility: { layerId: string; index: number } | null = null;
  let coverage: CoverageData | null = null;
  let coverageError: string | null = null;
  let coverageShown = false;
  /** The citywide coverage run under way (or done): started once. */
  let computing: Promise<void> | null = null;
  let hydrants: PointLayerData | null = null;
  let refreshPanel: () => void = () => {};

  const closePanel = () => {
    selectedFacility = null;
    refreshPanel = () => {};
    panel.hidden = true;
    if (coverageShown) showSummary();
  };

  const infos = new Map<string, PointLayerInfo>((manifest.pointLayers ?? []).filter((l) => l.group === 'fire').map((l) => [l.id, l]));
  for (const id of ['fire-hydrants', 'fire-emergency-devices', 'fire-stations']) {
    const layer = new FireLayer(id);
    life.add(registry.add(layer));
    const info = infos.get(id);
    if (!info) {
      layer.state = 'missing';
      layer.problem = 'not in this city build (rebuild with npm run build:city)';
      registry.changed();
      continue;
    }
    void loadPointLayer(info, url).then(
      (data) => {
        if (life.destroyed) return;
        const style = POINT_STYLE[id];
        const statusColour =
          id === 'fire-hydrants'
            ? (i: number) => {
                const no = cachedNos?.[i];
                if (!no) return null;
                const s = status.status(no);
                if (s.kind !== 'known') return null;
                if (s.entry.status === 'out-of-service') return OUT_OF_SERVICE_COLOUR;
                return s.stale ? STALE_COLOUR : null;
              }
            : undefined;
        const pl = new FacilityPointLayer(viewer, data, { ...style, colourOf: statusColour });
        layers.set(id, pl);
        if (id === 'fire-hydrants') {
          hydrants = data;
          coverageLayer.state = manifest.footprints ? 'ready' : 'missing';
          if (!manifest.footprints) coverageLayer.problem = fireText('noFootprints');
        }
        layer.apply = (v) => {
          pl.setVisible(v);
          // Facility numbers are needed for status colours: fetch the attributes in the background.
          if (v && id === 'fire-hydrants') void data.attributes().then((c) => ((cachedNos = c['facility_no']), pl.recolour()));
        };
        layer.state = 'ready';
        if (info.rejected) layer.problem = `${info.rejected} source row(s) rejected; see build-report.json`;
        registry.changed();
      },
      (err: unknown) => {
        layer.state = 'failed';
        layer.problem = (err as Error).message;
        registry.changed();
      },
    );
  }
  let cachedNos: string[] | null = null;
  life.add(
    status.onChange(() => {
      layers.get('fire-hydrants')?.recolour();
      refreshPanel();
    }),
  );

  // Coverage
  const coverageLayer = new FireLayer('fire-coverage');
  life.add(registry.add(coverageLayer));
  // The coverage colours live in the shared building style: put the normal colours back.
  life.add(() => {
    if (coverageShown) showCoverageColours(null, getTileset(), selectedBuildingId());
  });
  if (!infos.has('fire-hydrants')) {
    coverageLayer.state = 'missing';
    coverageLayer.problem = 'no hydrant layer in this city build';
  }
  const download = (name: string, type: string, text: string) => downloadBlob(new Blob([text], { type }), name);

  const showSummary = () =>
    renderCoverageSummary(panel, coverage, coverageError, {
      exportCsv: () => coverage && download('hydrant-coverage-gaps.csv', 'text/csv;charset=utf-8', gapsToCsv(gapRows(coverage), COVERAGE_NOTE)),
      exportGeoJson: () => coverage && download('hydrant-coverage-gaps.geojson', 'application/geo+json', gapsToGeoJson(gapRows(coverage), COVERAGE_NOTE)),
      select: (i) => showBuilding(i, true),
      close: closePanel,
    });
  const showBuilding = (i: number, fly: boolean) => {
    if (!coverage || i < 0) return;
    const data = coverage;
    refreshPanel = () => renderBuildingCoverage(panel, data, i, closePanel);
    refreshPanel();
    const [lon, lat] = footprintRing(data, i)[0] ?? [];
    if (fly && lon !== undefined) {
      viewer.camera.flyTo({
        destination: Cartesian3.fromDegrees(lon, lat - 0.004, 500),
        orientation: { heading: 0, pitch: -0.7, roll: 0 },
        duration: 1,
      });
    }
  };
  coverageLayer.apply = (visible) => {
    coverageShown = visible;
    if (!visible) {
      showCoverageColours(null, getTileset(), selectedBuildingId());
      if (panel.dataset.mode !== 'facility') panel.hidden = true;
      viewer.scene.requestRender();
      return;
    }
    showSummary();
    if (coverage) {
      showCoverageColours(coverage, getTileset(), selectedBuildingId());
      viewer.scene.requestRender();
      return;
    }
    if (!hydrants || !manifest.footprints || computing) return;
    computing = computeCityCoverage({ manifest, cityBaseUrl }).then(
      (data) => {
        if (life.destroyed) return;
        coverage = data;
        if (coverageShown) {
          showCoverageColours(data, getTileset(), selectedBuildingId());
          showSummary();
        }
        viewer.scene.requestRender();
      },
      (err: unknown) => {
        computing = null;
        coverageError = (err as Error).message;
        coverageLayer.problem = coverageError;
        showSummary();
      },
    );
  };

  // Clicks: facilities, clusters, and (with coverage on) buildings.
  const onClick = (picked: unknown) => {
    const id = (picked as { id?: unknown } | undefined)?.id as PickedFacility | PickedCluster | undefined;
    if (id && typeof id === 'object' && 'kind' in id && id.kind === 'cluster') {
      layers.get(id.layerId)?.zoomTo(id);
      return;
    }
    if (id && typeof id === 'object' && 'kind' in id && id.kind === 'facility') {
      const data = layers.get(id.layerId)?.data;
      if (!data) return;
      selectedFacility = { layerId: id.layerId, index: id.index };
      const sel = selectedFacility;
      refreshPanel = () =>
        void facilityRows(data, sel.index, (no) => status.status(no)).then(({ title, rows }) => {
          if (selectedFacility === sel) renderFacility(panel, title, rows, closePanel);
        });
      refreshPanel();
      return;
    }
    if (picked instanceof Cesium3DTileFeature && coverageShown && coverage) {
      const i = coverage.indexById.get(String(picked.getProperty('id')));
      selectedFacility = null;
      if (i !== undefined) showBuilding(i, false);
      // The building info panel re-styles the tileset on selection; keep the coverage colours.
      life.timeout(() => showCoverageColours(coverage, getTileset(), selectedBuildingId()), 0);
      return;
    }
    if (selectedFacility) closePanel();
  };
  life.add(input.onClick((pick) => onClick(pick.picked)));
  life.add(
    onLanguageChange(() => {
      registry.changed();
      if (!panel.hidden) (panel.dataset.mode === 'coverage' ? showSummary : refreshPanel)();
    }),
  );

  const hook: FireTestHook = {
    get counts() {
      return Object.fromEntries([...layers].map(([k, l]) => [k, l.data.info.count]));
    },
    get stats() {
      return Object.fromEntries([...layers].map(([k, l]) => [k, { ...l.stats }]));
    },
    get selectedFacility() {
      return selectedFacility;
    },
    get coverage() {
      return coverage ? { covered: coverage.coveredCount, gaps: coverage.gapCount, buildings: coverage.coverage.rows.length, seconds: coverage.seconds } : null;
    },
    get coverageError() {
      return coverageError;
    },
    pointWindowPosition(layerId, index) {
      const l = layers.get(layerId);
      const p = l?.pointPosition(index);
      if (!p) return null;
      const w = SceneTransforms.worldToWindowCoordinates(viewer.scene, p);
      if (!w) return null;
      const rect = viewer.scene.canvas.getBoundingClientRect();
      return { x: rect.left + w.x, y: rect.top + w.y };
    },
    drawnIndices(layerId) {
      return layers.get(layerId)?.drawnIndices() ?? [];
    },
  };
  life.add(installWindowHook('__vseoulFire', hook));
  return life;
}
