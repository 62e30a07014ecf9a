import { z } from '../z.ts';
import { RegistrationAddress, line } from './common.ts';
import { FirstOperator } from './operators.ts';

export const IDLE_LOCK_DEFAULT_MINUTES = 10;
/** Daily backups older than this many days are removed. */
export const BACKUP_KEEP_DAYS_DEFAULT = 14;
/** A desk reset slip works at most this many hours after printing (and 24 h after reaching the portal). */
export const RESET_SLIP_HOURS_DEFAULT = 72;

export const MailServer = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean(),
    user: z.string().max(254).nullable(),
    /** The sender, e.g. `Школа № 1399 <kurator@school1399.ru>`. */
    from: z.string().trim().min(3).max(300),
  })
  .strict();
export type MailServer = z.output<typeof MailServer>;

export const SchoolSettings = z
  .object({
    schoolName: line(2, 200),
    registrationUrl: RegistrationAddress,
    curatorContact: line(0, 300),
    /** Whom to ask when the curator is away, and when the curator sees parents: on the slips and the portal. */
    deputyContact: line(0, 300),
    supportHours: line(0, 300),
    idleLockMinutes: z.number().int().min(1).max(240),
    /** Invitation codes issued from now on are valid until this day; null = end of the school year. */
    codesValidUntil: z.iso.date().nullable(),
    /** Daily backups are kept this many days. */
    backupKeepDays: z.number().int().min(1).max(365),
    /** A desk reset slip works at most this many hours after printing. */
    resetSlipHours: z.number().int().min(24).max(72),
    /** The school's SMTP server for invitations by email (#9); its password is in the key file, never here. */
    mailServer: MailServer.nullable(),
  })
  .strict();
export type SchoolSettings = z.output<typeof SchoolSettings>;

export const SettingsPatch = SchoolSettings.partial().strict();

export const SetupInput = z
  .object({
    schoolName: SchoolSettings.shape.schoolName,
    registrationUrl: SchoolSettings.shape.registrationUrl,
    curatorContact: SchoolSettings.shape.curatorContact,
    operator: FirstOperator,
  })
  .strict();
export type SetupInput = z.input<typeof SetupInput>;
