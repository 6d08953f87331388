// The moderator's review queue: each pending edit with its author, comment, a before/after table
// of its properties, a map preview, and approve / reject-with-reason. A stale edit (the feature
// changed since it was made) cannot be approved: the server answers 409 and the panel says why.
import { Cartesian3, type CesiumWidget } from 'cesium';
import { WikiApiError } from './wikiClient.js';
import type { WikiQueueItem, WikiRevision } from '../../../common/api/wikiContract.js';
import { openDialog, type OpenDialog } from './dialog.js';
import { anchorOf } from './wikiMarkers.js';
import type { WikiState } from './wikiState.js';
import { button, el } from '../dom.js';
import { when, wikiText } from './wikiText.js';

function diffTable(item: WikiQueueItem): HTMLTableElement {
  const before = item.before?.properties ?? {};
  const after = item.revision.properties;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const table = el(
    'table',
    { className: 'wiki-diff' },
    el('tr', {}, el('th', { textContent: wikiText('field') }), el('th', { textContent: wikiText('before') }), el('th', { textContent: wikiText('after') })),
  );
  for (const k of keys) {
    const b = before[k] === undefined ? '' : String(before[k]);
    const a = after[k] === undefined ? '' : String(after[k]);
    const row = el('tr', {}, el('td', { textContent: wikiText.maybe(k) ?? k }), el('td', { textContent: b }), el('td', { textContent: a }));
    if (a !== b) row.classList.add('changed');
    table.append(row);
  }
  return table;
}

export function openQueuePanel(state: WikiState, viewer: CesiumWidget, preview: (rev: WikiRevision | null) => void): void {
  const list = el('div', { className: 'wiki-queue' });
  // eslint-disable-next-line prefer-const -- assigned after the callbacks that close over it
  let d: OpenDialog;
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
      await state.refresh();
    } catch (err) {
      d.message(err instanceof WikiApiError ? err.message : String(err));
    }
  };
  const load = async () => {
    const { items } = await state.client.queue();
    list.replaceChildren(...(items.length ? [] : [el('p', { textContent: wikiText('emptyQueue') })]));
    for (const item of items) {
      const r = item.revision;
      const reason = el('input', { attrs: { type: 'text', maxlength: '500', placeholder: wikiText('rejectReason'), 'data-field': 'reason' } });
      const anchor = anchorOf(r.geometry);
      const card = el(
        'article',
        { className: 'wiki-card', attrs: { 'data-revision': String(r.id) } },
        el('h3', { textContent: `${wikiText.maybe(`kind.${r.kind}`) ?? r.kind} · ${r.target ?? r.featureId}` }),
        el('p', { className: 'wiki-meta', textContent: `${wikiText('by')} ${r.author} · ${when(r.createdAt)} · “${r.comment}”` }),
        diffTable(item),
        ...(item.stale ? [el('p', { className: 'wiki-warning', textContent: wikiText('stale') })] : []),
        el(
          'div',
          { className: 'wiki-actions' },
          ...(anchor
            ? [
                button(wikiText('showOnMap'), () => {
                  preview(r);
                  viewer.camera.flyTo({ destination: Cartesian3.fromDegrees(anchor[0], anchor[1], 600), duration: 0.8 });
                }),
              ]
            : []),
          button(wikiText('approve'), () => void act(() => state.client.approve(r.id)), { dataset: { action: 'approve' } }),
          reason,
          button(wikiText('reject'), () => void act(() => state.client.reject(r.id, reason.value.trim() || '—')), { dataset: { action: 'reject' } }),
        ),
      );
      list.append(card);
    }
  };
  d = openDialog('wiki-queue', wikiText('queue'), [list], [button('↻', () => void act(async () => {}))], false);
  d.dialog.addEventListener('close', () => preview(null));
  void act(async () => {});
}
