// Citizen edits in the city build: the approved, not reverted wiki edits of buildings' floors, use
// and name, read from the wiki's SQLite store (main/wiki/store.ts writes it; this reads it, read
// only, so a build may run while the wiki serves) and applied after source merging and heights as
// the last, highest-priority attribute layer, by the same function the page uses
// (applyBuildingEdits, common/buildingEdits.ts). An edit whose building the build does not have is
// one line in the report; the edit itself stays in the wiki.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { applyBuildingEdits, CITIZEN_EDIT_FIELDS, editsByBuilding, type ApprovedBuildingEdit } from '../../common/buildingEdits.js';
import type { BuildLog, CityBuilding } from './cityModel.js';

interface RevisionRow {
  id: number;
  target: string;
  base_rev: number | null;
  reverts_rev: number | null;
  properties: string;
  deleted: number;
  reviewer: string | null;
  reviewed_at: string | null;
}

const REVISION_SELECT = `
  SELECT r.id, f.target, r.base_rev, r.reverts_rev, r.properties, r.deleted, v.name AS reviewer, r.reviewed_at
  FROM revisions r JOIN features f ON f.id = r.feature_id LEFT JOIN users v ON v.id = r.reviewer_id`;

/**
 * The building edits in force in a wiki store (all buildings, or one): each field of each building
 * feature's current approved state, with the approval that set it — the first of the approved
 * revisions that kept the value since, looking through reverts to the revision whose state a revert
 * restored — so "approved by" names the moderator who approved the value, not one who later
 * approved an edit of another field.
 */
export function approvedBuildingEdits(db: Database.Database, buildingId?: string): ApprovedBuildingEdit[] {
  const byId = db.prepare<[number], RevisionRow>(`${REVISION_SELECT} WHERE r.id = ?`);
  const cache = new Map<number, RevisionRow | undefined>();
  const revision = (id: number) => {
    if (!cache.has(id)) cache.set(id, byId.get(id));
    return cache.get(id);
  };
  const properties = (row: RevisionRow) => JSON.parse(row.properties) as Record<string, unknown>;
  // The revision whose state a revision shows: a revert shows the state before the revision it undid.
  const stateOf = (row: RevisionRow | undefined): RevisionRow | null => {
    while (row && row.reverts_rev !== null) {
      const undone = revision(row.reverts_rev);
      row = undone?.base_rev != null ? revision(undone.base_rev) : undefined;
    }
    return row && !row.deleted ? row : null;
  };
  const current = buildingId
    ? db
        .prepare<[string], RevisionRow>(`${REVISION_SELECT} WHERE f.kind = 'building' AND f.target = ? AND r.id = f.current_rev AND r.deleted = 0`)
        .all(buildingId)
    : db.prepare<[], RevisionRow>(`${REVISION_SELECT} WHERE f.kind = 'building' AND r.id = f.current_rev AND r.deleted = 0 ORDER BY f.target`).all();

  const edits: ApprovedBuildingEdit[] = [];
  for (const row of current) {
    const state = stateOf(row);
    if (!state) continue;
    const values = properties(state);
    for (const field of CITIZEN_EDIT_FIELDS) {
      if (!Object.hasOwn(values, field)) continue;
      let origin = state;
      for (let earlier = origin.base_rev === null ? null : stateOf(revision(origin.base_rev)); earlier;) {
        if (properties(earlier)[field] !== values[field]) break;
        origin = earlier;
        earlier = origin.base_rev === null ? null : stateOf(revision(origin.base_rev));
      }
      edits.push({
        editId: origin.id,
        buildingId: row.target,
        field,
        value: values[field] as string | number,
        approvedBy: origin.reviewer ?? '?',
        approvedAt: origin.reviewed_at ?? '',
      });
    }
  }
  return edits;
}

/** The edits in force in the store at `storePath`; null (with one line) when there is no readable store. */
export function readCitizenEdits(storePath: string, log: BuildLog): ApprovedBuildingEdit[] | null {
  if (!existsSync(storePath)) {
    log.info(`no wiki store at ${storePath}: no citizen edits applied`);
    return null;
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(storePath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return approvedBuildingEdits(db);
  } catch (err) {
    log.issue({ file: storePath, featureId: '*', problem: `the wiki store could not be read (${(err as Error).message})`, action: 'file-skipped' });
    return null;
  } finally {
    db?.close();
  }
}

export interface CitizenEditReport {
  /** The wiki store read. */
  store: string;
  /** Edits in force in the store (one per field of a building). */
  read: number;
  /** Edits that changed a building. */
  applied: number;
  /** Edits whose value the building already has from its sources. */
  unchanged: number;
  /** Edits with a value that cannot be applied (each also a line). */
  refused: number;
  /** Ids of the buildings changed. */
  buildings: string[];
  /** One line per building the edits name that this build does not have. */
  missing: string[];
}

/** The buildings with the edits applied (the others as they were), and what happened to each edit. */
export function applyCitizenEdits(
  buildings: CityBuilding[],
  edits: readonly ApprovedBuildingEdit[],
  store: string,
  log: BuildLog,
): { buildings: CityBuilding[]; report: CitizenEditReport } {
  const pending = editsByBuilding(edits);
  const report: CitizenEditReport = { store, read: edits.length, applied: 0, unchanged: 0, refused: 0, buildings: [], missing: [] };
  const out = buildings.map((b) => {
    const own = pending.get(b.id);
    if (!own) return b;
    pending.delete(b.id);
    const result = applyBuildingEdits(b, own);
    for (const { edit, problem } of result.refused)
      log.issue({ file: store, featureId: `building:${b.id}`, problem: `citizen edit ${edit.editId} not applied: ${problem}`, action: 'skipped' });
    report.refused += result.refused.length;
    report.applied += result.applied.length;
    report.unchanged += own.length - result.applied.length - result.refused.length;
    if (result.applied.length) report.buildings.push(b.id);
    return result.building;
  });
  for (const [buildingId, own] of pending) {
    const what = own.map((e) => `${e.field} ${JSON.stringify(e.value)} (revision ${e.editId}, approved by ${e.approvedBy} on ${e.approvedAt.slice(0, 10)})`);
    const line = `citizen edit of building ${buildingId}: ${what.join(', ')}; this build has no such building, so it is not applied (it stays in the wiki)`;
    report.missing.push(line);
    log.issue({ file: store, featureId: `building:${buildingId}`, problem: line, action: 'skipped' });
  }
  log.info(
    `citizen edits from ${store}: ${report.applied} applied to ${report.buildings.length} building(s), ${report.unchanged} already in the data, ${report.missing.length} for buildings not in this build`,
  );
  return { buildings: out, report };
}
