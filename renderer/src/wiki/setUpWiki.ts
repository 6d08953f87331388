// The wiki UI: a "Citizen wiki" section in the side panel (account, propose tools, the user's
// pending edits, approved places), markers on the globe, the building-panel section, the
// moderator queue and feature histories. All user text is set with textContent.
import type { CesiumWidget } from 'cesium';
import type { BuildingProperties } from '../../../common/buildFormat.js';
import type { WikiKind, WikiRevision } from '../../../common/api/wikiContract.js';
import { onLanguageChange } from '../i18n.js';
import { openAuthDialog } from './authDialog.js';
import { buildingWikiSection } from './buildingWiki.js';
import { openHistoryDialog } from './historyDialog.js';
import { pickLonLat } from './mapPick.js';
import { exchangeTools } from './exchangeTools.js';
import { openEditPendingDialog, openProposeDialog } from './proposeDialog.js';
import { openQueuePanel } from './queuePanel.js';
import { labelOf, WikiMarkers } from './wikiMarkers.js';
import { WikiState } from './wikiState.js';
import type { WikiTestHook, WithWikiTestHook } from './wikiTestHookApi.js';
import { button, el, wt, wtMaybe } from './wikiText.js';

export interface WikiHost {
  viewer: CesiumWidget;
  sidePanel: HTMLElement;
  /** The building info panel's hook for extra sections, and a way to redraw it. */
  buildingInfo: { addSection(fn: (panel: HTMLElement, b: BuildingProperties) => void): void; refresh(): void; clear(): void };
}

export function setUpWiki(host: WikiHost): WikiState {
  const state = new WikiState(`${location.origin}/`);
  const markers = new WikiMarkers(host.viewer);
  let preview: WikiRevision | null = null;
  let loaded = false;

  const section = el('section', { attrs: { id: 'wiki-section', 'aria-labelledby': 'wiki-title' } });
  host.sidePanel.append(section);
  const hint = el('div', { attrs: { id: 'wiki-pick-hint', role: 'status' } });
  hint.hidden = true;
  document.body.append(hint);

  const pickThenPropose = async (kind: WikiKind) => {
    hint.textContent = wt('clickMap');
    const at = await pickLonLat(host.viewer, hint);
    // The same click also selected whatever building was under it; the place is the point, not that building.
    host.buildingInfo.clear();
    if (at) openProposeDialog(state, { kind, baseRev: null, geometry: { type: 'Point', coordinates: at } });
  };

  const render = () => {
    const title = el('h2', { text: wt('wiki'), attrs: { id: 'wiki-title' } });
    const account = el('div', { cls: 'wiki-account' });
    if (state.user) {
      account.append(
        el('span', { text: `${wt('signedInAs')} ${state.user.name} (${state.user.role})`, attrs: { id: 'wiki-user' } }),
        button(wt('signOut'), () => void state.signOut(), { id: 'wiki-sign-out' }),
      );
    } else {
      account.append(
        el('span', { text: wt('signedOut') }),
        button(wt('signIn'), () => openAuthDialog(state), { id: 'wiki-sign-in' }),
      );
    }
    const children: Node[] = [title, account];
    if (state.problem) children.push(el('p', { cls: 'wiki-warning', text: `${wt('unavailable')}: ${state.problem}` }));
    if (state.user) {
      children.push(
        el(
          'div',
          { cls: 'wiki-tools' },
          button(wt('addPlace'), () => void pickThenPropose('place'), { id: 'wiki-add-place' }),
          button(wt('addNote'), () => void pickThenPropose('note'), { id: 'wiki-add-note' }),
          button(wt('reportHydrant'), () => openProposeDialog(state, { kind: 'hydrant', baseRev: null }), { id: 'wiki-report-hydrant' }),
          ...(state.isModerator()
            ? [button(wt('queue'), () => openQueuePanel(state, host.viewer, (r) => ((preview = r), redrawMarkers())), { id: 'wiki-open-queue' })]
            : []),
        ),
        el('h3', { text: wt('myPending') }),
        el(
          'ul',
          { attrs: { id: 'wiki-my-pending' } },
          ...(state.pending.length
            ? state.pending.map((p) =>
                el(
                  'li',
                  { attrs: { 'data-revision': String(p.id) } },
                  document.createTextNode(`${wtMaybe(`kind.${p.kind}`, p.kind)}: ${labelOf(p.kind, p.properties)} `),
                  button(wt('editPending'), () => openEditPendingDialog(state, p), { 'data-action': 'edit-pending' }),
                ),
              )
            : [el('li', { text: wt('none') })]),
        ),
      );
    }
    const places = state.features.filter((f) => f.kind === 'place' || f.kind === 'note');
    children.push(
      el('h3', { text: wt('approvedPlaces') }),
      el(
        'ul',
        { attrs: { id: 'wiki-places' } },
        ...(places.length
          ? places.map((f) => {
              const li = el('li', { attrs: { 'data-feature': f.id } });
              li.append(button(labelOf(f.kind, f.properties), () => openHistoryDialog(state, f.id), { class: 'chip wiki-link' }));
              return li;
            })
          : [el('li', { text: wt('none') })]),
      ),
    );
    children.push(exchangeTools(state));
    section.replaceChildren(...children);
  };
  const redrawMarkers = () => markers.draw(state.features, state.pending, preview);

  state.onChange(() => {
    loaded = true;
    render();
    redrawMarkers();
    host.buildingInfo.refresh();
  });
  onLanguageChange(() => {
    render();
    redrawMarkers();
  });
  host.buildingInfo.addSection((panel, b) => buildingWikiSection(state, panel, b));
  // Others' edits appear as they are approved: a light poll (one small request a minute).
  setInterval(() => void state.refresh(), 60_000);
  void state.refresh();

  const hook: WikiTestHook = {
    get loaded() {
      return loaded;
    },
    get user() {
      return state.user ? { name: state.user.name, role: state.user.role } : null;
    },
    get markers() {
      return markers.list();
    },
  };
  (window as unknown as WithWikiTestHook).__vseoulWiki = hook;
  return state;
}
