import { z } from '../z.ts';
import { FIELD_KEYS } from '../roster/types.ts';
import { Id } from './common.ts';

export const ImportOptionsSchema = z
  .object({
    encoding: z.enum(['utf8', 'cp1251']).optional(),
    separator: z.enum([';', ',', '\t']).optional(),
    layout: z.enum(['wide', 'long']).optional(),
    sheet: z.string().max(200).optional(),
    mapping: z.record(z.string().regex(/^\d{1,3}$/), z.enum(FIELD_KEYS)).optional(),
  })
  .strict();

/** Largest file the wizard sends (the importer's own limit is checked again in the core). */
const MAX_BASE64 = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 4;

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
