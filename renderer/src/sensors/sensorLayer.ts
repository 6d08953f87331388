// The S-DoT sensor layer: the 851 sites coloured by a chosen quantity and the interpolated surface,
// as two entries of the layer list, with the sensor panel. This file wires the parts together:
// the state (sensorModel.ts), the points on the globe (sensorDrawing.ts), the surface
// (sensorSurface.ts), the panel (sensorPanel.ts) and the replay player (replayPlayer.ts), fed by
// the host's S-DoT events (sensorFeedClient.ts). Also installs window.__vseoulSensors for tests.
import type { CesiumWidget } from 'cesium';
import type { CityManifest } from '../../../common/buildFormat.js';
import { parseReplayText } from '../../../common/sdot/replayText.js';
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { surfaceGrid } from '../../../workers/sensors/surfaceGrid.js';
import { cityFileUrl } from '../cityUrl.js';
import { loadPointLayer } from '../fire/pointLayerData.js';
import { onLanguageChange } from '../i18n.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { LayerRegistry, LayerState, MapLayer } from '../mapLayer.js';
import { installWindowHook } from '../windowHook.js';
import { sensorHook } from './sensorHook.js';
import { ReplayPlayer } from './replayPlayer.js';
import { SensorSiteDrawing, sensorSiteOf } from './sensorDrawing.js';
import { SdotFeedClient } from './sensorFeedClient.js';
import { SensorModel, type SdotSnapshot } from './sensorModel.js';
import { SensorPanel } from './sensorPanel.js';
import { SensorSurface, SURFACE_RADIUS_M } from './sensorSurface.js';
import { sensorText } from './sensorText.js';

export type { SdotSnapshot } from './sensorModel.js';

export const SITES_LAYER_ID = 'sdot-sites';
export const SURFACE_LAYER_ID = 'sdot-surface';

class SensorMapLayer implements MapLayer {
  state: LayerState = 'loading';
  problem: string | null = null;
  constructor(
    readonly id: string,
    private readonly text: () => string,
    public visible: boolean,
    readonly apply: (v: boolean) => void,
  ) {}
  label(): string {
    return this.text();
  }
  setVisible(v: boolean): void {
    this.apply(v);
  }
}

export interface SensorLayerHandle extends Destroyable {
  /** Null until the sites have loaded (or when the build has none). */
  snapshot(): SdotSnapshot | null;
}

