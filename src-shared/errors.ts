// The reason catalog: one dotted machine-readable reason per distinct failure, each with its coarse
// `ErrorCode` (what transports and the UI's session handling use) and the type of its parameters.
// Clients (the renderer, the portal, the sync engine) branch on `reason`; the Russian text is chosen
// at the edge from `src-shared/i18n/ru-errors.ts`, which the compiler checks against this catalog.
//
// To add a reason: a line here (`plain(code)` or `withParams<{ … }>(code)`), then its text in
// `ru-errors.ts`; throw `new AppError('area.what', params?, { field, issues, retryAfterMs }?)`.

import type { ErrorCode } from './result.ts';
import type { CodeProblem } from './codes/input.ts';
import type { Encoding, FieldKey } from './roster/types.ts';
import type { AddressProblem } from './sync/address.ts';
import type { LoginProblem } from './auth/login.ts';
import type { AuditVerifyReason } from './rpc/types.ts';

/** One catalog entry; `P` is the parameter type (`undefined`: the reason takes none). */
export interface ReasonEntry<P> {
  readonly code: ErrorCode;
  readonly takesParams: boolean;
  /** Type-level only: never set. */
  readonly params?: P;
}

const plain = (code: ErrorCode): ReasonEntry<undefined> => ({ code, takesParams: false });
const withParams = <P extends object>(code: ErrorCode): ReasonEntry<P> => ({ code, takesParams: true });

/** The checks a student's birth date can fail (the wording is the importer's). */
export type BirthDateCheck = 'future' | 'too_young' | 'too_old';

