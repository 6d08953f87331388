// The wiki part of the building info panel: approved citizen edits of the selected building (with
// who and when), the user's own pending edit, and buttons to propose a change or see the history.
import type { BuildingProperties } from '../../../common/buildFormat.js';
import { openHistoryDialog } from './historyDialog.js';
import { openEditPendingDialog, openProposeDialog } from './proposeDialog.js';
import type { WikiState } from './wikiState.js';
import { button, el } from '../dom.js';
import { when, wikiText } from './wikiText.js';

export function buildingWikiSection(state: WikiState, panel: HTMLElement, b: BuildingProperties): void {
  if (!b.id) return;
  const { feature, pending } = state.buildingEdits(b.id);
  const section = el('section', { className: 'wiki-building', attrs: { 'data-wiki': 'building' } }, el('h2', { textContent: wikiText('wikiEdits') }));
  if (feature) {
    const dl = el('dl');
    for (const [k, v] of Object.entries(feature.properties)) {
      dl.append(
        el('dt', { textContent: wikiText(k as 'name') }),
        el('dd', { textContent: k === 'use' ? (wikiText.maybe(`use.${String(v)}`) ?? String(v)) : String(v), attrs: { 'data-wiki-field': k } }),
      );
    }
    section.append(
      dl,
      el('p', {
        className: 'wiki-meta',
        textContent: `${wikiText('by')} ${feature.author} · ${wikiText('approvedBy')} ${feature.approvedBy ?? '—'} · ${when(feature.approvedAt)}`,
      }),
    );
  } else section.append(el('p', { className: 'wiki-meta', textContent: wikiText('none') }));
  for (const p of pending) {
    section.append(
      el(
        'p',
        { className: 'wiki-pending' },
        document.createTextNode(
          `${wikiText('pendingTag')}: ${Object.entries(p.properties)
            .map(([k, v]) => `${wikiText(k as 'name')} ${v}`)
            .join(', ')} `,
        ),
        button(wikiText('editPending'), () => openEditPendingDialog(state, p), { dataset: { action: 'edit-pending' } }),
      ),
    );
  }
  const actions = el('div', { className: 'wiki-actions' });
  if (state.user) {
    actions.append(
      button(
        wikiText('editBuilding'),
        () =>
          openProposeDialog(state, {
            kind: 'building',
            target: b.id,
            baseRev: feature?.revision ?? null,
            initial: feature?.properties ?? { ...(b.name ? { name: b.name } : {}), ...(b.floors > 0 ? { floors: b.floors } : {}) },
          }),
        { dataset: { action: 'edit-building' } },
      ),
    );
  }
  actions.append(button(wikiText('history'), () => openHistoryDialog(state, `building:${b.id}`), { dataset: { action: 'history' } }));
  section.append(actions);
  panel.append(section);
}
