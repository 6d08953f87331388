// The view buttons in the side panel: Home (the start view) and All of Seoul (the whole city from
// above), the same as the Home / Shift+Home keys (keyboard.ts).
import { button } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import type { Destroyable } from './lifetime.js';

export interface ViewActions {
  home(): void;
  allOfCity(): void;
}

export function setUpViewControls(container: HTMLElement, actions: ViewActions): Destroyable {
  const home = button('', () => actions.home(), { id: 'view-home' });
  const city = button('', () => actions.allOfCity(), { id: 'view-city' });
  container.replaceChildren(home, city);
  const offLanguage = onLanguageChange(() => {
    home.textContent = t('view.home');
    home.title = t('view.homeTitle');
    city.textContent = t('view.city');
    city.title = t('view.cityTitle');
  });
  return {
    destroy() {
      offLanguage();
      container.replaceChildren();
    },
  };
}
