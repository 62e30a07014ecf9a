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

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** First row found broken, with the reason code (see `t.auditVerify`). */
  badId?: number;
  reason?: 'hash' | 'link' | 'gap' | 'anchor';
}

export interface FilePayload {
  fileName: string;
  mimeType: string;
  /** Text content (UTF-8) or base64 when `encoding` is `base64`. */
  content: string;
  encoding: 'utf8' | 'base64';
}

export interface BackupInfo {
  fileName: string;
  path: string;
  size: number;
  createdAt: string;
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
