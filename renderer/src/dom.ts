// The renderer's one set of DOM helpers. Text goes in through textContent only (no innerHTML
// property here), so user text — wiki names, sensor serials — never becomes markup.
import type { Remover } from './lifetime.js';

type Writable<E> = Partial<Omit<E, 'dataset' | 'style' | 'innerHTML' | 'outerHTML' | 'children'>>;

/** Properties set on the new element, plus data-* values and attributes that have no property (aria-*, role). */
export type ElementProps<E extends HTMLElement> = Writable<E> & { dataset?: Record<string, string>; attrs?: Record<string, string> };

/** Creates `tag` with `props` (id, className, textContent, type, value …) and appends `children`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps<HTMLElementTagNameMap[K]> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, attrs, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A chip button (class "chip" unless props name another) calling `onClick`. */
export function button(text: string, onClick: () => void, props: ElementProps<HTMLButtonElement> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'chip', textContent: text, ...props });
  b.addEventListener('click', onClick);
  return b;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (charts). */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** addEventListener that returns its Remover (for listeners on long-lived targets: window, document). */
export function on<K extends keyof WindowEventMap>(
  target: Window,
  type: K,
  listener: (e: WindowEventMap[K]) => void,
  options?: AddEventListenerOptions,
): Remover;
export function on<K extends keyof DocumentEventMap>(
  target: Document,
  type: K,
  listener: (e: DocumentEventMap[K]) => void,
  options?: AddEventListenerOptions,
): Remover;
export function on<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  listener: (e: HTMLElementEventMap[K]) => void,
  options?: AddEventListenerOptions,
): Remover;
export function on(target: EventTarget, type: string, listener: (e: Event) => void, options?: AddEventListenerOptions): Remover;
export function on(target: EventTarget, type: string, listener: (e: Event) => void, options?: AddEventListenerOptions): Remover {
  target.addEventListener(type, listener, options);
  return () => target.removeEventListener(type, listener, options);
}

/** The element with this id, created (hidden, as `tag` with `className`) on first use and appended to the body. */
export function singleton<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  id: string,
  props: ElementProps<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  const existing = document.getElementById(id);
  if (existing) return existing as HTMLElementTagNameMap[K];
  const node = el(tag, { id, ...props });
  document.body.append(node);
  return node;
}
