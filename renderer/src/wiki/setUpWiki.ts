// The wiki UI: a "Citizen wiki" section in the side panel (account, propose tools, the user's
// pending edits, approved places), markers on the globe, the building-panel section, the
// moderator queue and feature histories. All user text is set with textContent.
import type { CesiumWidget } from 'cesium';
import type { BuildingProperties } from '../../../common/buildFormat.js';
import type { WikiKind, WikiRevision } from '../../../common/api/wikiContract.js';
import { onLanguageChange } from '../i18n.js';
import type { PickDispatcher } from '../input/pickDispatcher.js';
import { Disposer, type Destroyable, type Remover } from '../lifetime.js';
import { installWindowHook } from '../windowHook.js';
import { openAuthDialog } from './authDialog.js';
import { buildingWikiSection } from './buildingWiki.js';
import { openHistoryDialog } from './historyDialog.js';
import { pickLonLat } from './mapPick.js';
import { exchangeTools } from './exchangeTools.js';
import { openEditPendingDialog, openProposeDialog } from './proposeDialog.js';
import { openQueuePanel } from './queuePanel.js';
import { labelOf, WikiMarkers } from './wikiMarkers.js';
import { WikiState } from './wikiState.js';
import type { WikiTestHook } from './wikiTestHookApi.js';
import { button, el } from '../dom.js';
import { wikiText } from './wikiText.js';

export interface WikiHost {
  viewer: CesiumWidget;
  input: PickDispatcher;
  sidePanel: HTMLElement;
  /** The building info panel's hook for extra sections, and a way to redraw it. */
  buildingInfo: { addSection(fn: (panel: HTMLElement, b: BuildingProperties) => void): Remover; refresh(): void; clear(): void };
}

export interface WikiUi extends Destroyable {
  readonly state: WikiState;
}

export function setUpWiki(host: WikiHost): WikiUi {
  const life = new Disposer();
  const state = new WikiState(`${location.origin}/`);
  life.add(state);
  const markers = life.add(new WikiMarkers(host.viewer));
  let preview: WikiRevision | null = null;
  let loaded = false;

  const section = el('section', { attrs: { id: 'wiki-section', 'aria-labelledby': 'wiki-title' } });
  host.sidePanel.append(section);
  const hint = el('div', { hidden: true, attrs: { id: 'wiki-pick-hint', role: 'status' } });
  document.body.append(hint);
  life.add(() => {
    section.remove();
    hint.remove();
    for (const dialog of document.querySelectorAll('dialog.wiki-dialog')) dialog.remove();
  });
  const picking = new AbortController();
  life.add(() => picking.abort());

  const pickThenPropose = async (kind: WikiKind) => {
    hint.textContent = wikiText('clickMap');
    const at = await pickLonLat(host.input, hint, picking.signal);
    if (life.destroyed) return;
    // As before the map input had one owner: proposing a place ends the building selection.
    host.buildingInfo.clear();
    if (at) openProposeDialog(state, { kind, baseRev: null, geometry: { type: 'Point', coordinates: at } });
  };

  const render = () => {
    const title = el('h2', { textContent: wikiText('wiki'), attrs: { id: 'wiki-title' } });
    const account = el('div', { className: 'wiki-account' });
    if (state.user) {
      account.append(
        el('span', { textContent: `${wikiText('signedInAs')} ${state.user.name} (${state.user.role})`, attrs: { id: 'wiki-user' } }),
        button(wikiText('signOut'), () => void state.signOut(), { id: 'wiki-sign-out' }),
      );
    } else {
      account.append(
        el('span', { textContent: wikiText('signedOut') }),
        button(wikiText('signIn'), () => openAuthDialog(state), { id: 'wiki-sign-in' }),
      );
    }
    const children: Node[] = [title, account];
    if (state.problem) children.push(el('p', { className: 'wiki-warning', textContent: `${wikiText('unavailable')}: ${state.problem}` }));
    if (state.user) {
      children.push(
        el(
          'div',
          { className: 'wiki-tools' },
          button(wikiText('addPlace'), () => void pickThenPropose('place'), { id: 'wiki-add-place' }),
          button(wikiText('addNote'), () => void pickThenPropose('note'), { id: 'wiki-add-note' }),
          button(wikiText('reportHydrant'), () => openProposeDialog(state, { kind: 'hydrant', baseRev: null }), { id: 'wiki-report-hydrant' }),
          ...(state.isModerator()
            ? [button(wikiText('queue'), () => openQueuePanel(state, host.viewer, (r) => ((preview = r), redrawMarkers())), { id: 'wiki-open-queue' })]
            : []),
        ),
        el('h3', { textContent: wikiText('myPending') }),
        el(
          'ul',
          { attrs: { id: 'wiki-my-pending' } },
          ...(state.pending.length
            ? state.pending.map((p) =>
                el(
                  'li',
                  { attrs: { 'data-revision': String(p.id) } },
                  document.createTextNode(`${wikiText.maybe(`kind.${p.kind}`) ?? p.kind}: ${labelOf(p.kind, p.properties)} `),
                  button(wikiText('editPending'), () => openEditPendingDialog(state, p), { dataset: { action: 'edit-pending' } }),
                ),
              )
            : [el('li', { textContent: wikiText('none') })]),
        ),
      );
    }
    const places = state.features.filter((f) => f.kind === 'place' || f.kind === 'note');
    children.push(
      el('h3', { textContent: wikiText('approvedPlaces') }),
      el(
        'ul',
        { attrs: { id: 'wiki-places' } },
        ...(places.length
          ? places.map((f) => {
              const li = el('li', { attrs: { 'data-feature': f.id } });
              li.append(button(labelOf(f.kind, f.properties), () => openHistoryDialog(state, f.id), { className: 'chip wiki-link' }));
              return li;
            })
          : [el('li', { textContent: wikiText('none') })]),
      ),
    );
    children.push(exchangeTools(state));
    section.replaceChildren(...children);
  };
  const redrawMarkers = () => markers.draw(state.features, state.pending, preview);

  life.add(
    state.onChange(() => {
      loaded = true;
      render();
      redrawMarkers();
      host.buildingInfo.refresh();
    }),
  );
  life.add(
    onLanguageChange(() => {
      render();
      redrawMarkers();
    }),
  );
  life.add(host.buildingInfo.addSection((panel, b) => buildingWikiSection(state, panel, b)));
  // Others' edits appear as they are approved: a light poll (one small request a minute).
  life.interval(() => void state.refresh(), 60_000);
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
  life.add(installWindowHook('__vseoulWiki', hook));
  return { state, destroy: () => life.destroy() };
}
