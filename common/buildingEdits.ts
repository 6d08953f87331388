// Citizen edits of buildings: what an approved wiki edit of a building's floors, use or name is, how
// it changes the building's attributes, and the live feed that pushes approvals and reverts to open
// pages. One pure function (applyBuildingEdits) serves the city build (tiles/model/citizenEdits.ts,
// the last and highest-priority attribute layer) and the running page
// (renderer/src/wiki/buildingEditsLayer.ts), so both show the same building for the same edits.
import { BUILDING_USES, type BuildingUse } from './api/wikiContract.js';
import type { BuildingProperties } from './buildFormat.js';
import { nationalUseFromCode } from './buildingUses.js';
import { defineFeed } from './feeds/feedContract.js';

/**
 * Storey height for floors-based heights: 3.3 m is the customary Korean planning figure (층고 3.3 m,
 * as in S-Map and many Korean 3D city models). The build's height rule (tiles/model/heights.ts) and
 * citizen floor edits both use it.
 */
export const STOREY_HEIGHT_M = 3.3;

export const CITIZEN_EDIT_FIELDS = ['floors', 'use', 'name'] as const;
export type CitizenEditField = (typeof CITIZEN_EDIT_FIELDS)[number];

/** One field of a building as approved in the wiki (the current, not reverted state of its wiki feature). */
export interface ApprovedBuildingEdit {
  /** The wiki revision that set this value (the first of the approved revisions that kept it since). */
  editId: number;
  /** The building's tileset id (BuildingProperties.id), e.g. "osm:way/198561926". */
  buildingId: string;
  field: CitizenEditField;
  /** floors: a whole number >= 1; use: one of the wiki's BUILDING_USES; name: text. */
  value: string | number;
  approvedBy: string;
  /** ISO time of the approval. */
  approvedAt: string;
}

/**
 * The use a building gets from a wiki use: the vocabulary the fire zone rule, the hazard use risk
 * and the panel already read (OSM building=* words, national use codes where the word has none).
 */
export const USE_OF_WIKI_USE: Record<BuildingUse, string> = {
  residential: 'residential',
  commercial: 'commercial',
  office: 'office',
  public: 'public',
  education: nationalUseFromCode('10000')!,
  religious: nationalUseFromCode('06000')!,
  industrial: 'industrial',
  mixed: 'mixed',
  other: 'other',
};

/** The attributes a citizen edit may change, as the data had them before it. */
export type BuiltAttributes = Pick<BuildingProperties, 'name' | 'use' | 'floors' | 'height' | 'minHeight' | 'heightSource' | 'heightNote'>;

/** What BuildingProperties.citizenEdits holds (as JSON): the edits applied and the attributes before them. */
export interface CitizenEditRecord {
  edits: ApprovedBuildingEdit[];
  before: BuiltAttributes;
}

/** The record of a building's applied edits, or null when it has none (or it cannot be read). */
export function citizenEditRecord(b: Pick<BuildingProperties, 'citizenEdits'>): CitizenEditRecord | null {
  if (!b.citizenEdits) return null;
  try {
    const record = JSON.parse(b.citizenEdits) as CitizenEditRecord;
    return Array.isArray(record.edits) && typeof record.before === 'object' && record.before !== null ? record : null;
  } catch {
    return null;
  }
}

/** The building as its sources describe it: any citizen edits a build applied taken back out. */
export function withoutCitizenEdits<B extends BuildingProperties>(b: B): B {
  const record = citizenEditRecord(b);
  return record ? { ...b, ...record.before, citizenEdits: '' } : b;
}

