// Shapes that travel from the core to the UI.
import type { FamilyGap } from '../codes/views.ts';
import type { Role } from '../roles.ts';
import type { SchoolSettings } from '../schemas/settings.ts';

export interface OperatorInfo {
  id: number;
  login: string;
  fullName: string;
  role: Role;
}

export interface SessionInfo {
  operator: OperatorInfo;
  locked: boolean;
  /** Minutes of inactivity after which the session locks itself. */
  idleLockMinutes: number;
}

export interface AppStatus {
  setupDone: boolean;
  schoolName: string | null;
  session: SessionInfo | null;
  mode: 'electron' | 'browser';
  version: string;
}

export interface OperatorRow extends OperatorInfo {
  active: boolean;
  createdAt: string;
}

export interface AuditRow {
  id: number;
  at: string;
  operatorId: number | null;
  operatorLogin: string | null;
  action: string;
  personKind: string | null;
  personId: number | null;
  personLabel: string | null;
  details: Record<string, unknown>;
}

export interface AuditPageResult {
  rows: AuditRow[];
  total: number;
}

export interface AuditFacets {
  operators: { id: number; login: string; fullName: string }[];
  actions: string[];
}

/**
 * What `audit verify` found (see DEVELOPERS.md, «Audit log»): a row edited (`hash`), taken out or put in
 * (`gap`, `link`), written without the journal's key (`forged`; `rewritten` when no genuine keyed row
 * is left), the last rows taken away (`truncated`), the anchor outside the database gone or edited,
 * or a key that is not the one the journal was signed with.
 */
export type AuditVerifyReason =
  'hash' | 'link' | 'gap' | 'forged' | 'rewritten' | 'truncated' | 'key' | 'anchor_missing' | 'anchor_invalid';

export interface AuditVerifyResult {
  ok: boolean;
  /** Rows found sound (all of them when `ok`). */
  checked: number;
  /** First row found broken (for `truncated`: the first one missing). */
  badId?: number;
  reason?: AuditVerifyReason;
  /** Rows written before the journal was keyed: checked by their unkeyed hashes, as they were written. */
  legacy?: number;
  /** The last row the anchor outside the database remembers. */
  anchorId?: number;
  /** The check against the head anchored on the portal (#11); absent when the office is not paired. */
  portal?: PortalAnchorCheck;
}

/**
 * What the portal's anchor says of this journal: `ok`; `none` (nothing anchored yet); `unchecked`
 * (the portal did not answer: `problem` in words; not a failure); `other_device` (anchored by the
 * database this one replaced, a restore: checked after the next round); `truncated`, `rewritten`
 * (the row the portal holds is missing or another), `invalid` (a head this office did not send).
 */
export type PortalAnchorState = 'ok' | 'none' | 'unchecked' | 'other_device' | 'truncated' | 'rewritten' | 'invalid';

export interface PortalAnchorCheck {
  state: PortalAnchorState;
  /** The row the portal holds (the one found wrong when not `ok`). */
  anchorId?: number;
  /** For `truncated`: the first row missing; for `rewritten`: the row found another. */
  badId?: number;
  /** For `unchecked`: why, in words. */
  problem?: string;
}

export interface FilePayload {
  fileName: string;
  mimeType: string;
  /** Text content (UTF-8) or base64 when `encoding` is `base64`. */
  content: string;
  encoding: 'utf8' | 'base64';
}

export type BackupKind = 'manual' | 'daily' | 'before-restore' | 'before-upgrade' | 'other';

export interface BackupInfo {
  fileName: string;
  path: string;
  size: number;
  createdAt: string;
  kind: BackupKind;
  /** Rows of its journal, from its manifest; null for a copy an older version made (no manifest). */
  auditRows: number | null;
}

/** What a restore from a copy would bring: checked before anything is touched. */
export interface BackupCheck {
  fileName: string;
  createdAt: string | null;
  kind: BackupKind;
  school: string | null;
  schemaVersion: number;
  /** This version's: an older copy is brought up to it on restore. */
  currentVersion: number;
  students: number;
  guardians: number;
  operators: number;
  /** Its journal, checked with this office's key against its manifest. */
  audit: AuditVerifyResult;
  /** It has a manifest: the end of its journal is checked too. */
  anchored: boolean;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The copy of the state before the restore. */
  savedAs: string;
  auditRows: number;
}

export type { SchoolSettings };

export interface PreparedPrint {
  printId: string;
  /** Where the preview frame loads the document, relative to the app's page. */
  path: string;
  fileName: string;
  /** Codes on the printout. */
  codes: number;
  /** People of the scope with no valid code (not on the printout). */
  missing: number;
  /** Family sheets: children a parent on them has no valid code for, so their sheet leaves them out. */
  familyGaps: FamilyGap[];
}
