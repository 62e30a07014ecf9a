// The receipt of an import: what importing the same file again would report, so that a re-import of
// an unchanged file against an unchanged roster answers without reading, matching and diffing
// 100,000 rows again.
//
// Each import (not a dry run) foresees, in its own transaction, the report of the same file imported
// right after its commit (`applyAndForesee`: the same matching run again on the roster as written,
// every write refused) and keeps it here with the roster version its commit leaves. An import whose
// second run would itself change something keeps no receipt. A later import or preview answers
// from the receipt only when all that the report depends on is the same:
// - the same rows: the file's bytes (SHA-256), its name (the reader goes by the extension) and the
//   options (encoding, separator, sheet, mapping, restoring the archived), as JSON;
// - the same day: birth dates are judged against it (plausibility warnings);
// - the same code: the app's version and `RECEIPT_FORMAT`;
// - the same roster: `roster_meta.version`, which every write to people, classes and links
//   bumps (the search index relies on it the same way; a restored backup moves it past both).
// Anything else goes the long way, which writes a new receipt.
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import type { Db } from '../db/database.ts';
import * as receipts from '../dal/import-receipt.ts';
import { APP_VERSION } from '../version.ts';
import type { DetectedFormat, ImportOptions } from '../../../src-shared/roster/types.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';

/** Changed when what an import reports for the same rows and roster changes within one app version. */
// 2: parents met only through students left in the archive are not added, contactless staff match a
// namesake. Receipts of 1 were kept only where neither happened, so they still hold: bumped anyway,
// at the cost of one long import.
const RECEIPT_FORMAT = 2;

export interface ImportInputs {
  sha256: string;
  fileName: string;
  options: ImportOptions;
  /** The import day (`YYYY-MM-DD`) the rows are read on. */
  today: string;
}

export interface Foreseen {
  format: DetectedFormat;
  report: ImportReport;
}

export const receiptKey = (i: ImportInputs): string =>
  createHash('sha256')
    .update(JSON.stringify([RECEIPT_FORMAT, APP_VERSION, i.sha256, i.fileName, i.options, i.today]))
    .digest('hex');

/**
 * The foreseen outcome under `key`, if the roster has not changed since; `null` otherwise. Kept as
 * V8's structured clone (what the worker channel carries too): it gives back exactly the objects
 * stored, `undefined` fields included, which JSON would not.
 */
export function readReceipt(db: Db, key: string): Foreseen | null {
  const row = receipts.currentReceipt(db, key);
  if (!row) return null;
  try {
    return v8.deserialize(row.outcome) as Foreseen;
  } catch {
    return null; // written by another V8: the long way
  }
}

/** The receipt under `key` still holds (the roster has not changed since): checked again in the import's transaction. */
export const receiptHolds = (db: Db, key: string): boolean => receipts.currentReceipt(db, key) !== undefined;

/** Keeps `foreseen` (or drops the receipt: `null`) for the roster at `rosterVersion`. In the import's transaction. */
export function writeReceipt(db: Db, key: string, rosterVersion: number, foreseen: Foreseen | null): void {
  if (foreseen) receipts.putReceipt(db, key, rosterVersion, v8.serialize(foreseen));
  else receipts.dropReceipt(db);
}
