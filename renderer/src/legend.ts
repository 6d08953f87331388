// The building colour legend (colours from buildingStyle.ts, so the two cannot disagree).
import { BUILDING_LEGEND } from './buildingStyle.js';
import { onLanguageChange, t } from './i18n.js';

export function setUpLegend(list: HTMLElement, title: HTMLElement): void {
  onLanguageChange(() => {
    title.textContent = t('legend');
    list.replaceChildren(
      ...BUILDING_LEGEND.map((entry) => {
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.backgroundColor = entry.colour;
        const text = document.createElement('span');
        text.textContent = t(entry.labelKey);
        item.append(swatch, text);
        return item;
      }),
    );
  });
}
