import { z } from '../z.ts';
import { FIELD_KEYS } from '../roster/types.ts';
import { Id } from './common.ts';
import { t } from '../i18n/index.ts';
import { normalizeEmail, normalizeName, normalizePhone, parseTypedDate } from '../roster/normalize.ts';
import { MAX_IMPORT_BYTES } from '../roster/limits.ts';

export const ImportOptionsSchema = z
  .object({
    encoding: z.enum(['utf8', 'cp1251', 'koi8r']).optional(),
    separator: z.enum([';', ',', '\t']).optional(),
    layout: z.enum(['wide', 'long']).optional(),
    sheet: z.string().max(200).optional(),
    mapping: z.record(z.string().regex(/^\d{1,3}$/), z.enum(FIELD_KEYS)).optional(),
    restoreArchived: z.boolean().optional(),
  })
  .strict();

/** Largest file the wizard sends (the importer's own limit is checked again in the core). */
const MAX_BASE64 = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4;

export const ImportAnalyze = z
  .object({
    fileName: z.string().min(1).max(255),
    /** The file, on first analysis; later calls name the upload instead. */
    contentBase64: z.string().max(MAX_BASE64).optional(),
    uploadId: z.string().uuid().optional(),
    options: ImportOptionsSchema.default({}),
  })
  .strict()
  .refine((v) => (v.contentBase64 === undefined) !== (v.uploadId === undefined), {
    message: 'Нужен либо файл, либо номер загрузки',
    path: ['contentBase64'],
  });

export const ImportApply = z.object({ uploadId: z.string().uuid(), options: ImportOptionsSchema.default({}) }).strict();

export const UploadRef = z.object({ uploadId: z.string().uuid() }).strict();

export const SearchInput = z
  .object({
    query: z.string().max(200),
    limit: z.number().int().min(1).max(200).default(20),
    archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  })
  .strict();

export const IdInput = z.object({ id: Id }).strict();

export const ArchiveInput = z.object({ ids: z.array(Id).min(1).max(100_000), archived: z.boolean() }).strict();

// ---- editing people at the desk: values are normalized exactly as the importer does ----

export const NamePart = z
  .string()
  .max(200)
  .transform((s) => normalizeName(s))
  .pipe(z.string().min(1, t.common.required));

export const OptionalNamePart = z
  .string()
  .max(200)
  .transform((s) => normalizeName(s) || null)
  .nullable();

const Phone = z
  .string()
  .max(60)
  .transform((s, ctx) => {
    if (!s.trim()) return null;
    const phone = normalizePhone(s);
    if (!phone) ctx.addIssue({ code: 'custom', message: t.personEdit.badPhone });
    return phone;
  })
  .nullable();

const Email = z
  .string()
  .max(254)
  .transform((s, ctx) => {
    if (!s.trim()) return null;
    const email = normalizeEmail(s);
    if (!email) ctx.addIssue({ code: 'custom', message: t.personEdit.badEmail });
    return email;
  })
  .nullable();

/** Read as the form read it (the importer's parser): `10.8.2013` is the 10th of August, `31.02.2013` is refused. */
export const BirthDate = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const r = parseTypedDate(s);
    if (!r.ok) {
      const field = t.fields.birthDate!;
      const message = s.trim() === '' ? t.data.dates.required(field) : t.data.dates[r.reason](field, s.trim());
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return r.value;
  });

export const PersonUpdate = z
  .object({
    id: Id,
    surname: NamePart.optional(),
    name: NamePart.optional(),
    patronymic: OptionalNamePart.optional(),
    birthDate: BirthDate.optional(),
    sex: z.enum(['M', 'F']).nullable().optional(),
    classId: Id.optional(),
    externalId: z
      .string()
      .trim()
      .max(64)
      .transform((s) => s || null)
      .nullable()
      .optional(),
    phone: Phone.optional(),
    email: Email.optional(),
  })
  .strict();
export type PersonUpdate = z.output<typeof PersonUpdate>;

export const NewGuardian = z
  .object({
    studentId: Id,
    surname: NamePart,
    name: NamePart,
    patronymic: OptionalNamePart.optional(),
    relation: z.enum(['mother', 'father', 'other']),
    phone: Phone.optional(),
    email: Email.optional(),
  })
  .strict()
  .refine((v) => v.phone || v.email, { message: t.personEdit.needContact, path: ['phone'] });
export type NewGuardian = z.output<typeof NewGuardian>;
