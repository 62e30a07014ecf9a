import type { ColumnType } from 'kysely';

export type AccountKind = 'student' | 'parent';

/** One per roster person: made by redeeming an invitation code. */
export interface AccountsTable {
  id: string;
  school_id: number;
  person_uid: string;
  /** Lower case; unique on the whole portal. */
  login: string;
  kind: AccountKind;
  /** argon2id PHC string (src-node/passwords.ts). */
  password_hash: string;
  email: string | null;
  email_confirmed_at: Date | null;
  /** `+79…` */
  phone: string | null;
  phone_confirmed_at: Date | null;
  registered_at: Date;
  last_sign_in_at: Date | null;
  disabled_at: Date | null;
  password_changed_at: Date;
}

/** The children a parent account is linked to, each by the code that linked it. */
export interface AccountChildrenTable {
  account_id: string;
  student_uid: string;
  code_uid: string;
  linked_at: Date;
}

export type SessionEnd = 'sign_out' | 'sign_out_all' | 'password_changed' | 'disabled';

/** Sign-in sessions: the cookie holds a 128-bit random value, the table its SHA-256. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  /** `ip:203.0.113.7` (src-portal/limits/throttle.ts networkOf). */
  network: string;
  user_agent: string | null;
  ended_at: Date | null;
  ended_why: SessionEnd | null;
}

export type TokenPurpose = 'confirm_email' | 'reset_password' | 'desk_reset';

/** One-time links and codes: stored as SHA-256, bound to an account and a purpose, used once. */
export interface TokensTable {
  token_hash: string;
  purpose: TokenPurpose;
  account_id: string;
  subject: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AccountTables {
  accounts: AccountsTable;
  account_children: AccountChildrenTable;
  sessions: SessionsTable;
  tokens: TokensTable;
}
