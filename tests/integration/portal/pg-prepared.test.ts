// A PostgreSQL server's connections name each data statement (src-portal/db/pg-prepared.ts): the server
// keeps them prepared, a schema change made here is never met by an old statement, and one made by
// another process fails only the statement that meets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDb, type OpenedDb } from '../../../src-portal/db/connect.ts';
import { freshPgDatabase } from '../../support/portal.ts';

describe('named statements on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof freshPgDatabase>>;
  let opened: OpenedDb;
  // The tables of this test only: the portal's schema is not needed.
  const db = () => opened.db as unknown as Kysely<Record<string, Record<string, unknown>>>;

  beforeAll(async () => {
    database = await freshPgDatabase();
    // One connection, so every statement below meets the same server session.
    opened = await openDb({ kind: 'postgres', url: database.url }, { poolSize: 1 });
    await sql`CREATE TABLE scratch (id int PRIMARY KEY, name text)`.execute(db());
    await db().insertInto('scratch').values({ id: 1, name: 'первый' }).execute();
  });
  afterAll(async () => {
    await opened.close();
    await database.drop();
  });

  const prepared = async () =>
    (
      await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${'%scratch%'}`.execute(db())
    ).rows.map((r) => r.statement);

  it('prepares a data statement once per connection and runs it again by name', async () => {
    const text = 'select "name" from "scratch" where "id" = $1';
    await db().selectFrom('scratch').select('name').where('id', '=', 1).execute();
    await db().selectFrom('scratch').select('name').where('id', '=', 2).execute();
    expect((await prepared()).filter((s) => s === text)).toHaveLength(1);
  });

  it('never reuses a statement prepared before a schema change made here', async () => {
    const all = async () => (await sql<Record<string, unknown>>`SELECT * FROM scratch WHERE id = ${1}`.execute(db())).rows[0];
    expect(await all()).toEqual({ id: 1, name: 'первый' });
    await sql`ALTER TABLE scratch ADD COLUMN note text DEFAULT 'новое'`.execute(db());
    expect(await all()).toEqual({ id: 1, name: 'первый', note: 'новое' });
  });

  it('fails only the statement that meets a schema change made by another process', async () => {
    const all = async () => (await sql<Record<string, unknown>>`SELECT * FROM scratch WHERE id = ${1}`.execute(db())).rows[0];
    expect(await all()).toHaveProperty('note');
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('ALTER TABLE scratch DROP COLUMN note');
    } finally {
      await other.end();
    }
    await expect(all()).rejects.toMatchObject({ code: '0A000' });
    expect(await all()).toEqual({ id: 1, name: 'первый' });
  });
});
