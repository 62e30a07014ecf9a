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
  login: string;
  kind: 'student' | 'parent';
  registeredAt: string;
  email: string | null;
  emailConfirmed: boolean;
  phone: string | null;
  phoneConfirmed: boolean;
  lastSignInAt: string | null;
  disabled: boolean;
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
