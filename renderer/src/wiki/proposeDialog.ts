// The "propose" forms: a place, a note pin, a hydrant problem report, or a change to a building's
// name, floors or use. Each edit names the approved revision it was made on; a 409 shows the
// current values and moves the form onto them, so a second save is a deliberate one.
import { WikiApiError } from './wikiClient.js';
import {
  BUILDING_USES,
  HYDRANT_PROBLEMS,
  PLACE_CATEGORIES,
  type ProposeRequest,
  type WikiGeometry,
  type WikiKind,
  type WikiProperties,
  type WikiRevision,
} from '../../../common/api/wikiContract.js';
import { fieldRows, openDialog, propertyList, type Field } from './dialog.js';
import type { WikiState } from './wikiState.js';
import { button } from '../dom.js';
import { wikiText } from './wikiText.js';

export interface ProposeTarget {
  kind: WikiKind;
  geometry?: WikiGeometry;
  /** Building tileset id or hydrant facility number (a hydrant form asks for it when absent). */
  target?: string;
  featureId?: string;
  baseRev: number | null;
  /** Current values to start from. */
  initial?: WikiProperties;
  /** Set to change one's own pending revision instead of proposing a new one. */
  pendingId?: number;
  /** The comment to start from (a pending revision's own). */
  comment?: string;
}

const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: wikiText.maybe(`${prefix}.${v}`) ?? v }));

function fieldsFor(t: ProposeTarget): Field[] {
  const v = (k: string) => (t.initial?.[k] === undefined ? undefined : String(t.initial[k]));
  switch (t.kind) {
    case 'place':
      return [
        { key: 'name_ko', label: wikiText('name_ko'), kind: 'text', maxLength: 100, value: v('name_ko') },
        { key: 'name_en', label: wikiText('name_en'), kind: 'text', maxLength: 100, value: v('name_en') },
        { key: 'category', label: wikiText('category'), kind: 'select', options: options(PLACE_CATEGORIES, 'category'), value: v('category') ?? 'other' },
        { key: 'note', label: wikiText('note'), kind: 'textarea', maxLength: 1000, value: v('note') },
      ];
    case 'note':
      return [{ key: 'text', label: wikiText('text'), kind: 'textarea', maxLength: 1000, required: true, value: v('text') }];
    case 'hydrant':
      return [
        ...(t.target ? [] : [{ key: 'target', label: wikiText('facilityNo'), kind: 'text', maxLength: 100, required: true } as Field]),
        { key: 'problem', label: wikiText('problem'), kind: 'select', options: options(HYDRANT_PROBLEMS, 'problem'), value: v('problem') ?? 'damaged' },
        { key: 'note', label: wikiText('note'), kind: 'textarea', maxLength: 1000, value: v('note') },
      ];
    case 'building':
      return [
        { key: 'name', label: wikiText('name'), kind: 'text', maxLength: 100, value: v('name') },
        { key: 'floors', label: wikiText('floors'), kind: 'number', value: v('floors') },
        { key: 'use', label: wikiText('use'), kind: 'select', options: [{ value: '', label: '—' }, ...options(BUILDING_USES, 'use')], value: v('use') ?? '' },
      ];
  }
}

/** Form values -> the properties the API takes: empty optional fields are left out. */
function toProperties(kind: WikiKind, values: Record<string, string>): WikiProperties {
  const out: WikiProperties = {};
  for (const [k, raw] of Object.entries(values)) {
    if (k === 'comment' || k === 'target' || raw === '') continue;
    out[k] = kind === 'building' && k === 'floors' ? Number(raw) : raw;
  }
  return out;
}

export function openProposeDialog(state: WikiState, t: ProposeTarget): void {
  const form = fieldRows([...fieldsFor(t), { key: 'comment', label: wikiText('comment'), kind: 'text', maxLength: 500, required: true, value: t.comment }]);
  let baseRev = t.baseRev;
  const submit = async () => {
    const values = form.values();
    const target = t.target ?? (values.target || undefined);
    const req: ProposeRequest = {
      kind: t.kind,
      baseRev,
      properties: toProperties(t.kind, values),
      comment: values.comment,
      ...(t.geometry ? { geometry: t.geometry } : {}),
      ...(target ? { target } : {}),
      ...(t.featureId && t.kind !== 'building' && t.kind !== 'hydrant' ? { featureId: t.featureId } : {}),
    };
    try {
      if (t.pendingId !== undefined) {
        await state.client.updatePending(t.pendingId, { properties: req.properties, comment: req.comment, ...(t.geometry ? { geometry: t.geometry } : {}) });
      } else await state.client.propose(req);
      d.close();
      await state.refresh();
    } catch (err) {
      if (err instanceof WikiApiError && err.status === 409) {
        baseRev = err.body.current?.revision ?? null;
        d.message(
          wikiText('conflict'),
          propertyList(err.body.current?.properties ?? {}, (k) => wikiText.maybe(k) ?? k),
        );
      } else d.message(err instanceof Error ? err.message : String(err));
    }
  };
  const editing = t.pendingId !== undefined;
  const title = editing
    ? `${wikiText('editPendingTitle')} — ${wikiText.maybe(`kind.${t.kind}`) ?? t.kind}`
    : t.kind === 'building'
      ? `${wikiText('editBuilding')} — ${t.target}`
      : (wikiText.maybe(`kind.${t.kind}`) ?? t.kind);
  const d = openDialog('wiki-propose', title, form.nodes, [
    button(editing ? wikiText('saveChanges') : wikiText('submit'), () => void submit(), { dataset: { action: 'submit' } }),
  ]);
  d.dialog.dataset.kind = t.kind;
}

/** Opens the form on one's own pending revision: same fields, its current values, saved in place. */
export function openEditPendingDialog(state: WikiState, p: WikiRevision): void {
  openProposeDialog(state, {
    kind: p.kind,
    pendingId: p.id,
    baseRev: p.baseRev,
    initial: p.properties,
    comment: p.comment,
    ...(p.geometry ? { geometry: p.geometry } : {}),
    ...(p.target ? { target: p.target } : {}),
  });
}
