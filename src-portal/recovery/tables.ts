import type { ColumnType, Generated } from 'kysely';

/** A digits picture: the answer as a keyed digest, used once, for one form. */
export interface CaptchasTable {
  id: string;
  form: string;
  answer_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type SmsCodePurpose = 'reset_password' | 'confirm_phone';

/** A 6-digit code sent by SMS: a keyed digest, 10 minutes, at most 5 wrong tries. */
export interface SmsCodesTable {
  id: string;
  account_id: string;
  purpose: SmsCodePurpose;
  phone: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  attempts: Generated<number>;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Every recovery event of an account: what, by which channel, how it ended, from which network. */
export interface RecoveryEventsTable {
  id: string;
  school_id: number;
  account_id: string;
  at: Date;
  action: string;
  channel: 'email' | 'sms' | 'web';
  outcome: string;
  target: string | null;
  network: string;
}

export interface RecoveryTables {
  captchas: CaptchasTable;
  sms_codes: SmsCodesTable;
  recovery_events: RecoveryEventsTable;
}
