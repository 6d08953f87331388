// One-shot map picking: the next left click on the globe gives its longitude and latitude
// (Escape, another tool taking the map, or `signal` cancels). Used by the "add a place" and "note
// pin" tools.
import { on } from '../dom.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';

export function pickLonLat(input: PickDispatcher, hint: HTMLElement, signal: AbortSignal): Promise<[number, number] | null> {
  return new Promise((resolve) => {
    hint.hidden = false;
    const finish = (value: [number, number] | null) => {
      release();
      offKey();
      signal.removeEventListener('abort', onAbort);
      hint.hidden = true;
      resolve(value);
    };
    const onAbort = () => finish(null);
    signal.addEventListener('abort', onAbort);
    const offKey = on(document, 'keydown', (e) => {
      if (e.key === 'Escape') finish(null);
    });
    // A click over the sky has no point and is not delivered: the pick keeps waiting.
    const release = input.capture('wiki-pick', {
      click: (p) => finish([Number(p.lon.toFixed(7)), Number(p.lat.toFixed(7))]),
      cancelled: () => finish(null),
    });
  });
}
