// The building colour legend (colours from buildingStyle.ts, so the two cannot disagree), and the
// building overview's height classes when the build has the overview (colours from its manifest).
import type { BuildingOverviewInfo } from '../../common/buildFormat.js';
import { BUILDING_LEGEND } from './buildingStyle.js';
import { el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import type { Destroyable } from './lifetime.js';

export interface Legend extends Destroyable {
  /** Adds the overview's height classes (null: the build has no overview). */
  showBuildingOverview(classes: BuildingOverviewInfo['classes'] | null): void;
}

function swatch(colour: string): HTMLElement {
  const s = el('span', { className: 'swatch' });
  s.style.backgroundColor = colour;
  return s;
}

/** 'under 10 m', '10–20 m', '80 m and taller': each class from the one before's bound to its own. */
function classLabel(classes: BuildingOverviewInfo['classes'], i: number): string {
  const min = i > 0 ? classes[i - 1].below : null;
  const max = classes[i].below;
  if (min === null && max !== null) return t('legend.overviewBelow', { max });
  if (max === null) return t('legend.overviewAbove', { min: min ?? 0 });
  return t('legend.overviewRange', { min: min ?? 0, max });
}

export function setUpLegend(list: HTMLElement, title: HTMLElement): Legend {
  let overview: BuildingOverviewInfo['classes'] | null = null;
  const render = () => {
    title.textContent = t('legend');
    const items = BUILDING_LEGEND.map((entry) => el('li', {}, swatch(entry.colour), el('span', { textContent: t(entry.labelKey) })));
    if (overview) {
      const classes = overview;
      items.push(
        el('li', { className: 'legend-heading', id: 'legend-overview', textContent: t('legend.overview') }),
        ...classes.map((c, i) => el('li', { dataset: { overviewClass: String(i) } }, swatch(c.colour), el('span', { textContent: classLabel(classes, i) }))),
        el('li', { className: 'legend-note', textContent: t('legend.overviewNote') }),
      );
    }
    list.replaceChildren(...items);
  };
  const offLanguage = onLanguageChange(render);
  return {
    showBuildingOverview(classes) {
      overview = classes;
      render();
    },
    destroy() {
      offLanguage();
      list.replaceChildren();
    },
  };
}
