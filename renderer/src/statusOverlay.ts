// A full-window message when the app cannot show the city, so users never face a blank globe
// without an explanation; and a small badge while tiles are still loading.
import { el } from './dom.js';

export function showStatusOverlay(overlay: HTMLElement, title: string, detail: string, hint?: string): void {
  overlay.replaceChildren(
    el('h2', { textContent: title }),
    el('p', { textContent: detail }),
    ...(hint ? [el('p', { className: 'hint', textContent: hint })] : []),
  );
  overlay.hidden = false;
}

export function setLoadingBadge(badge: HTMLElement, text: string | null): void {
  badge.hidden = text === null;
  badge.textContent = text ?? '';
}
