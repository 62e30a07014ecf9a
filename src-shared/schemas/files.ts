import { z } from '../z.ts';

export const FilePayloadSchema = z
  .object({
    fileName: z
      .string()
      .min(1)
      .max(200)
      .refine((n) => !/[\\/:*?"<>|]/.test(n) && [...n].every((c) => c.charCodeAt(0) >= 32), {
        message: 'Недопустимое имя файла',
      }),
    mimeType: z.string().max(100),
    content: z.string().max(200 * 1024 * 1024),
    encoding: z.enum(['utf8', 'base64']),
  })
  .strict();
