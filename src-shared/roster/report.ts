// What an import did (or, in a dry run, would do): the CLI's --json output and the wizard's report.

export interface KindCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportIssue {
  line: number;
  field: string;
  message: string;
  /** Whom the row is about, as the file writes the name. */
  who?: string;
}

export interface MissingStudent {
  id: number;
  fullName: string;
  birthDate: string | null;
  className: string;
}

/** A person in the archive whom the file lists. */
export interface ArchivedInFile {
  id: number;
  kind: 'student' | 'guardian' | 'staff';
  fullName: string;
  className: string | null;
  birthDate: string | null;
  /** When they were archived. */
  archivedAt: string;
  /** Returned from the archive by this import (asked for); otherwise left there, untouched. */
  restored: boolean;
}

export interface ImportReport {
  dryRun: boolean;
  rowsTotal: number;
  rowsRejected: number;
  classes: KindCounts;
  students: KindCounts;
  guardians: KindCounts;
  links: KindCounts;
  staff: KindCounts;
  duplicateRows: number;
  duplicates: { line: number; duplicateOf: number }[];
  /** Rows rejected, each with its line and field. */
  errors: ImportIssue[];
  /** Rows imported with a field dropped or fixed. */
  warnings: ImportIssue[];
  /** Values in the file that differ from what is stored: the stored value is kept. */
  conflicts: ImportIssue[];
  /** Active students of the classes in the file whom the file does not list (candidates for archiving). */
  missing: MissingStudent[];
  /** People in the archive whom the file lists (returned, or left in the archive): see `restoreArchived`. */
  archived: ArchivedInFile[];
  /** False when the import changed nothing at all. */
  changed: boolean;
}
