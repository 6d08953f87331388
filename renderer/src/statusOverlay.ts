// A full-window message when the app cannot show the city, so users never face a blank globe
// without an explanation; and a small badge while tiles are still loading.
export function showStatusOverlay(overlay: HTMLElement, title: string, detail: string, hint?: string): void {
  const h = document.createElement('h2');
  h.textContent = title;
  const p = document.createElement('p');
  p.textContent = detail;
  overlay.replaceChildren(h, p);
  if (hint) {
    const q = document.createElement('p');
    q.className = 'hint';
    q.textContent = hint;
    overlay.append(q);
  }
  overlay.hidden = false;
}

export function setLoadingBadge(badge: HTMLElement, text: string | null): void {
  badge.hidden = text === null;
  badge.textContent = text ?? '';
}
