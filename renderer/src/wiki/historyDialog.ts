// A feature's history: every revision the viewer may see (who, when, comment, status, values),
// with Revert on approved revisions for moderators (the revert is itself a new revision).
import { WikiApiError } from './wikiClient.js';
import { openDialog, propertyList } from './dialog.js';
import type { WikiState } from './wikiState.js';
import { button, el } from '../dom.js';
import { when, wikiText } from './wikiText.js';

export function openHistoryDialog(state: WikiState, featureId: string): void {
  const list = el('ol', { className: 'wiki-history' });
  const d = openDialog('wiki-history', `${wikiText('history')} — ${featureId}`, [list], []);
  const load = async () => {
    try {
      const { revisions } = await state.client.history(featureId);
      list.replaceChildren(
        ...revisions.map((r) =>
          el(
            'li',
            { attrs: { 'data-revision': String(r.id), 'data-status': r.status } },
            el('p', {
              className: 'wiki-meta',
              textContent: `#${r.id} · ${wikiText.maybe(`status.${r.status}`) ?? r.status} · ${r.author} · ${when(r.createdAt)}${r.reviewer ? ` · ${wikiText('approvedBy')} ${r.reviewer}` : ''}`,
            }),
            el('p', { textContent: `“${r.comment}”${r.reason ? ` — ${r.reason}` : ''}` }),
            propertyList(r.properties, (k) => wikiText.maybe(k) ?? k),
            ...(state.isModerator() && r.status === 'approved'
              ? [
                  button(
                    wikiText('revert'),
                    async () => {
                      try {
                        await state.client.revert(r.id);
                        await load();
                        await state.refresh();
                      } catch (err) {
                        d.message(err instanceof WikiApiError ? err.message : String(err));
                      }
                    },
                    { dataset: { action: 'revert' } },
                  ),
                ]
              : []),
          ),
        ),
      );
    } catch (err) {
      d.message(err instanceof Error ? err.message : String(err));
    }
  };
  void load();
}
