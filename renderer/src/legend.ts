// The building colour legend (colours from buildingStyle.ts, so the two cannot disagree).
import { BUILDING_LEGEND } from './buildingStyle.js';
import { el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import type { Destroyable } from './lifetime.js';

export function setUpLegend(list: HTMLElement, title: HTMLElement): Destroyable {
  const offLanguage = onLanguageChange(() => {
    title.textContent = t('legend');
    list.replaceChildren(
      ...BUILDING_LEGEND.map((entry) => {
        const swatch = el('span', { className: 'swatch' });
        swatch.style.backgroundColor = entry.colour;
        return el('li', {}, swatch, el('span', { textContent: t(entry.labelKey) }));
      }),
    );
  });
  return {
    destroy() {
      offLanguage();
      list.replaceChildren();
    },
  };
}
