import Database from 'better-sqlite3';
import { migrate, registerFunctions, type Db } from '../../src-main/core/db/database.ts';
import { MIGRATIONS } from '../../src-main/core/db/migrations/index.ts';

/** An in-memory database migrated up to `version` (inclusive), foreign keys on. */
export function dbAtVersion(version: number): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  registerFunctions(db);
  migrate(db, MIGRATIONS.slice(0, version));
  return db;
}

/** Migrates an existing test database on to `version`. */
export function migrateTo(db: Db, version: number): void {
  migrate(db, MIGRATIONS.slice(0, version));
}

export function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

export function assertHealthy(db: Db): void {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) throw new Error(`foreign_key_check: ${JSON.stringify(fk)}`);
}
