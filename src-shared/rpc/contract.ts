// The one typed contract between the UI and the core. Each method names who may call it, the
// zod schema of its argument (parsed at the boundary by every transport) and its result type.
import { z } from '../z.ts';
import type { Access } from '../roles.ts';
import type { Result } from '../result.ts';
import type { MethodName } from './methods.ts';
import { Empty } from '../schemas/common.ts';
import { SetupInput, SettingsPatch } from '../schemas/settings.ts';
import { DeskRequestInput, DeskResetInput, ListsScope, MailCodesInput, MailServerInput } from '../schemas/desk-accounts.ts';
import { NewOperator, OperatorPatch, OwnPasswordChange, PasswordReset, SignIn, Unlock } from '../schemas/operators.ts';
import { AuditFilter, AuditPage } from '../schemas/audit.ts';
import { BackupRef, ExportBackup, RestoreInput } from '../schemas/backups.ts';
import { ArchiveInput, IdInput, ImportAnalyze, ImportApply, NewGuardian, PersonUpdate, SearchInput, UploadRef } from '../schemas/roster.ts';
import {
  CodeAction,
  FamilyGapsInput,
  GuardianReissue,
  IssueCodes,
  ListCodes,
  MarkPrinted,
  PreparePrint,
  PrintRef,
} from '../schemas/codes.ts';
import type { CodeView, IssueReport } from '../codes/views.ts';
import type * as T from './types.ts';
import type * as R from '../roster/views.ts';
import type { SearchResult } from '../roster/search.ts';
import type { ImportReport } from '../roster/report.ts';
import type { DetectedFormat } from '../roster/types.ts';
import type { WorkProgress } from '../work.ts';
import { PairPortal, PairPortalAgain } from '../schemas/sync.ts';
import type * as S from '../sync/views.ts';
import { ClassTeacher, LinkRef, LinkRelation, NewStudent, YearEndApply } from '../schemas/desk.ts';
import type { StaffOption, YearEndPlan, YearEndResult } from '../roster/desk-views.ts';

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  access: Access;
  input: I;
  /** Phantom: carries the result type, never set at run time. */
  readonly __output?: O;
}

const returns =
  <O>() =>
  <I extends z.ZodType>(access: Access, input: I): MethodDef<I, O> => ({ access, input });

