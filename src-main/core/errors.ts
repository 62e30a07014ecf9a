// Failures that are not bugs: turned into a clear message for the user by the dispatcher and the CLI.
import { AppError, type FieldIssue } from '../../src-shared/result.ts';
import { t } from '../../src-shared/i18n/index.ts';
import type { z } from '../../src-shared/z.ts';

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

/** A zod failure as `input.invalid`: the first field's label and message, every issue by path. */
export function invalidInput(error: z.ZodError): AppError<'input.invalid'> {
  const issues: FieldIssue[] = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = error.issues[0];
  if (!first) return new AppError('input.invalid', { label: null, problem: null }, { issues });
  const key = [...first.path].reverse().find((p) => typeof p === 'string');
  const label = key !== undefined ? (t.fields[key] ?? key) : null;
  const field = issues[0]?.path;
  return new AppError('input.invalid', { label, problem: first.message }, field ? { field, issues } : { issues });
}
