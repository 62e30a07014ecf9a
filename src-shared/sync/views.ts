// Sync and portal accounts as the desk and the command line see them.
import type { Reason } from '../errors.ts';

export interface SyncStatus {
  paired: boolean;
  /** The registration address paired with. */
  address: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Changes waiting to go up. */
  pending: number;
  /** The last round's failure, in words; null after a successful round. */
  lastError: { reason: Reason; message: string; at: string | null } | null;
  /** Another copy of the database took over: this one no longer syncs. */
  superseded: boolean;
  running: boolean;
}

/** A person's account on the portal, on their card. */
export interface PortalAccountView {
  uid: string;
  login: string;
  kind: 'student' | 'parent';
  registeredAt: string;
  email: string | null;
  emailConfirmed: boolean;
  phone: string | null;
  phoneConfirmed: boolean;
  lastSignInAt: string | null;
  disabled: boolean;
  /** A parent's children linked on the portal, as the roster knows them. */
  children: { id: number; name: string }[];
}

/** A self-service recovery event on the person's portal account (#8), newest first on the card. */
export interface RecoveryEventView {
  uid: string;
  at: string;
  login: string;
  action: 'login_reminder' | 'reset_link' | 'sms_digits' | 'sms_code' | 'password_reset';
  channel: 'email' | 'sms';
  outcome: 'sent' | 'limited' | 'wrong' | 'exhausted' | 'done';
  network: string;
}

/** Who of a class registered on the portal. */
export interface ClassRegistration {
  students: { registered: number; total: number };
  parents: { registered: number; total: number };
  /** Ids of the class's students and parents who have an account. */
  registeredIds: number[];
}

/** `npm run kurator -- accounts list --json`: one row per account, exactly these keys. */
export interface AccountListRow {
  personId: number;
  login: string;
  kind: 'student' | 'parent';
  registeredAt: string;
  emailConfirmed: boolean;
  phoneConfirmed: boolean;
}

/** A desk request to the portal and what became of it (#9). */
export interface DeskRequestView {
  uid: string;
  action: 'reset' | 'contacts' | 'lock' | 'unlock' | 'sign_out_all';
  reason: string;
  documentChecked: boolean;
  createdAt: string;
  /** The operator's login. */
  operator: string | null;
  state: 'waiting' | 'done' | 'refused';
  refusal: 'no_account' | 'other_person' | 'expired' | 'locked' | 'bad_contact' | null;
  outcomeAt: string | null;
  /** A reset: the latest moment the slip may work (printing + the school's limit). */
  notAfter: string | null;
  /** A reset delivered: when the slip stops working. */
  expiresAt: string | null;
  /** A reset: when a newer reset for the same person (not refused) was made; the older slip stops working. */
  replacedAt: string | null;
  usedAt: string | null;
  /** A delivered reset slip the portal ended before its use: the password was changed another way. */
  endedAt: string | null;
  email: string | null;
  phone: string | null;
  /** A reset slip that may still set a password, by the office's clock when the view was read. */
  inForce: boolean;
}

/** A reset slip prepared for preview, printing and PDF, and its request. */
export interface PreparedReset {
  printId: string;
  path: string;
  fileName: string;
  request: DeskRequestView;
}

/** Each person in one of four: registered, a code handed out (printed or mailed), a code not printed, no code. */
export interface ProgressCounts {
  total: number;
  registered: number;
  printed: number;
  unprinted: number;
  notIssued: number;
}

/** Registration progress of one class (#9). */
export interface ClassProgress {
  classId: number;
  className: string;
  students: ProgressCounts;
  parents: ProgressCounts;
  /** Registered, but no confirmed email or phone: only the desk can give them access back. */
  cannotRecover: number;
}

/** The whole school's progress: every person once (a parent of children in two classes is one parent,
 * registered when their account is in force with any child on it). */
export interface SchoolProgress {
  students: ProgressCounts;
  parents: ProgressCounts;
  cannotRecover: number;
}

/** The «Регистрация на портале» page: its classes and the school's total row. */
export interface RegistrationProgress {
  classes: ClassProgress[];
  school: SchoolProgress;
}

/** A row of the lists for class teachers and the deputy director. */
export interface AccountListsRow {
  list: 'not_registered' | 'cannot_recover';
  className: string;
  personId: number;
  fullName: string;
  role: 'student' | 'parent';
  /** A parent's children in the class. */
  children: string[];
  /** A student's parents' phones; a parent's own. */
  parentPhones: string[];
  login: string | null;
  codeIssued: boolean;
}

/** Why sending a scope's codes by email would send nothing now (the button is disabled and says why), or null. */
export interface MailReadiness {
  blocked: 'not_configured' | 'no_codes' | 'no_email' | null;
}

/** `codes mail --json`: each family's message, and parents left out (no address). */
export interface MailReport {
  sent: { personId: number; email: string; codes: string[] }[];
  skipped: { personId: number; reason: 'no_email' }[];
}
