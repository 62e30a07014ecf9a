import { z } from '../z.ts';
import { RegistrationAddress, line } from './common.ts';
import { FirstOperator } from './operators.ts';

export const IDLE_LOCK_DEFAULT_MINUTES = 10;
/** Daily backups older than this many days are removed. */
export const BACKUP_KEEP_DAYS_DEFAULT = 14;

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
