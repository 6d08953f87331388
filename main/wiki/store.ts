// The wiki store: one SQLite file (better-sqlite3) holding users, sessions, features and every
// revision of every feature. Nothing is ever updated in place except a revision's review fields
// and a feature's pointer to its current approved revision, so the history is complete.
//
// Durability: WAL journal with synchronous=FULL. In WAL mode, NORMAL only syncs at checkpoints, so
// a power cut can lose the last commits; FULL fsyncs the WAL at every commit, so a write is on disk
// before the API answers it. All writes go through IMMEDIATE transactions (one writer at a time,
// no upgrade deadlocks); several processes may open the same file (busy_timeout waits for the lock).
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  ProposeRequest,
  UpdatePendingRequest,
  WikiExportFeature,
  WikiFeature,
  WikiGeometry,
  WikiKind,
  WikiProperties,
  WikiQueueItem,
  WikiRevision,
  WikiRole,
  WikiUser,
} from '../../common/api/wikiContract.js';
import { migrate } from './migrations.js';
import { userNameKey } from './userNames.js';
import { refuseDamagedFile } from './integrity.js';

/** A refusal the caller can understand: HTTP status, a machine reason and a message. */
export class WikiFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'WikiFailure';
  }
}

interface RevisionRow {
  id: number;
  feature_id: string;
  kind: WikiKind;
  target: string | null;
  base_rev: number | null;
  author_id: number;
  author: string;
  created_at: string;
  comment: string;
  status: WikiRevision['status'];
  geometry: string | null;
  properties: string;
  deleted: number;
  reverts_rev: number | null;
  reviewer: string | null;
  reviewed_at: string | null;
  reason: string | null;
  self_approved: number;
  current_rev: number | null;
}

const REVISION_SELECT = `
  SELECT r.id, r.feature_id, f.kind, f.target, r.base_rev, r.author_id, a.name AS author, r.created_at, r.comment,
         r.status, r.geometry, r.properties, r.deleted, r.reverts_rev, v.name AS reviewer, r.reviewed_at, r.reason,
         r.self_approved, f.current_rev
  FROM revisions r JOIN features f ON f.id = r.feature_id JOIN users a ON a.id = r.author_id
  LEFT JOIN users v ON v.id = r.reviewer_id`;

function toRevision(row: RevisionRow): WikiRevision {
  return {
    id: row.id,
    featureId: row.feature_id,
    kind: row.kind,
    target: row.target,
    baseRev: row.base_rev,
    author: row.author,
    createdAt: row.created_at,
    comment: row.comment,
    status: row.status,
    geometry: row.geometry ? (JSON.parse(row.geometry) as WikiGeometry) : null,
    properties: JSON.parse(row.properties) as WikiProperties,
    deleted: row.deleted === 1,
    revertsRev: row.reverts_rev,
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at,
    reason: row.reason,
    selfApproved: row.self_approved === 1,
  };
}

function toFeature(row: RevisionRow): WikiFeature {
  return {
    id: row.feature_id,
    kind: row.kind,
    target: row.target,
    revision: row.id,
    geometry: row.geometry ? (JSON.parse(row.geometry) as WikiGeometry) : null,
    properties: JSON.parse(row.properties) as WikiProperties,
    author: row.author,
    comment: row.comment,
    createdAt: row.created_at,
    approvedAt: row.reviewed_at,
    approvedBy: row.reviewer,
  };
}