/** Why an edit's value cannot be applied, or null when it can. */
export function invalidEditValue(edit: Pick<ApprovedBuildingEdit, 'field' | 'value'>): string | null {
  const { field, value } = edit;
  if (field === 'floors')
    return Number.isInteger(value) && (value as number) >= 1 ? null : `floors ${JSON.stringify(value)} is not a whole number of at least 1`;
  if (field === 'use')
    return (BUILDING_USES as readonly unknown[]).includes(value) ? null : `use ${JSON.stringify(value)} is not one of ${BUILDING_USES.join(', ')}`;
  if (field === 'name') return typeof value === 'string' && value.trim() !== '' ? null : 'the name is empty';
  return `unknown field ${JSON.stringify(field)}`;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export interface AppliedEdits<B> {
  building: B;
  /** The edits that changed something (an edit whose value the data already has changes nothing). */
  applied: ApprovedBuildingEdit[];
  /** Edits whose value is invalid, with why (never applied). */
  refused: Array<{ edit: ApprovedBuildingEdit; problem: string }>;
}

/**
 * The building with its citizen edits, on top of what its sources say (edits a build applied earlier
 * are taken out first, so the same edits give the same building however often they are applied,
 * and no edits give the sources' building back). A floors edit sets the height to floors x
 * STOREY_HEIGHT_M with height source 'citizen-edit'; a use edit sets the use (USE_OF_WIKI_USE),
 * which the fire zone and hazard rules read; a name edit the name. Heights and uses of the sources
 * stay where an edit repeats what they say.
 */
export function applyBuildingEdits<B extends BuildingProperties>(built: B, edits: readonly ApprovedBuildingEdit[]): AppliedEdits<B> {
  const source = withoutCitizenEdits(built);
  const out: B = { ...source };
  const applied: ApprovedBuildingEdit[] = [];
  const refused: AppliedEdits<B>['refused'] = [];
  for (const edit of edits) {
    if (edit.buildingId !== source.id) continue;
    const problem = invalidEditValue(edit);
    if (problem) {
      refused.push({ edit, problem });
      continue;
    }
    if (edit.field === 'floors') {
      const floors = edit.value as number;
      if (floors === source.floors) continue;
      out.floors = floors;
      out.height = round(floors * STOREY_HEIGHT_M);
      out.minHeight = source.minHeight < out.height ? source.minHeight : 0;
      out.heightSource = 'citizen-edit';
      out.heightNote = `${floors} floor${floors === 1 ? '' : 's'} x ${STOREY_HEIGHT_M} m (citizen edit, wiki revision ${edit.editId})`;
    } else if (edit.field === 'use') {
      const use = USE_OF_WIKI_USE[edit.value as BuildingUse];
      if (use === source.use) continue;
      out.use = use;
    } else {
      const name = String(edit.value).trim();
      if (name === source.name) continue;
      out.name = name;
    }
    applied.push(edit);
  }
  if (applied.length) {
    const { name, use, floors, height, minHeight, heightSource, heightNote } = source;
    const record: CitizenEditRecord = { edits: applied, before: { name, use, floors, height, minHeight, heightSource, heightNote } };
    out.citizenEdits = JSON.stringify(record);
  }
  return { building: out, applied, refused };
}

/** Edits grouped by building id. */
export function editsByBuilding(edits: readonly ApprovedBuildingEdit[]): Map<string, ApprovedBuildingEdit[]> {
  const byBuilding = new Map<string, ApprovedBuildingEdit[]>();
  for (const e of edits) {
    const list = byBuilding.get(e.buildingId);
    if (list) list.push(e);
    else byBuilding.set(e.buildingId, [e]);
  }
  return byBuilding;
}

/** Every approved building edit in force. */
export interface BuildingEditsSnapshot {
  edits: ApprovedBuildingEdit[];
}

/** The buildings whose edits changed (an approval, a revert, an import), each with all its edits now; [] = none left. */
export interface BuildingEditsUpdate {
  buildings: Array<{ buildingId: string; edits: ApprovedBuildingEdit[] }>;
}

/**
 * The wiki's building edits as a live feed (common/feeds/feedContract.ts): served by the host that
 * holds the wiki store (main/wiki/buildingEditsFeed.ts), forwarded by a host that uses a shared wiki
 * server (main/wiki/wikiProxy.ts), read by the page with connectFeed.
 */
export const BUILDING_EDITS_FEED = defineFeed<BuildingEditsSnapshot, BuildingEditsUpdate>('building-edits', (snapshot, update) => {
  const changed = new Set(update.buildings.map((b) => b.buildingId));
  return { edits: [...snapshot.edits.filter((e) => !changed.has(e.buildingId)), ...update.buildings.flatMap((b) => b.edits)] };
});
