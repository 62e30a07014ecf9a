// SQL of the import receipt (see src-main/core/roster/receipt.ts): one row, replaced by each import.
import { sql, type Db } from '../db/database.ts';

/**
 * The receipt stored under `key`, if the roster is still at the version it was written for —
 * read with the roster's version in one statement, so that both come from the same snapshot.
 */
export function currentReceipt(db: Db, key: string): { rosterVersion: number; outcome: Buffer } | undefined {
  return sql(
    db,
    `SELECT r.roster_version AS rosterVersion, r.outcome FROM import_receipt r JOIN roster_meta m ON m.id = 1
       WHERE r.id = 1 AND r.key = ? AND r.roster_version = m.version`,
  ).get(key) as { rosterVersion: number; outcome: Buffer } | undefined;
}

export function putReceipt(db: Db, key: string, rosterVersion: number, outcome: Uint8Array): void {
  sql(db, 'INSERT OR REPLACE INTO import_receipt (id, key, roster_version, outcome) VALUES (1, ?, ?, ?)').run(key, rosterVersion, outcome);
}

export function dropReceipt(db: Db): void {
  sql(db, 'DELETE FROM import_receipt').run();
}
