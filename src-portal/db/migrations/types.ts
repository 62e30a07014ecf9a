import type { Kysely } from 'kysely';

/** The database as a migration sees it: before and after any schema, so untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

export interface PortalMigration {
  /** 1, 2, 3 … in file order; never reused, never edited once released. */
  version: number;
  name: string;
  /** Runs inside the migration's transaction; plain SQL that PostgreSQL 15 and PGlite (18) both accept. */
  up(db: AnyDb): Promise<void>;
}
