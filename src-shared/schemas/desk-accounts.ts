// The walk-in desk's actions on portal accounts (#9): each says why and whether a document was checked.
import { z } from '../z.ts';
import { MailServer } from './settings.ts';

const Id = z.number().int().positive();
const Why = { reason: z.string().max(500), documentChecked: z.boolean() };

export const DeskResetInput = z.object({ personId: Id, ...Why }).strict();

export const DeskRequestInput = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['lock', 'unlock', 'sign_out_all']), personId: Id, ...Why }).strict(),
  z
    .object({
      action: z.literal('contacts'),
      personId: Id,
      ...Why,
      email: z.string().max(254).optional(),
      phone: z.string().max(40).optional(),
    })
    .strict(),
]);

/** A class (`classId`) or the whole school (none). */
export const ListsScope = z.object({ classId: Id.optional() }).strict();

/** The school's SMTP server; `password` (when given) goes to the key file, `null` forgets it. */
export const MailServerInput = z.object({ server: MailServer.nullable(), password: z.string().max(500).nullable().optional() }).strict();

/** Whose codes to send by email: a class's parents, or one person's (a parent, or a student's parents). */
export const MailCodesInput = z.union([z.object({ classId: Id }).strict(), z.object({ personId: Id }).strict()]);
