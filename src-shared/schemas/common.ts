import { z } from '../z.ts';
import { t } from '../i18n/index.ts';

export const Empty = z.object({}).strict();

export const Id = z.number().int().positive();

/** A trimmed single-line text with collapsed inner spaces. */
export const line = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(min).max(max));

/** An http(s) address; at most 200 characters (it is printed on every invitation slip). */
export const HttpUrl = z
  .string()
  .trim()
  .max(200)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.') && !u.username && !u.password;
      } catch {
        return false;
      }
    },
    { message: t.errors.urlFormat },
  );

export const IsoInstant = z.iso.datetime({ offset: true });
