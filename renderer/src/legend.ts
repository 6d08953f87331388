// The building colour legend (colours from buildingStyle.ts, so the two cannot disagree), and the
// building overview's classes — its height sources, in the colours its manifest gives — when the
// build has the overview.
import type { BuildingOverviewInfo } from '../../common/buildFormat.js';
import { BUILDING_LEGEND, HEIGHT_SOURCE_LABELS } from './buildingStyle.js';
import { el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import type { Destroyable } from './lifetime.js';

export interface Legend extends Destroyable {
  /** Adds the overview's classes (null: the build has no overview). */
  showBuildingOverview(classes: BuildingOverviewInfo['classes'] | null): void;
}

function swatch(colour: string): HTMLElement {
  const s = el('span', { className: 'swatch' });
  s.style.backgroundColor = colour;
  return s;
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
        ...classes.map((c, i) =>
          el(
            'li',
            { dataset: { overviewClass: String(i) } },
            swatch(c.colour),
            el('span', { textContent: HEIGHT_SOURCE_LABELS[c.source] ? t(HEIGHT_SOURCE_LABELS[c.source]) : c.source }),
          ),
        ),
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
