// The layer list: one checkbox per layer; unavailable layers are shown disabled with the reason.
import { onLanguageChange, t } from './i18n.js';
import type { LayerRegistry } from './mapLayer.js';

export function setUpLayerList(list: HTMLElement, title: HTMLElement, registry: LayerRegistry): void {
  const render = () => {
    title.textContent = t('layers');
    list.replaceChildren(
      ...registry.layers.map((layer) => {
        const item = document.createElement('li');
        item.dataset.layer = layer.id;
        item.dataset.state = layer.state;
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = `layer-${layer.id}`;
        box.checked = layer.visible;
        box.disabled = layer.state !== 'ready';
        box.addEventListener('change', () => registry.setVisible(layer.id, box.checked));
        const text = document.createElement('span');
        text.textContent = layer.label();
        label.append(box, text);
        if (layer.problem) label.title = layer.problem;
        item.append(label);
        return item;
      }),
    );
  };
  registry.onChange(render);
  onLanguageChange(render);
}
