import { z } from '../z.ts';
import { FileName } from './files.ts';

/** A copy in the backups folder, by its file name (never a path). */
export const BackupRef = z.object({ fileName: FileName }).strict();

export const RestoreInput = z
  .object({
    fileName: FileName,
    /** A copy an older version made has no manifest: restored only when the curator says so. */
    acceptUnanchored: z.boolean().optional(),
  })
  .strict();

/** The desktop app's «save a copy»: the folder comes from the system's folder dialog. */
export const ExportBackup = z.object({ fileName: FileName, folder: z.string().min(1).max(4096) }).strict();
