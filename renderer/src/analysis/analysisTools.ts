// Planning and analysis tools: a section in the side panel with one button per tab (Plan, Sun,
// View, Compare, Export) opening the tab in the analysis panel beside it. Each tab is its own
// module; this file only wires them to the shared context.
import type { SdotSnapshot } from '../sensors/sensorModel.js';
import { Cesium3DTileFeature, type CesiumWidget } from 'cesium';
import type { LonLat } from '../../../common/analyses/analysisSpec.js';
import type { BuildingProperties, CityManifest } from '../../../common/buildFormat.js';
import { onLanguageChange } from '../i18n.js';
import { PlanningStore } from '../planning/planningStore.js';
import { planningPanel } from '../planning/planningPanel.js';
import { el } from '../dom.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { AnalysisContext, ToolPanel } from './analysisContext.js';
import { cancelRuns } from './progressBar.js';
import { shownOverlays } from './rasterOverlay.js';
import { ResultRegistry } from './resultRegistry.js';
import { analysisText, type AnalysisTextKey } from './analysisText.js';
import { comparePanel } from './comparePanel.js';
import { exportPanel } from './exportPanel.js';
import { sunPanel } from './sunPanel.js';
import { viewPanel } from './viewPanel.js';
import { windPanel } from '../wind/windPanel.js';
import { windText } from '../wind/windText.js';
import { floodPanel } from '../flood/floodPanel.js';
import { floodText } from '../flood/floodText.js';

type TabId = 'plan' | 'sun' | 'view' | 'compare' | 'export' | 'wind' | 'flood';
// `title`: tabs whose text lives with their own panel (else analysisText's `tab.<id>`).
const TABS: Array<{ id: TabId; make: (ctx: AnalysisContext) => ToolPanel; title?: () => string }> = [
  { id: 'plan', make: planningPanel },
  { id: 'sun', make: sunPanel },
  { id: 'view', make: viewPanel },
  { id: 'compare', make: comparePanel },
  { id: 'export', make: exportPanel },
  { id: 'wind', make: windPanel, title: () => windText('tab.wind') },
  { id: 'flood', make: floodPanel, title: () => floodText('tab.flood') },
];
const tabTitle = (id: TabId) => TABS.find((t) => t.id === id)?.title?.() ?? analysisText(`tab.${id}` as AnalysisTextKey);

export interface AnalysisToolsOptions {
  viewer: CesiumWidget;
  manifest: CityManifest;
  cityBaseUrl: string;
  sidePanel: HTMLElement;
  input: PickDispatcher;
  selectedBuilding(): BuildingProperties | null;
  sdot?: () => SdotSnapshot | null;
}

export interface AnalysisTools extends Destroyable {
  readonly context: AnalysisContext;
}

export function setUpAnalysisTools(o: AnalysisToolsOptions): AnalysisTools {
  const life = new Disposer();
  // The last building clicked and where: the Compare tab's observer point for the selected building.
  let clickedBuilding: { id: string; at: LonLat } | null = null;
  life.add(
    o.input.onClick((pick) => {
      const id = pick.picked instanceof Cesium3DTileFeature ? String(pick.picked.getProperty('id')) : null;
      clickedBuilding = id && pick.point ? { id, at: [pick.point.lon, pick.point.lat] } : null;
    }),
  );
  const ctx: AnalysisContext = {
    viewer: o.viewer,
    manifest: o.manifest,
    cityBaseUrl: o.cityBaseUrl,
    store: new PlanningStore(),
    input: o.input,
    selectedBuilding: o.selectedBuilding,
    selectedBuildingPoint: () => (clickedBuilding && clickedBuilding.id === o.selectedBuilding()?.id ? clickedBuilding.at : null),
    results: new ResultRegistry(),
    sdot: o.sdot ?? (() => null),
  };
  // The result rasters the tabs drew stay on the map after their tab closes, until the tools go.
  life.add(() => {
    for (const overlay of [...shownOverlays.values()]) overlay.remove();
  });
  const title = el('h2', { id: 'analysis-tools-title' });
  const buttons = el('div', { className: 'analysis-tabs' });
  const section = el('section', { id: 'analysis-tools' }, title, buttons);
  o.sidePanel.append(section);

  const panel = el('aside', { id: 'analysis-panel', className: 'panel', hidden: true });
  const heading = el('h2', { id: 'analysis-panel-title' });
  const close = el('button', { type: 'button', className: 'chip', id: 'analysis-panel-close' });
  const body = el('div', { id: 'analysis-panel-body' });
  panel.append(el('header', { className: 'panel-header' }, heading, close), body);
  document.body.append(panel);
  life.add(() => {
    section.remove();
    panel.remove();
  });

  // Tabs are built once, on first open, and kept (their state survives switching tabs).
  const built = new Map<TabId, ToolPanel>();
  life.add(() => {
    for (const tab of built.values()) tab.destroy();
    built.clear();
  });
  let open: TabId | null = null;
  const show = (id: TabId | null) => {
    open = id;
    panel.hidden = id === null;
    for (const b of buttons.querySelectorAll('button')) b.classList.toggle('active', b.dataset.tab === id);
    if (id === null) return;
    let content = built.get(id);
    if (!content) {
      content = TABS.find((t) => t.id === id)!.make(ctx);
      built.set(id, content);
    }
    heading.textContent = tabTitle(id);
    body.replaceChildren(content.element);
  };
  close.addEventListener('click', () => show(null));
  const offLanguage = onLanguageChange(() => {
    title.textContent = analysisText('tools');
    close.textContent = analysisText('close');
    buttons.replaceChildren(
      ...TABS.map((t) => {
        const b = el('button', { type: 'button', className: 'chip', id: `analysis-tab-${t.id}`, textContent: tabTitle(t.id) });
        b.dataset.tab = t.id;
        b.classList.toggle('active', open === t.id);
        b.addEventListener('click', () => show(open === t.id ? null : t.id));
        return b;
      }),
    );
    if (open) heading.textContent = tabTitle(open);
  });
  life.add(offLanguage);
  // First of all: runs still under way stop before their tabs go.
  life.add(cancelRuns);
  return { context: ctx, destroy: () => life.destroy() };
}
