import type { Generated } from 'kysely';

export interface MailOutboxTable {
  id: string;
  school_id: number | null;
  /** What kind of message (`confirm_email`, `password_changed` …): for the admin's list, never the content. */
  kind: string;
  to_address: string;
  /** `mail`, or `sms` (`to_address` is then a phone, `+79…`). */
  channel: Generated<'mail' | 'sms'>;
  /** The whole message, encrypted with a key derived from the server secret; emptied once sent. */
  body: string | null;
  created_at: Date;
  attempts: Generated<number>;
  next_attempt_at: Date;
  /** A worker that claimed the row, until when (another may take it after). */
  claimed_until: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
}
