// Failures that are not bugs: turned into a clear message for the user by the dispatcher and the CLI.
import { AppError } from '../../src-shared/result.ts';

/** The AppError a thrown value stands for, or null for a real bug. */
export function asAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  const code = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : '';
  // Another process (an import from the command line, a second window) holds the database longer
  // than the busy timeout.
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new AppError('db.busy');
  }
  return null;
}