export const contract = {
  getStatus: returns<T.AppStatus>()('public', Empty),
  completeSetup: returns<{ login: string }>()('public', SetupInput),
  signIn: returns<T.SessionInfo>()('public', SignIn),
  signOut: returns<null>()('session', Empty),
  lock: returns<T.SessionInfo>()('session', Empty),
  unlock: returns<T.SessionInfo>()('session', Unlock),
  keepAlive: returns<T.SessionInfo>()('operator', Empty),
  changeOwnPassword: returns<null>()('operator', OwnPasswordChange),
  getSettings: returns<T.SchoolSettings>()('operator', Empty),
  updateSettings: returns<T.SchoolSettings>()('curator', SettingsPatch),
  listOperators: returns<T.OperatorRow[]>()('curator', Empty),
  createOperator: returns<T.OperatorRow>()('curator', NewOperator),
  updateOperator: returns<T.OperatorRow>()('curator', OperatorPatch),
  resetOperatorPassword: returns<null>()('curator', PasswordReset),
  listAudit: returns<T.AuditPageResult>()('operator', AuditPage),
  auditFacets: returns<T.AuditFacets>()('operator', Empty),
  exportAudit: returns<T.FilePayload & { rows: number }>()('operator', z.object({ filter: AuditFilter }).strict()),
  verifyAudit: returns<T.AuditVerifyResult>()('operator', Empty),
  createBackup: returns<T.BackupInfo>()('operator', Empty),
  listBackups: returns<T.BackupInfo[]>()('operator', Empty),
  checkBackup: returns<T.BackupCheck>()('curator', BackupRef),
  restoreBackup: returns<T.RestoreResult>()('curator', RestoreInput),
  exportBackup: returns<{ path: string }>()('curator', ExportBackup),
  downloadBackup: returns<T.FilePayload>()('curator', BackupRef),
  rosterStats: returns<R.RosterStats>()('operator', Empty),
  listClasses: returns<R.ClassSummary[]>()('operator', Empty),
  getClass: returns<R.ClassDetail>()('operator', IdInput),
  searchPeople: returns<SearchResult>()('operator', SearchInput),
  getPerson: returns<R.PersonCard>()('operator', IdInput),
  setArchived: returns<{ changed: number }>()('operator', ArchiveInput),
  updatePerson: returns<R.PersonCard>()('operator', PersonUpdate),
  addGuardian: returns<R.PersonSummary>()('operator', NewGuardian),
  importAnalyze: returns<{ uploadId: string; format: DetectedFormat; report: ImportReport | null; problem: string | null }>()(
    'operator',
    ImportAnalyze,
  ),
  importApply: returns<{ report: ImportReport }>()('operator', ImportApply),
  importReportFile: returns<T.FilePayload>()('operator', UploadRef),
  /** The session's long work in progress (import, issuing, slips, backup, sync round), for the bar; null when none runs. */
  workProgress: returns<WorkProgress | null>()('operator', Empty),
  /** Stops the session's work where that is safe (before anything is written); `cancelled`: it is told to stop. */
  workCancel: returns<{ cancelled: boolean }>()('operator', Empty),
  issueCodes: returns<IssueReport>()('operator', IssueCodes),
  listCodes: returns<CodeView[]>()('operator', ListCodes),
  reissueCode: returns<CodeView>()('operator', CodeAction),
  revokeCode: returns<CodeView>()('operator', CodeAction),
  preparePrint: returns<T.PreparedPrint>()('operator', PreparePrint),
  checkPrint: returns<{ codes: number }>()('operator', PrintRef),
  printPdf: returns<T.FilePayload>()('operator', PrintRef),
  markPrinted: returns<{ codes: number }>()('operator', MarkPrinted),
  getSyncStatus: returns<S.SyncStatus>()('operator', Empty),
  syncNow: returns<{ pushed: number; pulled: number; pending: number }>()('operator', Empty),
  pairPortal: returns<S.SyncStatus>()('curator', PairPortal),
  pairPortalAgain: returns<S.SyncStatus>()('curator', PairPortalAgain),
  unpairPortal: returns<S.SyncStatus>()('curator', Empty),
  getPersonAccount: returns<S.PortalAccountView | null>()('operator', IdInput),
  getPersonRecoveryEvents: returns<S.RecoveryEventView[]>()('operator', IdInput),
  getClassRegistration: returns<S.ClassRegistration>()('operator', IdInput),
  listDeskRequests: returns<S.DeskRequestView[]>()('operator', IdInput),
  deskReset: returns<S.PreparedReset>()('operator', DeskResetInput),
  deskRequest: returns<S.DeskRequestView>()('operator', DeskRequestInput),
  getRegistrationProgress: returns<S.RegistrationProgress>()('operator', ListsScope),
  prepareAccountLists: returns<{ printId: string; path: string; fileName: string }>()('operator', ListsScope),
  exportAccountLists: returns<T.FilePayload>()('operator', ListsScope),
  setMailServer: returns<T.SchoolSettings>()('curator', MailServerInput),
  mailCodes: returns<S.MailReport>()('operator', MailCodesInput),
  mailCodesReadiness: returns<S.MailReadiness>()('operator', MailCodesInput),
  addStudent: returns<R.PersonCard>()('operator', NewStudent),
  unlinkGuardian: returns<{ codesRevoked: number }>()('operator', LinkRef),
  setGuardianRelation: returns<null>()('operator', LinkRelation),
  listStaff: returns<StaffOption[]>()('operator', Empty),
  setClassTeacher: returns<R.ClassDetail>()('operator', ClassTeacher),
  yearEndPreview: returns<YearEndPlan>()('curator', Empty),
  yearEnd: returns<YearEndResult>()('curator', YearEndApply),
  issueFamilyGaps: returns<IssueReport>()('operator', FamilyGapsInput),
  reissueGuardianCodes: returns<CodeView[]>()('operator', GuardianReissue),
} satisfies { [K in MethodName]: MethodDef };

export type Contract = typeof contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Exclude<Contract[M]['__output'], undefined>;

/** What a client sees: one async function per method, resolving to a `Result`. */
export type Api = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<OutputOf<M>>> };
