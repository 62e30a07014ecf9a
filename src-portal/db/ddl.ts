import { sql } from 'kysely';
import type { AnyDb } from './migrations/types.ts';

/**
 * Runs a migration's SQL statement by statement: PGlite (like any prepared statement) takes one
 * command at a time. Statements end with `;` at the end of a line; a function body between `$$`
 * marks is kept whole.
 */
export async function ddl(db: AnyDb, text: string): Promise<void> {
  for (const statement of splitStatements(text)) await sql.raw(statement).execute(db);
}

export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of text.split('\n')) {
    current += `${line}\n`;
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  if (current.trim() !== '') out.push(current.trim());
  return out.filter((s) => s !== '');
}
