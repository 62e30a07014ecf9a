import { z } from '../z.ts';

/** A file name without folders or characters Windows refuses. */
export const FileName = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => !/[\\/:*?"<>|]/.test(n) && [...n].every((c) => c.charCodeAt(0) >= 32), {
    message: 'Недопустимое имя файла',
  });

export const FilePayloadSchema = z
  .object({
    fileName: FileName,
    mimeType: z.string().max(100),
    content: z.string().max(200 * 1024 * 1024),
    encoding: z.enum(['utf8', 'base64']),
  })
  .strict();

export const PrintDocumentArgs = z.object({ printId: z.string().uuid(), deviceName: z.string().max(300).optional() }).strict();
export const SavePdfArgs = z.object({ printId: z.string().uuid(), fileName: FileName }).strict();
export const NoArgs = z.undefined().or(z.object({}).strict());
export const ChooseFolderArgs = z.object({ title: z.string().max(200) }).strict();
