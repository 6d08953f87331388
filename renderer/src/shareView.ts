// Share a view: "Copy link" writes the camera, the date and time, the visible layers, the language
// and the selected building into the page's address and copies it; opening the link restores them.
// The camera is `?camera=` (urlView.ts), the time `?time=` (settings.ts), the language `?lang=`
// (languagePreference.ts); this module adds `?layers=` (the visible layers, every other one hidden)
// and `?building=` (selected once its tile is loaded). Other parameters of the page (e.g. `light`)
// are kept. Not offered in kiosk mode, which has no address bar to share.
import { Cesium3DTileFeature, JulianDate, Math as CesiumMath, type Cesium3DTile, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import { readBuildingProperties, type BuildingInfoPanel } from './buildingInfo.js';
import { button, el, on } from './dom.js';
import { language, onLanguageChange, t } from './i18n.js';
import { Disposer, type Destroyable } from './lifetime.js';
import type { LayerRegistry } from './mapLayer.js';
import { readSharedSelection, sharedViewSearch, type SharedState } from './sharedViewLink.js';

/** The camera as a link gives it (and the test hook reports it). */
export function cameraDegrees(viewer: CesiumWidget): SharedState['camera'] {
  const c = viewer.camera.positionCartographic;
  return [
    CesiumMath.toDegrees(c.longitude),
    CesiumMath.toDegrees(c.latitude),
    c.height,
    CesiumMath.toDegrees(viewer.camera.heading),
    CesiumMath.toDegrees(viewer.camera.pitch),
  ];
}

/** The loaded feature of building `id`, or null. */
function findFeature(tile: Cesium3DTile | undefined, id: string): Cesium3DTileFeature | null {
  if (!tile) return null;
  const content = tile.content;
  for (let i = 0; i < (content?.featuresLength ?? 0); i++) {
    const feature = content.getFeature(i);
    if (feature instanceof Cesium3DTileFeature && String(feature.getProperty('id')) === id) return feature;
  }
  for (const child of tile.children) {
    const found = findFeature(child, id);
    if (found) return found;
  }
  return null;
}

export interface ShareViewHost {
  viewer: CesiumWidget;
  registry: LayerRegistry;
  buildingInfo: Pick<BuildingInfoPanel, 'selected' | 'select'>;
  /** Where the "Copy link" button and the link go. */
  container: HTMLElement;
}

export interface ShareView extends Destroyable {
  /** Applies the link's layers and building once the city's layers and tileset are there. */
  restore(tileset: Cesium3DTileset | null): void;
}

export function setUpShareView(host: ShareViewHost): ShareView {
  const { viewer, registry, buildingInfo, container } = host;
  const life = new Disposer();
  const link = el('input', { id: 'share-link', type: 'text', readOnly: true, hidden: true });
  const status = el('span', { id: 'share-status', className: 'share-status' });
  const copy = button('', () => void copyLink(), { id: 'view-share' });
  const box = el('div', { id: 'share-view' }, copy, link, status);
  container.append(box);
  life.add(() => box.remove());
  life.add(
    onLanguageChange(() => {
      copy.textContent = t('view.copyLink');
      copy.title = t('view.copyLinkTitle');
      status.textContent = '';
    }),
  );
  life.add(
    on(link, 'keydown', (e) => {
      if (e.key !== 'Escape') return;
      // Escape here closes the link only; on the map it would also clear the selected building.
      e.stopPropagation();
      link.hidden = true;
    }),
  );

  async function copyLink(): Promise<void> {
    const visibility = registry.visibility();
    const search = sharedViewSearch(location.search, {
      camera: cameraDegrees(viewer),
      time: JulianDate.toDate(viewer.clock.currentTime),
      layers: Object.keys(visibility).filter((id) => visibility[id]),
      lang: language(),
      building: buildingInfo.selected()?.id ?? null,
    });
    const url = `${location.origin}${location.pathname}${search}${location.hash}`;
    history.replaceState(history.state, '', url);
    // The link is shown selected as well: the clipboard needs a permission some pages lack.
    link.value = url;
    link.hidden = false;
    link.select();
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = t('view.linkCopied');
    } catch {
      status.textContent = t('view.linkSelected');
    }
  }

  return {
    restore(tileset) {
      const { layers, building } = readSharedSelection(location.search);
      if (layers) {
        const known = registry.visibility();
        for (const id of Object.keys(known)) registry.setVisible(id, layers.includes(id));
        const unknown = layers.filter((id) => !(id in known));
        if (unknown.length) console.warn(`?layers=: no layer ${unknown.join(', ')} in this app`);
      }
      if (!building || !tileset) return;
      // The building's tile loads with the view: look after each frame until it is there, or the view has settled without it.
      const remove = viewer.scene.postRender.addEventListener(() => {
        const feature = findFeature(tileset.root, building);
        if (feature) buildingInfo.select(readBuildingProperties(feature));
        else if (!tileset.tilesLoaded) return;
        else console.warn(`?building=${building}: not in the buildings this view loaded`);
        remove();
      });
      life.add(remove);
      viewer.scene.requestRender();
    },
    destroy: () => life.destroy(),
  };
}
