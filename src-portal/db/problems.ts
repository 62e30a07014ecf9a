// What an IT admin reads when the portal cannot use its database: one Russian line naming the server
// and the database as DATABASE_URL gives them (never its password), instead of pg's stack trace.
import { t } from '../../src-shared/i18n/index.ts';

/** The server and database of a PostgreSQL URL, without user or password. */
function where(url: string): { server: string; database: string } {
  try {
    const u = new URL(url);
    return { server: `${u.hostname}:${u.port || '5432'}`, database: decodeURIComponent(u.pathname.slice(1)) || '(по умолчанию)' };
  } catch {
    return { server: '?', database: '?' };
  }
}

/** The database problem in words, or null when `e` is not one. */
export function databaseProblem(e: unknown, databaseUrl: string | undefined): string | null {
  const words = t.portal.cli.database;
  // By name: the command line loads the database code only when it needs it (not for --help).
  const tooNew = e as { name?: unknown; found?: number; known?: number } | null;
  if (tooNew?.name === 'PortalDbTooNewError') return words.tooNew(tooNew.found!, tooNew.known!);
  if (!databaseUrl?.trim()) return null;
  const { server, database } = where(databaseUrl.trim());
  const err = e as { code?: unknown } | null;
  switch (err?.code) {
    case '28P01':
    case '28000':
      return words.refused(server);
    case '3D000':
      return words.noDatabase(server, database);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return words.unreachable(server);
    default:
      return null;
  }
}
