// Picking a building: a click selects it (highlighted through the tileset style) and fills the
// info panel with its attributes, where its height came from, which sources describe it and which
// approved citizen edits changed it. Escape or Close clears it. Attribute layers (the wiki's
// approved edits) may change what the panel shows and draw buildings of their own.
import { Cesium3DTileFeature, type Cesium3DTileset, type CesiumWidget } from 'cesium';
import type { BuildingProperties, HeightSource } from '../../common/buildFormat.js';
import { citizenEditRecord } from '../../common/buildingEdits.js';
import { useLabel } from '../../common/buildingUses.js';
import { buildingStyle } from './buildingStyle.js';
import { button, el, on } from './dom.js';
import { language, locale, onLanguageChange, t, type TextKey } from './i18n.js';
import type { PickDispatcher } from './input/pickDispatcher.js';
import { Disposer, type Destroyable, type Remover } from './lifetime.js';

/** A tileset feature's building attributes (the build's EXT_structural_metadata class). */
export function readBuildingProperties(feature: Cesium3DTileFeature): BuildingProperties {
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
    citizenEdits: text('citizenEdits'),
  };
}

/** Something that changes what the panel shows of a building (renderer/src/wiki/buildingEditsLayer.ts). */
export interface BuildingAttributeLayer {
  /** The attributes to show for a building as its tile has them. */
  shown(built: BuildingProperties): BuildingProperties;
  /** The building (as its tile has it) a pick of the layer's own drawing shows, else null. */
  buildingOf(picked: unknown): BuildingProperties | null;
  /** The selection changed (its drawing may highlight it). */
  onSelect?(id: string | null): void;
}

export interface BuildingInfoPanel extends Destroyable {
  /** The selected building as the panel shows it (attribute layers applied), or null. */
  selected(): BuildingProperties | null;
  /** Selects a building as a click on it would (a shared link's ?building=). */
  select(building: BuildingProperties): void;
  clear(): void;
  /** Adds a section below the attributes (e.g. the wiki's edits), drawn on every redraw; returns its Remover. */
  addSection(fn: (panel: HTMLElement, building: BuildingProperties) => void): Remover;
  /** Redraws the panel (e.g. after the wiki's data changed). */
  refresh(): void;
  /** Shows buildings through `layer` from now on; returns its Remover. */
  addAttributeLayer(layer: BuildingAttributeLayer): Remover;
}

function dateText(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleDateString(locale(), { timeZone: 'Asia/Seoul', dateStyle: 'medium' });
}

/** One line per applied citizen edit: "floors: citizen edit, approved by X, on 22 Nov 2026". */
function citizenEditLines(b: BuildingProperties): string {
  const record = citizenEditRecord(b);
  if (!record) return '';
  return record.edits.map((e) => t('citizenEditProvenance', { field: t(e.field), by: e.approvedBy, date: dateText(e.approvedAt) })).join('\n');
}

export function setUpBuildingInfo(
  viewer: CesiumWidget,
  panel: HTMLElement,
  getTileset: () => Cesium3DTileset | null,
  input: PickDispatcher,
): BuildingInfoPanel {
  const life = new Disposer();
  /** As the tile has it; shown through the attribute layers. */
  let selected: BuildingProperties | null = null;
  const layers = new Set<BuildingAttributeLayer>();
  const shown = (built: BuildingProperties) => [...layers].reduce((b, layer) => layer.shown(b), built);
  const sections = new Set<(panel: HTMLElement, building: BuildingProperties) => void>();

  const metres = (v: number) => `${v.toLocaleString(locale(), { maximumFractionDigits: 1 })} ${t('metres')}`;

  const render = () => {
    if (!selected) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const b = shown(selected);
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
    // Approved wiki edits: who approved each and when.
    const edits = citizenEditLines(b);
    if (edits) rows.splice(rows.findIndex(([key]) => key === 'heightNote') + 1, 0, ['citizenEdits', edits]);

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
        el('dd', { textContent: value, dataset: { field: key }, className: key === 'mergedFrom' || key === 'citizenEdits' ? 'pre-line' : '' }),
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
    for (const layer of layers) layer.onSelect?.(next?.id ?? null);
    render();
    viewer.scene.requestRender();
  };
  const clear = () => select(null);

  life.add(
    input.onClick((pick) => {
      const picked = pick.picked;
      if (picked instanceof Cesium3DTileFeature) select(readBuildingProperties(picked));
      else {
        const drawn = [...layers].map((layer) => layer.buildingOf(picked)).find((b) => b !== null);
        if (drawn) select(drawn);
        else clear();
      }
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
    layers.clear();
    panel.hidden = true;
    panel.replaceChildren();
  });

  return {
    selected: () => (selected ? shown(selected) : null),
    select,
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
    addAttributeLayer: (layer) => {
      layers.add(layer);
      render();
      return () => {
        if (layers.delete(layer)) render();
      };
    },
    destroy: () => life.destroy(),
  };
}
