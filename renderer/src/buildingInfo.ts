// Picking a building: a click selects it (highlighted through the tileset style) and fills the
// info panel with its attributes, where its height came from and which sources describe it.
// Escape or Close clears it.
import { Cesium3DTileFeature, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { BuildingProperties, HeightSource } from '../../common/buildFormat.js';
import { useLabel } from '../../common/buildingUses.js';
import { buildingStyle } from './buildingStyle.js';
import { button, el, on } from './dom.js';
import { language, locale, onLanguageChange, t, type TextKey } from './i18n.js';
import type { PickDispatcher } from './input/pickDispatcher.js';
import { Disposer, type Destroyable, type Remover } from './lifetime.js';

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

export interface BuildingInfoPanel extends Destroyable {
  selected(): BuildingProperties | null;
  clear(): void;
  /** Adds a section below the attributes (e.g. the wiki's edits), drawn on every redraw; returns its Remover. */
  addSection(fn: (panel: HTMLElement, building: BuildingProperties) => void): Remover;
  /** Redraws the panel (e.g. after the wiki's data changed). */
  refresh(): void;
}

export function setUpBuildingInfo(
  viewer: CesiumWidget,
  panel: HTMLElement,
  getTileset: () => Cesium3DTileset | null,
  input: PickDispatcher,
): BuildingInfoPanel {
  const life = new Disposer();
  let selected: BuildingProperties | null = null;
  const sections = new Set<(panel: HTMLElement, building: BuildingProperties) => void>();

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
      // OSM's building=yes says only "a building": show that in words, not as "yes". National use
      // codes show their name in the UI language: "apartment houses (02000)" / "공동주택 (02000)".
      ['use', b.use === 'yes' ? t('useUnspecified') : useLabel(b.use, language()) || t('unknown')],
      ['heightSource', t(`heightSource.${b.heightSource}` as TextKey) ?? b.heightSource],
      ['heightNote', b.heightNote || '—'],
      ['baseElevation', metres(b.baseElevation)],
      ['sourceId', b.sourceId],
      ['source', b.source],
    ] as [TextKey, string][];
    if (b.minHeight > 0) rows.splice(2, 0, ['minHeight', metres(b.minHeight)]);
    if (b.basementFloors)
      rows.splice(
        rows.findIndex(([key]) => key === 'use'),
        0,
        ['basementFloors', String(b.basementFloors)],
      );
    // The other sources that describe this building and what each added, one per line.
    if (b.mergedFrom) rows.push(['mergedFrom', b.mergedFrom]);

    const header = el(
      'header',
      { className: 'panel-header' },
      el('h2', { textContent: t('buildingInfo') }),
      button(t('close'), () => clear(), { id: 'building-info-close' }),
    );
    const list = el(
      'dl',
      {},
      ...rows.flatMap(([key, value]) => [
        el('dt', { textContent: t(key) }),
        el('dd', { textContent: value, dataset: { field: key }, className: key === 'mergedFrom' ? 'pre-line' : '' }),
      ]),
    );
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

  life.add(
    input.onClick((pick) => {
      const picked = pick.picked;
      if (picked instanceof Cesium3DTileFeature) select(readProperties(picked));
      else clear();
    }),
  );
  life.add(
    on(document, 'keydown', (e) => {
      if (e.key === 'Escape' && selected) clear();
    }),
  );
  life.add(onLanguageChange(() => render()));
  life.add(() => {
    selected = null;
    sections.clear();
    panel.hidden = true;
    panel.replaceChildren();
  });

  return {
    selected: () => selected,
    clear,
    addSection: (fn) => {
      const section = (p: HTMLElement, b: BuildingProperties) => fn(p, b);
      sections.add(section);
      render();
      return () => {
        if (sections.delete(section)) render();
      };
    },
    refresh: () => render(),
    destroy: () => life.destroy(),
  };
}
