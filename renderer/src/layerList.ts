// The layer list: one checkbox per layer; unavailable layers are shown disabled with the reason.
import { el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import type { Destroyable } from './lifetime.js';
import type { LayerRegistry } from './mapLayer.js';

export function setUpLayerList(list: HTMLElement, title: HTMLElement, registry: LayerRegistry): Destroyable {
  const render = () => {
    title.textContent = t('layers');
    list.replaceChildren(
      ...registry.layers.map((layer) => {
        const box = el('input', { type: 'checkbox', id: `layer-${layer.id}`, checked: layer.visible, disabled: layer.state !== 'ready' });
        box.addEventListener('change', () => registry.setVisible(layer.id, box.checked));
        const label = el('label', {}, box, el('span', { textContent: layer.label() }));
        if (layer.problem) label.title = layer.problem;
        return el('li', { dataset: { layer: layer.id, state: layer.state } }, label);
      }),
    );
  };
  const offRegistry = registry.onChange(render);
  const offLanguage = onLanguageChange(render);
  return {
    destroy() {
      offRegistry();
      offLanguage();
      list.replaceChildren();
    },
  };
}
