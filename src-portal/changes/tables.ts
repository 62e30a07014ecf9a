import type { ColumnType } from 'kysely';

/** What the office pulls: one row per change, numbered per school in commit order. */
export interface ChangeLogTable {
  school_id: number;
  cursor: number;
  type: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  at: Date;
}

export interface ChangeTables {
  change_log: ChangeLogTable;
}