export function setUpSensorLayer(
  viewer: CesiumWidget,
  manifest: CityManifest,
  cityBaseUrl: string,
  registry: LayerRegistry,
  input: PickDispatcher,
): SensorLayerHandle {
  const life = new Disposer();
  const info = manifest.pointLayers?.find((l) => l.id === SITES_LAYER_ID);
  const model = new SensorModel();
  // The API lives at the page's origin (http://127.0.0.1:port/ or vseoul://app/).
  const client = new SdotFeedClient(new URL('.', document.baseURI).href);
  const panel = life.add(
    new SensorPanel(model, SURFACE_RADIUS_M / 1000, {
      setQuantity: (q) => ((model.quantity = q), redraw()),
      setMode: (m) => (model.setMode(m), redraw()),
      openFile: (file) => void loadLocalFile(file),
      history: (serial) => (model.mode === 'replay' && model.player ? Promise.resolve(model.player.historyOf(serial)) : client.history(serial)),
    }),
  );
  let drawing: SensorSiteDrawing | null = null;
  let surface: SensorSurface | null = null;
  let surfaceSignature = '';

  const sitesLayer = new SensorMapLayer(
    SITES_LAYER_ID,
    () => sensorText('layerSites'),
    info?.defaultVisible ?? false,
    (v) => {
      if (drawing) drawing.show = v;
      panel.shown = v;
      viewer.scene.requestRender();
    },
  );
  const surfaceLayer = new SensorMapLayer(
    SURFACE_LAYER_ID,
    () => sensorText('layerSurface'),
    false,
    (v) => {
      surface?.setVisible(v);
      surfaceSignature = '';
      void recomputeSurface();
    },
  );
  life.add(registry.add(sitesLayer));
  life.add(registry.add(surfaceLayer));
  const handle: SensorLayerHandle = { snapshot: () => model.snapshot(), destroy: () => life.destroy() };
  if (!info) {
    for (const l of [sitesLayer, surfaceLayer]) {
      l.state = 'missing';
      l.problem = 'No S-DoT sites in this city build (rebuild with "npm run build:city")';
    }
    registry.changed();
    return handle;
  }
  const sites = life.add(new SensorSiteDrawing(viewer, sitesLayer.visible));
  drawing = sites;
  life.add(client);
  life.add(() => model.player?.destroy());
  life.add(
    installWindowHook(
      '__vseoulSensors',
      sensorHook(model, sites, client, () => surface),
    ),
  );

  function redraw(): void {
    if (life.destroyed) return;
    model.refresh();
    sites.apply(model.looks);
    panel.render();
    // Status-only changes (polling, ok) redraw the panel but do not recompute the surface.
    const signature = `${model.mode}|${model.quantity}|${model.dataVersion()}|${surface?.visible}`;
    if (signature !== surfaceSignature) {
      surfaceSignature = signature;
      void recomputeSurface();
    }
  }

  async function recomputeSurface(): Promise<void> {
    if (!surface) return;
    try {
      await surface.update(model.surfacePoints(), model.quantity);
      if (!life.destroyed) panel.render();
    } catch (err) {
      surfaceLayer.problem = `surface failed: ${(err as Error).message}`;
      console.warn(surfaceLayer.problem);
    }
  }

  const offerReplay = (readings: SdotReading[], start: boolean) => {
    const player = new ReplayPlayer(readings);
    player.onChange(redraw);
    if (start) model.usePlayer(player)?.destroy();
    else model.player = player;
  };

  async function loadLocalFile(file: File): Promise<void> {
    const parsed = parseReplayText(await file.text(), file.name);
    for (const r of parsed.rejected.slice(0, 20)) console.warn(`S-DoT replay ${r.at}: ${r.reason}`);
    if (parsed.readings.length === 0 || life.destroyed) return;
    offerReplay(parsed.readings, true);
    redraw();
  }

  const url = (p: string) => cityFileUrl(cityBaseUrl, manifest, p);
  loadPointLayer(info, url)
    .then(async (data) => {
      const cols = await data.attributes();
      if (life.destroyed) return;
      model.setSites(cols['serial'] ?? [], data.lonLat);
      sites.setSites(data.lonLat);
      surface = life.add(new SensorSurface(viewer, surfaceGrid(data.lonLat)));
      surface.setVisible(surfaceLayer.visible);
      sitesLayer.state = 'ready';
      surfaceLayer.state = 'ready';
      registry.changed();
      panel.shown = sitesLayer.visible;
      life.add(
        client.onChange(() => {
          model.feed = client.state;
          if (model.mode === 'live') redraw();
          else panel.render();
        }),
      );
      client.connect();
      redraw();
      try {
        const replay = await client.replay();
        for (const f of replay.files) if (f.problem) console.warn(`S-DoT replay ${f.file}: ${f.problem}`);
        if (replay.readings.length && !life.destroyed && !model.player) {
          offerReplay(replay.readings, false);
          panel.render();
        }
      } catch (err) {
        console.warn(`S-DoT replay not available: ${(err as Error).message}`);
      }
    })
    .catch((err: unknown) => {
      for (const l of [sitesLayer, surfaceLayer]) {
        l.state = 'failed';
        l.problem = (err as Error).message;
      }
      registry.changed();
    });

  life.add(
    input.onClick((pick) => {
      if (!sites.show) return;
      const i = sensorSiteOf(pick.picked);
      if (i === null) return;
      model.selected = i;
      panel.render();
    }),
  );
  life.add(onLanguageChange(() => panel.render()));
  return handle;
}
