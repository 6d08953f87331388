// Picking a building: a click selects it (highlighted through the tileset style) and fills the
// info panel with its attributes and where its height came from. Escape or Close clears it.
import { Cesium3DTileFeature, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { BuildingProperties, HeightSource } from '../../common/buildFormat.js';
import { buildingStyle } from './buildingStyle.js';
import { locale, onLanguageChange, t, type TextKey } from './i18n.js';

function readProperties(feature: Cesium3DTileFeature): BuildingProperties {
  const get = (name: string): unknown => feature.getProperty(name);
  const text = (name: string) => {
    const v = get(name);
    return v === undefined || v === null ? '' : String(v);
  };
  const num = (name: string) => {
    const v = Number(get(name));
    return Number.isFinite(v) ? v : 0;
  };
  return {
    id: text('id'),
    sourceId: text('sourceId'),
    source: text('source'),
    name: text('name'),
    use: text('use'),
    floors: num('floors'),
    height: num('height'),
    minHeight: num('minHeight'),
    heightSource: (text('heightSource') || 'default-by-use') as HeightSource,
    heightNote: text('heightNote'),
    baseElevation: num('baseElevation'),
  };
}

export interface BuildingInfoPanel {
  selected(): BuildingProperties | null;
  clear(): void;
  /** Adds a section below the attributes (e.g. the wiki's edits); called on every redraw. */
  addSection(fn: (panel: HTMLElement, building: BuildingProperties) => void): void;
  /** Redraws the panel (e.g. after the wiki's data changed). */
  refresh(): void;
}

export function setUpBuildingInfo(viewer: CesiumWidget, panel: HTMLElement, getTileset: () => Cesium3DTileset | null): BuildingInfoPanel {
  let selected: BuildingProperties | null = null;
  const sections: Array<(panel: HTMLElement, building: BuildingProperties) => void> = [];

  const metres = (v: number) => `${v.toLocaleString(locale(), { maximumFractionDigits: 1 })} ${t('metres')}`;

  const render = () => {
    if (!selected) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const b = selected;
    const rows: [TextKey, string][] = [
      ['name', b.name || t('unnamed')],
      ['height', metres(b.height)],
      ['floors', b.floors > 0 ? String(b.floors) : t('unknown')],
      // OSM's building=yes says only "a building": show that in words, not as "yes".
      ['use', b.use === 'yes' ? t('useUnspecified') : b.use || t('unknown')],
      ['heightSource', t(`heightSource.${b.heightSource}` as TextKey) ?? b.heightSource],
      ['heightNote', b.heightNote || '—'],
      ['baseElevation', metres(b.baseElevation)],
      ['sourceId', b.sourceId],
      ['source', b.source],
    ];
    if (b.minHeight > 0) rows.splice(2, 0, ['minHeight', metres(b.minHeight)]);

    const header = document.createElement('header');
    header.className = 'panel-header';
    const title = document.createElement('h2');
    title.textContent = t('buildingInfo');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'chip';
    close.id = 'building-info-close';
    close.textContent = t('close');
    close.addEventListener('click', () => clear());
    header.append(title, close);

    const list = document.createElement('dl');
    for (const [key, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.field = key;
      list.append(dt, dd);
    }
    panel.replaceChildren(header, list);
    for (const section of sections) section(panel, b);
    panel.hidden = false;
  };

  const select = (next: BuildingProperties | null) => {
    selected = next;
    const tileset = getTileset();
    if (tileset) tileset.style = buildingStyle(next?.id ?? null);
    render();
    viewer.scene.requestRender();
  };
  const clear = () => select(null);

  const handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
  handler.setInputAction((click: ScreenSpaceEventHandler.PositionedEvent) => {
    const picked: unknown = viewer.scene.pick(click.position);
    if (picked instanceof Cesium3DTileFeature) select(readProperties(picked));
    else clear();
  }, ScreenSpaceEventType.LEFT_CLICK);

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && selected) clear();
  });
  onLanguageChange(() => render());

  return {
    selected: () => selected,
    clear,
    addSection: (fn) => {
      sections.push(fn);
      render();
    },
    refresh: () => render(),
  };
}
