// The wiki part of the building info panel: approved citizen edits of the selected building (with
// who and when), the user's own pending edit, and buttons to propose a change or see the history.
import type { BuildingProperties } from '../../../common/buildFormat.js';
import { openHistoryDialog } from './historyDialog.js';
import { openEditPendingDialog, openProposeDialog } from './proposeDialog.js';
import type { WikiState } from './wikiState.js';
import { button, el, when, wt, wtMaybe } from './wikiText.js';

export function buildingWikiSection(state: WikiState, panel: HTMLElement, b: BuildingProperties): void {
  if (!b.id) return;
  const { feature, pending } = state.buildingEdits(b.id);
  const section = el('section', { cls: 'wiki-building', attrs: { 'data-wiki': 'building' } }, el('h2', { text: wt('wikiEdits') }));
  if (feature) {
    const dl = el('dl');
    for (const [k, v] of Object.entries(feature.properties)) {
      dl.append(
        el('dt', { text: wt(k as 'name') }),
        el('dd', { text: k === 'use' ? wtMaybe(`use.${String(v)}`, String(v)) : String(v), attrs: { 'data-wiki-field': k } }),
      );
    }
    section.append(
      dl,
      el('p', { cls: 'wiki-meta', text: `${wt('by')} ${feature.author} · ${wt('approvedBy')} ${feature.approvedBy ?? '—'} · ${when(feature.approvedAt)}` }),
    );
  } else section.append(el('p', { cls: 'wiki-meta', text: wt('none') }));
  for (const p of pending) {
    section.append(
      el(
        'p',
        { cls: 'wiki-pending' },
        document.createTextNode(
          `${wt('pendingTag')}: ${Object.entries(p.properties)
            .map(([k, v]) => `${wt(k as 'name')} ${v}`)
            .join(', ')} `,
        ),
        button(wt('editPending'), () => openEditPendingDialog(state, p), { 'data-action': 'edit-pending' }),
      ),
    );
  }
  const actions = el('div', { cls: 'wiki-actions' });
  if (state.user) {
    actions.append(
      button(
        wt('editBuilding'),
        () =>
          openProposeDialog(state, {
            kind: 'building',
            target: b.id,
            baseRev: feature?.revision ?? null,
            initial: feature?.properties ?? { ...(b.name ? { name: b.name } : {}), ...(b.floors > 0 ? { floors: b.floors } : {}) },
          }),
        { 'data-action': 'edit-building' },
      ),
    );
  }
  actions.append(button(wt('history'), () => openHistoryDialog(state, `building:${b.id}`), { 'data-action': 'history' }));
  section.append(actions);
  panel.append(section);
}
