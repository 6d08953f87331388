// A small modal dialog (<dialog>) and form-field helpers shared by the wiki's forms.
import { button, el } from '../dom.js';
import { wikiText } from './wikiText.js';

export interface Field {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number' | 'password';
  options?: Array<{ value: string; label: string }>;
  value?: string;
  required?: boolean;
  maxLength?: number;
}

export interface OpenDialog {
  dialog: HTMLDialogElement;
  /** Shows an error (or conflict) message inside the dialog. */
  message(text: string, extra?: Node): void;
  close(): void;
}

/** modal=false: a floating panel that leaves the map usable (the review queue). */
export function openDialog(id: string, title: string, body: Node[], actions: HTMLButtonElement[], modal = true): OpenDialog {
  document.getElementById(id)?.remove();
  const msg = el('div', { className: 'wiki-message', attrs: { role: 'alert' } });
  msg.hidden = true;
  const dialog = el('dialog', { className: 'wiki-dialog', attrs: { id } }, el('h2', { textContent: title }), ...body, msg);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.append(
    el('div', { className: 'wiki-actions' }, ...actions, button(modal ? wikiText('cancel') : wikiText('close'), close, { dataset: { action: 'cancel' } })),
  );
  if (!modal) dialog.classList.add('wiki-floating');
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  if (modal) dialog.showModal();
  else dialog.show();
  return {
    dialog,
    message(text, extra) {
      msg.replaceChildren(el('p', { textContent: text }), ...(extra ? [extra] : []));
      msg.hidden = false;
    },
    close,
  };
}

export function fieldRows(fields: Field[]): { nodes: HTMLElement[]; values(): Record<string, string> } {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  const nodes = fields.map((f) => {
    let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    if (f.kind === 'select') {
      input = el('select');
      for (const o of f.options ?? []) input.append(el('option', { textContent: o.label, attrs: { value: o.value } }));
    } else if (f.kind === 'textarea') {
      input = el('textarea', { attrs: { rows: '3' } });
    } else {
      input = el('input', { attrs: { type: f.kind === 'number' ? 'number' : f.kind } });
    }
    input.name = f.key;
    if (f.value !== undefined) input.value = f.value;
    if (f.required) input.required = true;
    if (f.maxLength && !(input instanceof HTMLSelectElement)) input.maxLength = f.maxLength;
    inputs.set(f.key, input);
    return el('label', { className: 'wiki-field' }, el('span', { textContent: f.label }), input);
  });
  return {
    nodes,
    values: () => Object.fromEntries([...inputs].map(([k, i]) => [k, i.value.trim()])),
  };
}

/** A two-column list of properties (textContent only). */
export function propertyList(props: Record<string, unknown>, label: (key: string) => string): HTMLDListElement {
  const dl = el('dl', { className: 'wiki-props' });
  for (const [k, v] of Object.entries(props)) dl.append(el('dt', { textContent: label(k) }), el('dd', { textContent: String(v) }));
  return dl;
}
