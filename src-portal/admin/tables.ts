import type { ColumnType, Generated } from 'kysely';

/** Every admin command run on the portal, whoever ran it and how. */
export interface AdminLogTable {
  id: Generated<number>;
  at: Date;
  school_id: number | null;
  command: string;
  details: ColumnType<Record<string, unknown>, string, string>;
  /** `cli` (files opened directly or a PostgreSQL server) or `server` (through the running portal). */
  via: string;
}

export interface AdminTables {
  admin_log: AdminLogTable;
}
