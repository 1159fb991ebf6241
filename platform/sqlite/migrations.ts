import type { Database } from 'better-sqlite3';

/** One forward-only schema step. Versions go up in tens, leaving room for fixes. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`schema version ${found} is newer than this program supports (${supported})`);
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The version the last of `migrations` brings a database to (0 for none). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Brings the schema up to `target` (default: the last migration) in one transaction,
 * recording the version in `PRAGMA user_version`. Refuses a database written by a newer
 * program (SchemaTooNewError). Migrations must be in ascending order; append only,
 * never edit one that has shipped.
 */
export function migrate(db: Database, migrations: readonly Migration[], target = latestVersion(migrations)): number {
  migrations.forEach((m, i) => {
    if (i > 0 && m.version <= migrations[i - 1]!.version) throw new Error(`migration ${m.version} is out of order`);
  });
  const current = schemaVersion(db);
  const newest = latestVersion(migrations);
  if (current > newest) throw new SchemaTooNewError(current, newest);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return schemaVersion(db);
}
