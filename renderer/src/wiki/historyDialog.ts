// A feature's history: every revision the viewer may see (who, when, comment, status, values),
// with Revert on approved revisions for moderators (the revert is itself a new revision).
import { WikiApiError } from './wikiClient.js';
import { openDialog, propertyList } from './dialog.js';
import type { WikiState } from './wikiState.js';
import { button, el, when, wt, wtMaybe } from './wikiText.js';

export function openHistoryDialog(state: WikiState, featureId: string): void {
  const list = el('ol', { cls: 'wiki-history' });
  const d = openDialog('wiki-history', `${wt('history')} — ${featureId}`, [list], []);
  const load = async () => {
    try {
      const { revisions } = await state.client.history(featureId);
      list.replaceChildren(
        ...revisions.map((r) =>
          el(
            'li',
            { attrs: { 'data-revision': String(r.id), 'data-status': r.status } },
            el('p', {
              cls: 'wiki-meta',
              text: `#${r.id} · ${wtMaybe(`status.${r.status}`, r.status)} · ${r.author} · ${when(r.createdAt)}${r.reviewer ? ` · ${wt('approvedBy')} ${r.reviewer}` : ''}`,
            }),
            el('p', { text: `“${r.comment}”${r.reason ? ` — ${r.reason}` : ''}` }),
            propertyList(r.properties, (k) => wtMaybe(k, k)),
            ...(state.isModerator() && r.status === 'approved'
              ? [
                  button(
                    wt('revert'),
                    async () => {
                      try {
                        await state.client.revert(r.id);
                        await load();
                        await state.refresh();
                      } catch (err) {
                        d.message(err instanceof WikiApiError ? err.message : String(err));
                      }
                    },
                    { 'data-action': 'revert' },
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