function bboxOf(g: WikiGeometry | null | undefined): [number, number, number, number] | [null, null, null, null] {
  if (!g) return [null, null, null, null];
  const pts = g.type === 'Point' ? [g.coordinates] : g.coordinates.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function nameTaken(name: string, existing: string): WikiFailure {
  const message = existing === name ? `The name "${name}" is taken.` : `The name "${name}" is taken: it looks like the existing account "${existing}".`;
  return new WikiFailure(409, 'name-taken', message);
}

export interface WikiStoreOptions {
  now?: () => number;
}

export class WikiStore {
  readonly db: Database.Database;
  private readonly now: () => number;

  constructor(
    readonly path: string,
    options: WikiStoreOptions = {},
  ) {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      refuseDamagedFile(path); // before any write: a damaged file is left as it is
    }
    this.db = new Database(path);
    this.now = options.now ?? Date.now;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per SQL text: preparing costs more than running these small statements. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  private pendingJobs: Array<{ run: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];

  /**
   * Group commit: writes requested during one turn of the event loop run in ONE transaction (each
   * in its own savepoint, so one refusal does not undo the others) and are acknowledged only after
   * that transaction commits. With synchronous=FULL each commit waits for an fsync; sharing it
   * among concurrent requests is what keeps throughput up under load.
   */
  batch<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pendingJobs.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (this.pendingJobs.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const jobs = this.pendingJobs;
    this.pendingJobs = [];
    const outcomes: Array<{ ok: boolean; value: unknown }> = [];
    try {
      this.db
        .transaction(() => {
          for (const job of jobs) {
            try {
              outcomes.push({ ok: true, value: job.run() });
            } catch (err) {
              outcomes.push({ ok: false, value: err });
            }
          }
        })
        .immediate();
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- users and sessions

  createUser(name: string, passwordHash: string, role: WikiRole = 'citizen'): WikiUser {
    const lookalike = this.lookalikeOf(name);
    if (lookalike) throw nameTaken(name, lookalike);
    try {
      const info = this.sql('INSERT INTO users (name, name_key, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)').run(
        name,
        userNameKey(name),
        passwordHash,
        role,
        this.iso(),
      );
      return { id: Number(info.lastInsertRowid), name, role };
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw nameTaken(name, this.lookalikeOf(name) ?? name);
      throw err;
    }
  }

  /** The existing account name that `name` equals or looks like (userNames.ts), or null. */
  lookalikeOf(name: string): string | null {
    const row = this.sql('SELECT name FROM users WHERE name = ? OR name_key = ?').get(name, userNameKey(name)) as { name: string } | undefined;
    return row?.name ?? null;
  }

  userCount(): number {
    return (this.sql('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  findUser(name: string): (WikiUser & { passwordHash: string }) | null {
    const row = this.sql('SELECT id, name, role, password_hash FROM users WHERE name = ?').get(name) as
      { id: number; name: string; role: WikiRole; password_hash: string } | undefined;
    return row ? { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash } : null;
  }

  setRole(name: string, role: WikiRole): WikiUser {
    const target = this.findUser(name);
    const admins = (this.sql(`SELECT count(*) AS n FROM users WHERE role = 'admin'`).get() as { n: number }).n;
    if (target?.role === 'admin' && role !== 'admin' && admins === 1) {
      throw new WikiFailure(409, 'last-admin', `"${target.name}" is the only admin; make another account admin first.`);
    }
    const info = this.sql('UPDATE users SET role = ? WHERE name = ?').run(role, name);
    if (info.changes === 0) throw new WikiFailure(404, 'no-such-user', `No user named "${name}".`);
    const u = this.findUser(name)!;
    return { id: u.id, name: u.name, role: u.role };
  }

  setPassword(name: string, passwordHash: string): void {
    this.sql('UPDATE users SET password_hash = ? WHERE name = ?').run(passwordHash, name);
  }

  createSession(userId: number, tokenHash: string, expiresAt: number): void {
    this.tx(() => {
      this.sql('DELETE FROM sessions WHERE expires_at <= ?').run(this.now());
      this.sql('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, userId, expiresAt);
    });
  }

  sessionUser(tokenHash: string): WikiUser | null {
    const row = this.db
      .prepare('SELECT u.id, u.name, u.role, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?')
      .get(tokenHash) as { id: number; name: string; role: WikiRole; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.now()) return null;
    return { id: row.id, name: row.name, role: row.role };
  }

  deleteSession(tokenHash: string): void {
    this.sql('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  // ---- reading

  private revisionRow(id: number): RevisionRow | undefined {
    return this.sql(`${REVISION_SELECT} WHERE r.id = ?`).get(id) as RevisionRow | undefined;
  }

  revision(id: number): WikiRevision | null {
    const row = this.revisionRow(id);
    return row ? toRevision(row) : null;
  }

  /** The approved state of a feature, or null when it has none (or it was removed by a revert). */
  feature(id: string): WikiFeature | null {
    const row = this.sql(`${REVISION_SELECT} WHERE r.id = (SELECT current_rev FROM features WHERE id = ?) AND r.deleted = 0`).get(id) as
      RevisionRow | undefined;
    return row ? toFeature(row) : null;
  }

  /** Approved features; with a bbox [w,s,e,n], those whose geometry meets it plus those without geometry. */
  features(bbox?: [number, number, number, number]): WikiFeature[] {
    const where = bbox ? 'AND (f.west IS NULL OR (f.west <= ? AND f.east >= ? AND f.south <= ? AND f.north >= ?))' : '';
    const args = bbox ? [bbox[2], bbox[0], bbox[3], bbox[1]] : [];
    const rows = this.sql(`${REVISION_SELECT} WHERE r.id = f.current_rev AND r.deleted = 0 ${where} ORDER BY r.id`).all(...args) as RevisionRow[];
    return rows.map(toFeature);
  }

  pendingBy(userId: number, featureId?: string): WikiRevision[] {
    const rows = (
      featureId === undefined
        ? this.sql(`${REVISION_SELECT} WHERE r.author_id = ? AND r.status = 'pending' ORDER BY r.id`).all(userId)
        : this.sql(`${REVISION_SELECT} WHERE r.author_id = ? AND r.status = 'pending' AND r.feature_id = ? ORDER BY r.id`).all(userId, featureId)
    ) as RevisionRow[];
    return rows.map(toRevision);
  }

  /** All revisions of a feature, oldest first; viewer null = everyone. */
  history(featureId: string, viewer: WikiUser | null): WikiRevision[] {
    const rows = this.sql(`${REVISION_SELECT} WHERE r.feature_id = ? ORDER BY r.id`).all(featureId) as RevisionRow[];
    const moderator = viewer?.role === 'moderator' || viewer?.role === 'admin';
    return rows.filter((r) => moderator || r.status === 'approved' || r.status === 'reverted' || r.author_id === viewer?.id).map(toRevision);
  }

  queue(limit = 200): WikiQueueItem[] {
    const rows = this.sql(`${REVISION_SELECT} WHERE r.status = 'pending' ORDER BY r.id LIMIT ?`).all(limit) as RevisionRow[];
    return rows.map((row) => ({
      revision: toRevision(row),
      before: row.current_rev === null ? null : this.feature(row.feature_id),
      stale: row.current_rev !== row.base_rev,
    }));
  }

  // ---- writing

  private currentRev(featureId: string): number | null {
    const row = this.sql('SELECT current_rev FROM features WHERE id = ?').get(featureId) as { current_rev: number | null } | undefined;
    return row ? row.current_rev : null;
  }

  private conflict(featureId: string, message: string): WikiFailure {
    return new WikiFailure(409, 'conflict', message, { current: this.feature(featureId) });
  }

  /** Records an edit as a pending revision; 409 when it was made on an older approved revision. */
  propose(author: WikiUser, req: ProposeRequest): WikiRevision {
    return this.tx(() => {
      let featureId = req.featureId;
      if (req.kind === 'building' || req.kind === 'hydrant') featureId = `${req.kind}:${req.target}`;
      const existing = featureId
        ? (this.sql('SELECT kind, current_rev FROM features WHERE id = ?').get(featureId) as { kind: WikiKind; current_rev: number | null } | undefined)
        : undefined;
      if (!featureId) featureId = `${req.kind}:${randomBytes(8).toString('hex')}`;
      else if (!existing && req.kind !== 'building' && req.kind !== 'hydrant') throw new WikiFailure(404, 'no-such-feature', `No feature ${featureId}.`);
      const current = existing?.current_rev ?? null;
      if (req.baseRev !== current) {
        throw this.conflict(
          featureId,
          `${featureId} changed since revision ${req.baseRev ?? '(none)'}: it is now at revision ${current ?? '(none)'}. Review the current values and edit again.`,
        );
      }
      const now = this.iso();
      if (!existing) this.sql('INSERT INTO features (id, kind, target, created_at) VALUES (?, ?, ?, ?)').run(featureId, req.kind, req.target ?? null, now);
      const info = this.db
        .prepare(
          `INSERT INTO revisions (feature_id, base_rev, author_id, created_at, comment, status, geometry, properties) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .run(featureId, current, author.id, now, req.comment, req.geometry ? JSON.stringify(req.geometry) : null, JSON.stringify(req.properties));
      return toRevision(this.revisionRow(Number(info.lastInsertRowid))!);
    });
  }

  private pendingRevision(id: number): RevisionRow {
    const row = this.revisionRow(id);
    if (!row) throw new WikiFailure(404, 'no-such-revision', `No revision ${id}.`);
    if (row.status !== 'pending') throw new WikiFailure(409, 'not-pending', `Revision ${id} is ${row.status}, not pending.`);
    return row;
  }

  /** The author changes their own pending edit (nobody else may). */
  updatePending(user: WikiUser, id: number, req: UpdatePendingRequest): WikiRevision {
    return this.tx(() => {
      const row = this.pendingRevision(id);
      if (row.author_id !== user.id) throw new WikiFailure(403, 'not-author', `Revision ${id} is someone else's pending edit.`);
      this.db
        .prepare('UPDATE revisions SET geometry = ?, properties = ?, comment = ? WHERE id = ?')
        .run(req.geometry ? JSON.stringify(req.geometry) : null, JSON.stringify(req.properties), req.comment, id);
      return toRevision(this.revisionRow(id)!);
    });
  }

  kindOf(revisionId: number): WikiKind | null {
    const row = this.sql('SELECT f.kind FROM revisions r JOIN features f ON f.id = r.feature_id WHERE r.id = ?').get(revisionId) as
      { kind: WikiKind } | undefined;
    return row?.kind ?? null;
  }

  private makeCurrent(featureId: string, revId: number, geometry: string | null): void {
    const [w, s, e, n] = bboxOf(geometry ? (JSON.parse(geometry) as WikiGeometry) : null);
    this.sql('UPDATE features SET current_rev = ?, west = ?, south = ?, east = ?, north = ? WHERE id = ?').run(revId, w, s, e, n, featureId);
  }

  approve(reviewer: WikiUser, id: number): WikiRevision {
    return this.tx(() => {
      const row = this.pendingRevision(id);
      const current = this.currentRev(row.feature_id);
      if (current !== row.base_rev) {
        throw this.conflict(
          row.feature_id,
          `Revision ${id} was made on revision ${row.base_rev ?? '(none)'} but ${row.feature_id} is now at ${current}; approving it would overwrite that change. Reject it and ask for a new edit.`,
        );
      }
      // Review means a second pair of eyes: moderators may not approve their own edits; an admin may, on the record.
      const ownEdit = row.author_id === reviewer.id;
      if (ownEdit && reviewer.role !== 'admin') throw new WikiFailure(403, 'own-edit', `Revision ${id} is your own edit; another moderator has to review it.`);
      this.sql(`UPDATE revisions SET status = 'approved', reviewer_id = ?, reviewed_at = ?, self_approved = ? WHERE id = ?`).run(
        reviewer.id,
        this.iso(),
        ownEdit ? 1 : 0,
        id,
      );
      this.makeCurrent(row.feature_id, id, row.geometry);
      return toRevision(this.revisionRow(id)!);
    });
  }

  reject(reviewer: WikiUser, id: number, reason: string): WikiRevision {
    return this.tx(() => {
      this.pendingRevision(id);
      this.sql(`UPDATE revisions SET status = 'rejected', reviewer_id = ?, reviewed_at = ?, reason = ? WHERE id = ?`).run(reviewer.id, this.iso(), reason, id);
      return toRevision(this.revisionRow(id)!);
    });
  }

  /**
   * Undoes an approved revision R: a new approved revision restores the feature to its state just
   * before R (R's base; a feature R created is removed), and R is marked reverted.
   */
  revert(moderator: WikiUser, id: number, comment?: string): WikiRevision {
    return this.tx(() => {
      const row = this.revisionRow(id);
      if (!row) throw new WikiFailure(404, 'no-such-revision', `No revision ${id}.`);
      if (row.status !== 'approved') throw new WikiFailure(409, 'not-approved', `Revision ${id} is ${row.status}; only approved revisions can be reverted.`);
      const before = row.base_rev === null ? null : this.revisionRow(row.base_rev)!;
      const now = this.iso();
      const current = this.currentRev(row.feature_id);
      const geometry = before && !before.deleted ? before.geometry : null;
      const info = this.db
        .prepare(
          `INSERT INTO revisions (feature_id, base_rev, author_id, created_at, comment, status, geometry, properties, deleted, reverts_rev, reviewer_id, reviewed_at)
           VALUES (?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.feature_id,
          current,
          moderator.id,
          now,
          comment ?? `Revert revision ${id}`,
          geometry,
          before && !before.deleted ? before.properties : '{}',
          before && !before.deleted ? 0 : 1,
          id,
          moderator.id,
          now,
        );
      this.sql(`UPDATE revisions SET status = 'reverted' WHERE id = ?`).run(id);
      const newId = Number(info.lastInsertRowid);
      this.makeCurrent(row.feature_id, newId, geometry);
      return toRevision(this.revisionRow(newId)!);
    });
  }

  // ---- exchange

  exportFeatures(): WikiExportFeature[] {
    return this.features().map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: {
        ...f.properties,
        wiki: { kind: f.kind, target: f.target, revision: f.revision, author: f.author, approvedAt: f.approvedAt, approvedBy: f.approvedBy },
      },
    }));
  }

  /** Adds one already-validated feature as an approved revision by the importer; false when the id exists. */
  importFeature(
    importer: WikiUser,
    f: { id: string; kind: WikiKind; target: string | null; geometry: WikiGeometry | null; properties: WikiProperties; comment: string },
  ): boolean {
    return this.tx(() => {
      if (this.sql('SELECT 1 FROM features WHERE id = ?').get(f.id)) return false;
      const now = this.iso();
      this.sql('INSERT INTO features (id, kind, target, created_at) VALUES (?, ?, ?, ?)').run(f.id, f.kind, f.target, now);
      const geometry = f.geometry ? JSON.stringify(f.geometry) : null;
      const info = this.db
        .prepare(
          `INSERT INTO revisions (feature_id, base_rev, author_id, created_at, comment, status, geometry, properties, reviewer_id, reviewed_at)
           VALUES (?, NULL, ?, ?, ?, 'approved', ?, ?, ?, ?)`,
        )
        .run(f.id, importer.id, now, f.comment, geometry, JSON.stringify(f.properties), importer.id, now);
      this.makeCurrent(f.id, Number(info.lastInsertRowid), geometry);
      return true;
    });
  }
}