export const REASONS = {
  // Transports and the dispatcher.
  'input.invalid': withParams<{
    /** The field's Russian label. */ label: string | null;
    /** zod's Russian message. */ problem: string | null;
  }>('invalid_input'),
  'app.unknown_method': withParams<{ method: string }>('not_found'),
  'app.internal': plain('internal'),
  'app.untrusted_sender': plain('forbidden'),
  'app.connection_lost': plain('internal'),
  'app.no_token': plain('internal'),
  'app.too_large': plain('internal'),
  'http.token_required': plain('unauthenticated'),
  'http.bad_json': plain('invalid_input'),

  // Setup, sessions, sign-in.
  'setup.required': plain('setup_required'),
  /** The command line pointed at a folder with no school in it (a typo in --data-dir, or before setup). */
  'setup.no_data': withParams<{ dir: string }>('setup_required'),
  'setup.done': plain('already_set_up'),
  'auth.required': plain('unauthenticated'),
  'auth.locked': plain('locked'),
  'auth.forbidden': plain('forbidden'),
  'auth.throttled': withParams<{ seconds: number }>('throttled'),
  /** Unknown login and wrong password alike: the reason must not tell which logins exist. */
  'auth.wrong_credentials': plain('unauthenticated'),
  /** An operator's own password (unlock), checked against the signed-in operator. */
  'auth.wrong_password': plain('unauthenticated'),
  'auth.disabled': plain('forbidden'),
  /** The operator was disabled while the session was locked: the session is gone. */
  'auth.disabled_session_ended': plain('unauthenticated'),

  // Operators and passwords.
  // The password policy (src-shared/auth/password-policy.ts), for operators and portal accounts alike.
  'password.too_short': plain('invalid_input'),
  'password.too_long': plain('invalid_input'),
  'password.has_login': plain('invalid_input'),
  'password.has_name': plain('invalid_input'),
  'password.has_birth_date': plain('invalid_input'),
  'password.common': plain('invalid_input'),
  'operator.wrong_current_password': plain('invalid_input'),
  'operator.login_taken': plain('conflict'),
  'operator.not_found': plain('not_found'),
  'operator.last_curator': plain('conflict'),

  // School settings, database.
  'settings.validity_past': withParams<{ /** ISO date */ date: string }>('invalid_input'),
  'db.busy': plain('busy'),
  'db.too_new': withParams<{ found: number; known: number }>('conflict'),
  'db.not_kurator': plain('conflict'),
  'db.missing': withParams<{ file: string }>('not_found'),

  // Roster: people, classes, desk edits.
  'roster.person_not_found': plain('not_found'),
  'roster.student_not_found': plain('not_found'),
  /** `name` when the class was asked for by name (`--class 6А`). */
  'roster.class_not_found': withParams<{ name: string | null }>('not_found'),
  'roster.archived': plain('conflict'),
  'roster.only_for_students': plain('invalid_input'),
  'roster.no_contact_for_students': plain('invalid_input'),
  'roster.birth_date_implausible': withParams<{ check: BirthDateCheck; /** as the user wrote it */ shown: string }>('invalid_input'),
  'roster.duplicate_student': withParams<{ who: string }>('conflict'),
  'roster.duplicate_guardian': withParams<{ who: string }>('conflict'),
  'roster.already_linked': plain('conflict'),

  // Roster import: files refused as a whole (row problems are data, not errors).
  'import.too_large': withParams<{ sizeMb: number; limitMb: number }>('invalid_input'),
  'import.too_large_unpacked': withParams<{ fileName: string; limitMb: number }>('invalid_input'),
  'import.too_many_rows': withParams<{ limit: number }>('invalid_input'),
  'import.empty': plain('invalid_input'),
  'import.header_only': plain('invalid_input'),
  'import.image': withParams<{ fileName: string }>('invalid_input'),
  'import.pdf': withParams<{ fileName: string }>('invalid_input'),
  'import.office_unreadable': withParams<{ fileName: string }>('invalid_input'),
  'import.binary': withParams<{ fileName: string }>('invalid_input'),
  'import.html': withParams<{ fileName: string }>('invalid_input'),
  'import.zip_not_sheet': withParams<{ fileName: string }>('invalid_input'),
  'import.workbook_broken': withParams<{ fileName: string }>('invalid_input'),
  'import.no_sheets': plain('invalid_input'),
  'import.sheet_not_found': withParams<{ sheet: string; sheets: string[] }>('invalid_input'),
  'import.unclosed_quote': withParams<{ line: number }>('invalid_input'),
  /** `garbled` is set when the text also looks read in the wrong encoding (`better` reads it cleanly). */
  'import.missing_columns': withParams<{ missing: FieldKey[]; found: string[]; garbled: { better: Encoding | null } | null }>(
    'invalid_input',
  ),
  'import.no_birth_date_column': plain('invalid_input'),
  'import.no_class_column': plain('invalid_input'),
  /** The command line refuses to write text that looks read in the wrong encoding (unless --force). */
  'import.garbled': withParams<{ better: Encoding | null }>('invalid_input'),
  'import.upload_expired': plain('not_found'),

  // Invitation codes.
  'code.not_found': plain('not_found'),
  'code.redeemed': plain('conflict'),
  'code.already_live': plain('conflict'),
  'code.not_live': plain('conflict'),
  'code.person_archived': plain('conflict'),
  'code.validity_passed': withParams<{ /** ISO date */ date: string }>('conflict'),
  'code.malformed': withParams<{ problem: CodeProblem }>('invalid_input'),

  // Printing.
  'print.expired': plain('not_found'),
  'print.stale': plain('conflict'),
  'print.nothing': plain('conflict'),
  'print.all_printed': plain('conflict'),
  'print.no_chromium': plain('unavailable'),
  'print.bad_url': plain('invalid_input'),
  'print.bad_code': withParams<{ code: string }>('invalid_input'),
  'print.bad_layout': withParams<{ layout: string }>('invalid_input'),
  'print.no_children': plain('invalid_input'),

  // The portal's administration.
  'portal.school_name': plain('invalid_input'),
  'portal.school_address': withParams<{ problem: AddressProblem }>('invalid_input'),
  'portal.address_taken': withParams<{ id: number; name: string }>('conflict'),
  'portal.no_school': withParams<{ id: number }>('not_found'),
  /** `--time-zone` / PORTAL_TIME_ZONE that is not an IANA zone. */
  'portal.time_zone': withParams<{ zone: string }>('invalid_input'),
  /** Another process has the embedded database open and no admin channel to go through. */
  'portal.busy': withParams<{ pid: number }>('busy'),
  'portal.use_pg_dump': plain('unavailable'),
  /** A refusal the running server sent back through the admin channel, already in words. */
  'portal.admin_refused': withParams<{ message: string }>('conflict'),

  // Sync between the office and the portal (src-shared/sync/protocol.ts). The portal refuses with
  // these (a SyncRefusal carries the reason; the office branches on it) …
  /** A push skipped sequence numbers: the portal expects `expected` next. */
  'sync.gap': withParams<{ expected: number }>('conflict'),
  /** A push ends before what the portal already applied from this device: a restored database. */
  'sync.device_behind': plain('conflict'),
  /** A push disagrees with the hash chain the portal holds: a copy of the database went its own way. */
  'sync.device_forked': plain('conflict'),
  /** Another copy of the database became the school's device: this one no longer syncs. */
  'sync.device_superseded': plain('conflict'),
  // Not 'unauthenticated': that category is the desk's own session (the UI signs out on it).
  'sync.unpaired': plain('conflict'),
  /** No school at the office's address any more (removed with `school remove`): only a new key brings it back. */
  'sync.no_school': plain('conflict'),
  'sync.already_paired': plain('conflict'),
  'sync.bad_key': plain('invalid_input'),
  'sync.version': plain('invalid_input'),
  'sync.bad_request': plain('invalid_input'),
  // … and the office's own.
  'sync.not_paired': plain('conflict'),
  /** This database is paired already: unpair it first. */
  'sync.office_paired': plain('conflict'),
  'sync.bad_address': withParams<{ problem: AddressProblem }>('invalid_input'),
  'sync.https_required': plain('invalid_input'),
  /** The address to pair with is not the registration address printed on the slips (settings). */
  'sync.address_mismatch': withParams<{ printed: string }>('invalid_input'),
  'sync.unreachable': withParams<{ detail: string }>('unavailable'),
  /** The portal answered with an HTTP error that is no refusal of the protocol (a proxy, a crash). */
  'sync.portal_failed': withParams<{ status: number }>('unavailable'),
  'sync.bad_answer': plain('unavailable'),
  // The portal's registration by invitation code and its accounts (#7).
  'register.code_unknown': plain('not_found'),
  'register.code_revoked': plain('conflict'),
  'register.code_expired': withParams<{ /** ISO date */ date: string }>('conflict'),
  'register.code_used': plain('conflict'),
  /** A student's code where a parent's belongs (a parent adding children). */
  'register.code_student': plain('invalid_input'),
  /** A parent's code where a student's belongs. */
  'register.code_parent': plain('invalid_input'),
  /** A parent's code issued to another adult of the family. */
  'register.code_other_parent': plain('conflict'),
  'register.code_twice': plain('invalid_input'),
  'register.child_linked': plain('conflict'),
  /** The person of a student code already has an account. */
  'register.has_account': plain('conflict'),
  /** The parent of a code already has an account (they sign in and the child is added there). */
  'register.parent_has_account': plain('conflict'),
  'register.throttled': withParams<{ seconds: number }>('throttled'),
  'register.login_invalid': withParams<{ problem: LoginProblem }>('invalid_input'),
  'register.login_taken': plain('conflict'),
  'register.password_mismatch': plain('invalid_input'),
  'register.email_required': plain('invalid_input'),
  'register.email_invalid': plain('invalid_input'),
  /** Shown once: the same address sent again is taken as typed. */
  'register.email_typo': withParams<{ suggestion: string }>('invalid_input'),
  'register.phone_invalid': plain('invalid_input'),
  'register.phone_not_mobile': plain('invalid_input'),
  /** A mobile number a digit (or more) short or long. */
  'register.phone_digits': withParams<{ count: number }>('invalid_input'),
  'register.full_name': plain('invalid_input'),
  'register.consent': plain('invalid_input'),
  'account.wrong_credentials': plain('unauthenticated'),
  'account.login_is_email': plain('invalid_input'),
  'account.throttled': withParams<{ seconds: number }>('throttled'),
  'account.wrong_password': plain('invalid_input'),
  'account.disabled': plain('forbidden'),
  /** No such link: made up, mistyped, or long expired and forgotten. */
  'account.link_invalid': plain('not_found'),
  /** Not a link's shape: cut short (or added to) when copied. */
  'account.link_broken': plain('invalid_input'),
  'account.link_used': plain('conflict'),
  'account.link_expired': plain('conflict'),
  'account.resend_wait': withParams<{ seconds: number }>('throttled'),
  'account.email_change_wait': withParams<{ seconds: number }>('throttled'),
  'account.no_email': plain('invalid_input'),
  'account.email_same': plain('invalid_input'),
  'account.not_parent': plain('forbidden'),
  // Roster upkeep at the desk (o2-desk): a new student, links, class teachers, the end of the year.
  /** The same student is in the archive: bring them back rather than adding a second one. */
  'roster.duplicate_student_archived': withParams<{ who: string }>('conflict'),
  'roster.not_linked': plain('not_found'),
  'roster.teacher_not_found': plain('not_found'),
  'roster.teacher_has_class': withParams<{ who: string; className: string }>('conflict'),
  /** `date`: the previous end of year; `until`: when the next one may be done (ISO instants). */
  'roster.year_end_recent': withParams<{ date: string; until: string }>('conflict'),
  'roster.year_end_stale': plain('conflict'),
  'operator.login_not_found': withParams<{ login: string }>('not_found'),
  // Backups and restore (o4-journal).
  'backup.not_found': withParams<{ fileName: string }>('not_found'),
  'backup.no_folder': withParams<{ folder: string }>('invalid_input'),
  /** Browser mode offers a download instead: the core writes no files where a browser tab asks. */
  'backup.folder_desktop_only': plain('invalid_input'),
  'restore.unreadable': withParams<{ file: string }>('invalid_input'),
  'restore.not_kurator': plain('invalid_input'),
  'restore.damaged': plain('invalid_input'),
  'restore.too_new': withParams<{ found: number; known: number }>('conflict'),
  'restore.manifest': plain('invalid_input'),
  /** Made where another journal key signed the journal (another computer, a lost kurator.key). */
  'restore.other_key': plain('conflict'),
  'restore.journal': withParams<{ reason: AuditVerifyReason; id: number | null }>('conflict'),
  /** A copy an older version made has no manifest: restored only when asked to knowingly. */
  'restore.unanchored': plain('conflict'),
  'restore.no_curator': plain('conflict'),
  // Data that stays right: reissuing a parent's codes at once, family sheets with children left out.
  /** A parent's codes reissued at once, but they hold none that can be. */
  'code.none_to_reissue': plain('conflict'),
  /** `print families` would leave children out (no code yet) and was told neither to issue nor to skip them. */
  'print.family_gaps': withParams<{ children: number }>('conflict'),
  // The walk-in desk and portal accounts (#9).
  /** The person has no account on the portal (or the office has not learned of it yet). */
  'desk.no_account': plain('not_found'),
  'desk.login_unknown': withParams<{ login: string }>('not_found'),
  /** Every desk action on an account says why (it goes into the journal). */
  'desk.reason_required': plain('invalid_input'),
  'desk.bad_email': plain('invalid_input'),
  'desk.bad_phone': plain('invalid_input'),
  'desk.no_change': plain('invalid_input'),
  /** The reset page: a slip the portal does not know (mistyped, used, replaced, not delivered yet). */
  'reset.invalid': plain('not_found'),
  /** A typed slip code whose check symbol disagrees: a typo, said before any look-up. */
  'reset.typo': plain('invalid_input'),
  'reset.length': withParams<{ typed: number }>('invalid_input'),
  /** An invitation code typed on the reset page. */
  'reset.invitation_code': plain('invalid_input'),
  /** A slip for an account the school has locked: said at the code, before a password is chosen. */
  'reset.locked': plain('forbidden'),
  'reset.expired': plain('conflict'),
  /** The reset page: a slip replaced by a newer one for the same account. */
  'reset.replaced': plain('conflict'),
  /** The reset page: the password was changed (by the person, another way) after the slip reached the portal. */
  'reset.password_changed': plain('conflict'),
  'reset.throttled': withParams<{ seconds: number }>('throttled'),
  /** Invitations by email: no SMTP server in the school's settings. */
  'mail.not_configured': plain('conflict'),
  'mail.failed': withParams<{ detail: string }>('unavailable'),
  // Self-service access recovery on the portal (#8).
  'recover.throttled': withParams<{ seconds: number }>('throttled'),
  'recover.captcha': plain('invalid_input'),
  'recover.captcha_question': plain('invalid_input'),
  'recover.contact_required': plain('invalid_input'),
  'recover.email_invalid': plain('invalid_input'),
  'recover.phone_invalid': plain('invalid_input'),
  'recover.birth_date': plain('invalid_input'),
  /** A whole date that is no day of the calendar (31.11.2014). */
  'recover.birth_date_impossible': plain('invalid_input'),
  'recover.login_required': plain('invalid_input'),
  /** An email address typed where the login goes (no login has an «@»). */
  'recover.login_is_email': plain('invalid_input'),
  'recover.digits_wrong': plain('invalid_input'),
  /** `left`: wrong tries the code still allows. */
  'recover.code_wrong': withParams<{ left: number }>('invalid_input'),
  'recover.code_used_up': plain('conflict'),
  'recover.step_expired': plain('conflict'),
  /** The hourly cap of messages to one person; `minutes` until the next may go. */
  'recover.messages_limit': withParams<{ minutes: number }>('throttled'),
  'recover.phone_required': plain('invalid_input'),
  // Review of #10/#11: a backup's copy already in the chosen folder (never overwritten).
  'backup.exists': withParams<{ path: string }>('conflict'),
  // The core in its worker thread (#12).
  /** The core's worker died and was started again: its sessions are gone. */
  'core.restarted': plain('unauthenticated'),
  /** The import worker ran out of its heap: nothing was written. */
  'import.out_of_memory': plain('invalid_input'),
  /** The import worker ended without an answer (not for lack of memory): nothing was written. */
  'import.worker_failed': plain('internal'),
  /** The operator cancelled the import before it was committed: nothing was written. */
  'import.cancelled': plain('conflict'),
  // The journal's head anchored on the portal (#11).
  /** The portal refused the journal's head: it holds a later one from this database (the journal was cut). */
  'sync.anchor_refused': withParams<{ id: number }>('conflict'),
  // Long work shows progress (#12): cancelled before anything was written.
  /** Issuing codes for the whole school, cancelled before its commit: no code was issued or revoked. */
  'codes.issue_cancelled': plain('conflict'),
  /** Preparing slips, cancelled: nothing was printed or marked. */
  'print.cancelled': plain('conflict'),
  // The portal's `backup --out` (an IT admin's review).
  /** The path names a folder; a backup is a file. */
  'portal.backup_is_folder': withParams<{ path: string }>('invalid_input'),
  /** The folder the backup should go into does not exist. */
  'portal.backup_no_folder': withParams<{ path: string }>('invalid_input'),
  /** No right to write there, or no room. */
  'portal.backup_unwritable': withParams<{ path: string }>('invalid_input'),
  /** An admin command's data folder holds no portal (a mistyped --data-dir): nothing is created there. */
  'portal.no_portal_here': withParams<{ path: string }>('not_found'),
  /** The database was set up with another secret (PORTAL_SECRET or the key file): every code would read as unknown. */
  'portal.secret_mismatch': plain('conflict'),
  // The office paired with the portal (review of the curator's pairing).
  /** A paired office's registration address must be the one the portal serves for the school. */
  'settings.address_not_portal': withParams<{ portal: string }>('invalid_input'),
  /** Pairing could not reach the portal (or it failed): nothing is paired, unlike a round that will retry. */
  'sync.pair_unreachable': withParams<{ detail: string }>('unavailable'),
  /** Pairing found no school at the address on the portal (never added, or removed): the address field named. */
  'sync.pair_no_school': plain('invalid_input'),
  // A password-reset link that no longer works (fixpages): not the email confirmation's words.
  /** Used already, ended by another reset, or sent to an address the account no longer has. */
  'recover.link_used': plain('not_found'),
  'recover.link_expired': plain('conflict'),
  /** No such reset link (mistyped, or expired long ago). */
  'recover.link_unknown': plain('not_found'),
  /** A new password's field left empty (a refused form comes back with it empty). */
  'register.password_required': plain('invalid_input'),
  // One running app per data folder (a new user's review): browser mode and the desktop app.
  /** Another running app (pid, mode, browser mode's address when known) has the data folder open: nothing was touched. */
  'app.folder_in_use': withParams<{ dir: string; pid: number | null; mode: 'browser' | 'electron' | null; address: string | null }>(
    'conflict',
  ),
  // `portal pair` on a paired office pairs again in place (a new user's review).
  /** Pairing again was refused because the portal still knows this office: no new key is needed. */
  'sync.still_paired': plain('conflict'),
  // The portal's data folder held by a process that is not a running server (np5: a new user's run).
  /** A server on the folder is still starting: no channel for commands yet. */
  'portal.starting': withParams<{ pid: number }>('busy'),
  /** A second server while the first is still starting. */
  'portal.busy_starting': withParams<{ pid: number }>('busy'),
  /** An admin command works on the folder's files. */
  'portal.busy_command': withParams<{ pid: number }>('busy'),
  // Pairing checks the page of the address (np5): host and prefix alone reach the school.
  /** The office's address names a page the school does not have; `address` is the school's on the portal. */
  'sync.pair_wrong_address': withParams<{ address: string }>('invalid_input'),
} as const;

export type Reason = keyof typeof REASONS;

/** The parameters of a reason; `undefined` when it takes none. */
export type ParamsOf<R extends Reason> = (typeof REASONS)[R] extends ReasonEntry<infer P> ? P : never;

/** Reasons that take no parameters. */
export type PlainReason = { [R in Reason]: ParamsOf<R> extends undefined ? R : never }[Reason];

export const isReason = (s: string): s is Reason => Object.hasOwn(REASONS, s);

export const codeOf = (reason: Reason): ErrorCode => REASONS[reason].code;
