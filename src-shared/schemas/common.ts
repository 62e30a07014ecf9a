import { z } from '../z.ts';
import { t } from '../i18n/index.ts';
import { MAX_PREFIX_DEPTH, parseSchoolAddress, withScheme } from '../sync/address.ts';

export const Empty = z.object({}).strict();

export const Id = z.number().int().positive();

/** A trimmed single-line text with collapsed inner spaces. */
export const line = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(min).max(max));

/**
 * A school's registration address, by the rule the portal applies (`parseSchoolAddress`): https
 * (plain http only on this computer), ending in the registration page. Codes travel in its QR code.
 * At most 200 characters (it is printed on every invitation slip).
 */
export const RegistrationAddress = z
  .string()
  .trim()
  .max(200)
  .transform(withScheme)
  .superRefine((s, ctx) => {
    const parsed = parseSchoolAddress(s);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: t.portal.admin.badAddress[parsed](MAX_PREFIX_DEPTH) });
  });

export const IsoInstant = z.iso.datetime({ offset: true });
