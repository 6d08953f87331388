// Versioned schema migrations for the wiki store. PRAGMA user_version holds the number of the last
// migration applied; each migration runs in its own transaction, so a crash mid-migration leaves
// the previous version intact. Append new migrations; never edit one that has shipped.
import type Database from 'better-sqlite3';
import { userNameKey } from './userNames.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Data changes SQL cannot make, run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'users, sessions, features and their revisions',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'citizen' CHECK (role IN ('citizen', 'moderator', 'admin')),
        created_at TEXT NOT NULL
      );
      -- Only a hash of each token is stored: a copy of the database does not hand out sessions.
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE features (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('place', 'building', 'hydrant', 'note')),
        -- The base-data object an edit is about: a building's tileset id, a hydrant's facility number.
        target TEXT,
        created_at TEXT NOT NULL,
        -- The approved revision everyone sees; NULL until one is approved.
        current_rev INTEGER REFERENCES revisions(id),
        -- Bounding box of the current geometry, for map-window queries; NULL without one.
        west REAL, south REAL, east REAL, north REAL
      );
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        feature_id TEXT NOT NULL REFERENCES features(id),
        -- The approved revision the author saw when editing (optimistic concurrency); NULL for a new feature.
        base_rev INTEGER REFERENCES revisions(id),
        author_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        comment TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'reverted')),
        geometry TEXT,
        properties TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        reverts_rev INTEGER REFERENCES revisions(id),
        reviewer_id INTEGER REFERENCES users(id),
        reviewed_at TEXT,
        reason TEXT
      );
      CREATE INDEX revisions_feature ON revisions(feature_id, id);
      CREATE INDEX revisions_status ON revisions(status, id);
      CREATE INDEX revisions_author ON revisions(author_id, status);
      CREATE INDEX features_target ON features(kind, target);
    `,
  },
  {
    version: 2,
    description: 'look-alike-proof account name keys; self-approvals recorded',
    sql: `
      -- userNameKey(name) (main/wiki/userNames.ts): equal for names that look alike. NULL only for an
      -- older account whose key an even older account already holds (both keep working).
      ALTER TABLE users ADD COLUMN name_key TEXT;
      ALTER TABLE revisions ADD COLUMN self_approved INTEGER NOT NULL DEFAULT 0;
    `,
    run(db) {
      const taken = new Set<string>();
      const setKey = db.prepare('UPDATE users SET name_key = ? WHERE id = ?');
      for (const user of db.prepare('SELECT id, name FROM users ORDER BY id').all() as Array<{ id: number; name: string }>) {
        const key = userNameKey(user.name);
        setKey.run(taken.has(key) ? null : key, user.id);
        taken.add(key);
      }
      db.exec('CREATE UNIQUE INDEX users_name_key ON users(name_key)');
    },
  },
];

/** Brings the database to the latest schema; refuses a database newer than this code. */
export function migrate(db: Database.Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
  if (from > latest) {
    throw new Error(`Wiki database schema version ${from} is newer than this app understands (${latest}); upgrade the app.`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: latest };
}
