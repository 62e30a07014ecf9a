import { z } from '../z.ts';
import { t } from '../i18n/index.ts';
import { Id, IsoInstant } from './common.ts';

export const AuditFilter = z
  .object({
    operatorId: Id.optional(),
    action: z.string().max(64).optional(),
    /** Inclusive lower bound, an instant (the UI converts the local day to UTC). */
    from: IsoInstant.optional(),
    /** Exclusive upper bound. */
    to: IsoInstant.optional(),
    /** Name fragment or id of the person concerned. */
    person: z.string().trim().max(200).optional(),
    /** Leave out reads of personal data (cards, classes, codes, searches): actions only. */
    hideReads: z.boolean().optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: t.errors.dateRange, path: ['to'] });
export type AuditFilter = z.output<typeof AuditFilter>;

export const AuditPage = z
  .object({
    filter: AuditFilter,
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
