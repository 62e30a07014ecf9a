// A PostgreSQL server's client that names each data statement, so the server parses it once per
// connection and keeps its plan (node-postgres sends Parse only the first time a name is used on a
// connection). Unnamed, every statement of every request was parsed and planned again by the server,
// on the same cores as the portal.
//
// A name stands for the statement's text in one schema generation of this process: DDL sent from here
// starts a new generation, so a statement prepared before it is never reused after it. Another
// process changing the schema (a newer portal migrating) makes PostgreSQL refuse a prepared statement
// whose result shape changed (0A000); that error starts a new generation too, so only the statement
// that met it fails.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { isDataStatement, mayChangeSchema } from './statement-kinds.ts';

let generation = 0;
const hashes = new Map<string, string>();

const nameOf = (text: string): string => {
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = createHash('sha256').update(text).digest('base64url').slice(0, 24);
    if (hashes.size > 10_000) hashes.clear();
    hashes.set(text, hash);
  }
  return `k${generation}_${hash}`;
};

export class PreparingClient extends pg.Client {
  // node-postgres's query has many overloads; kysely calls only query(text, values) and awaits it.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && args.length === 2 && Array.isArray(values) && isDataStatement(text)) {
      const run = super.query({ name: nameOf(text), text, values }) as Promise<unknown>;
      return run.catch((error: unknown) => {
        if ((error as { code?: string }).code === '0A000') generation++;
        throw error;
      }) as never;
    }
    if (typeof text === 'string' && mayChangeSchema(text)) generation++;
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
