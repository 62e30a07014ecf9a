import type { Db } from '../database.ts';

export interface Migration {
  /** 1, 2, 3 … in file order; never reused, never edited once released. */
  version: number;
  name: string;
  /** Set when the migration rebuilds tables: foreign keys are checked after it instead of during. */
  rebuildsTables?: boolean;
  up(db: Db): void;
}
