// Picking a building: a click selects it (highlighted through the tileset style) and fills the
// info panel with its attributes, where its height came from and which sources describe it.
// Escape or Close clears it.
import { Cesium3DTileFeature, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { BuildingProperties, HeightSource } from '../../common/buildFormat.js';
import { useLabel } from '../../common/buildingUses.js';
import { buildingStyle } from './buildingStyle.js';
import { language, locale, onLanguageChange, t, type TextKey } from './i18n.js';

/** Labels of the merge provenance rows (builds from several sources). */
const MERGE_TEXT = {
  ko: { basementFloors: '지하 층수', mergedFrom: '함께 쓴 원본' },
  en: { basementFloors: 'Floors below ground', mergedFrom: 'Also from' },
} as const;

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
    basementFloors: num('basementFloors'),
    mergedFrom: text('mergedFrom'),
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
    const rows: [string, string, string][] = (
      [
        ['name', b.name || t('unnamed')],
        ['height', metres(b.height)],
        ['floors', b.floors > 0 ? String(b.floors) : t('unknown')],
        // OSM's building=yes says only "a building": show that in words, not as "yes". National use
        // codes show their name in the UI language: "apartment houses (02000)" / "공동주택 (02000)".
        ['use', b.use === 'yes' ? t('useUnspecified') : useLabel(b.use, language()) || t('unknown')],
        ['heightSource', t(`heightSource.${b.heightSource}` as TextKey) ?? b.heightSource],
        ['heightNote', b.heightNote || '—'],
        ['baseElevation', metres(b.baseElevation)],
        ['sourceId', b.sourceId],
        ['source', b.source],
      ] as [TextKey, string][]
    ).map(([key, value]) => [key, t(key), value]);
    if (b.minHeight > 0) rows.splice(2, 0, ['minHeight', t('minHeight'), metres(b.minHeight)]);
    const merge = MERGE_TEXT[language()];
    if (b.basementFloors)
      rows.splice(
        rows.findIndex(([key]) => key === 'use'),
        0,
        ['basementFloors', merge.basementFloors, String(b.basementFloors)],
      );
    // The other sources that describe this building and what each added, one per line.
    if (b.mergedFrom) rows.push(['mergedFrom', merge.mergedFrom, b.mergedFrom]);

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
    for (const [key, label, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.field = key;
      if (key === 'mergedFrom') dd.style.whiteSpace = 'pre-line';
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
