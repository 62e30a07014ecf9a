// The embedded engine with each data statement prepared once (src-portal/db/pglite-prepared.ts): it must
// answer exactly as PGlite's own `query` does, forget its statements when the schema changes, and keep
// errors and transactions as they were.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { withPreparedStatements, type PreparedStatements } from '../../../src-portal/db/pglite-prepared.ts';
import { pgliteCopy } from '../../support/portal.ts';
import { tempDir } from '../../support/tmp.ts';

const DATE_OID = 1082;

describe('PGlite with prepared statements', () => {
  const tmp = tempDir('kurator-prepared-');
  let engine: PGlite;
  let statements: PreparedStatements;
  let db: Kysely<Record<string, Record<string, unknown>>>;

  beforeAll(async () => {
    engine = await PGlite.create(await pgliteCopy(path.join(tmp.dir, 'pgdata')), { parsers: { [DATE_OID]: (v: string) => v } });
    const prepared = withPreparedStatements(engine);
    statements = prepared.statements;
    db = new Kysely({ dialect: new PGliteDialect({ pglite: prepared.pglite }) });
    await sql`CREATE TABLE scratch (
      id serial PRIMARY KEY, name text UNIQUE, n bigint, ok boolean, doc jsonb, at timestamptz, day date,
      tags text[], raw bytea
    )`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    tmp.remove();
  });

  const row = (i: number) => ({
    name: `имя ${i}`,
    n: 2 ** 40 + i,
    ok: i % 2 === 0,
    doc: JSON.stringify({ a: i, b: ['x', null], c: 'ё' }),
    at: new Date(Date.UTC(2026, 8, 1, 12, 0, i)),
    day: '2026-09-01',
    tags: ['a', 'b c', 'д"е'],
    raw: Buffer.from([0, 1, 255, i]),
  });

  it('answers as PGlite itself does, for every type the portal stores and for null', async () => {
    await db
      .insertInto('scratch')
      .values([row(1), row(2)])
      .execute();
    await db
      .insertInto('scratch')
      .values({ name: 'пусто', n: null, ok: null, doc: null, at: null, day: null, tags: null, raw: null })
      .execute();
    const text = 'SELECT * FROM scratch WHERE id > $1 AND (name = ANY($2) OR $3::boolean) ORDER BY id';
    const params = [0, ['имя 1', 'пусто'], false];
    const ours = await statements.query(text, params);
    const theirs = await engine.query(text, params);
    expect(ours.rows).toEqual(theirs.rows);
    expect(ours.fields).toEqual(theirs.fields);
    expect(ours.rows).toHaveLength(2);
    expect(ours.rows[0]).toMatchObject({ name: 'имя 1', n: 2 ** 40 + 1, day: '2026-09-01', tags: ['a', 'b c', 'д"е'] });
    const update = 'UPDATE scratch SET ok = $1 WHERE name LIKE $2';
    expect((await statements.query(update, [true, 'имя%'])).affectedRows).toBe(2);
    expect((await engine.query(update, [true, 'имя%'])).affectedRows).toBe(2);
  });

  it('reads a reply as PGlite does: counts, RETURNING, repeated and odd column names, an error while running', async () => {
    // A statement that writes runs twice: its second run must answer as the first did.
    const same = async (text: string, params: unknown[], between?: () => Promise<unknown>) => {
      const ours = await statements.query(text, params);
      await between?.();
      const theirs = await engine.query(text, params);
      expect(ours).toEqual(theirs);
      expect(Object.getPrototypeOf(ours.rows[0] ?? {})).toBe(Object.getPrototypeOf(theirs.rows[0] ?? {}));
    };
    const insert = 'INSERT INTO scratch (name) VALUES ($1), ($2) ON CONFLICT (name) DO UPDATE SET n = NULL RETURNING id > 0 AS made, name';
    await same(insert, ['r1', 'r2']);
    await same('UPDATE scratch SET n = $1 WHERE name IN ($2, $3)', [7, 'r1', 'r2']);
    await same(`SELECT 1 AS a, 2 AS a, 'x' AS "__proto__", NULL::text AS "пусто" WHERE $1::int = 1`, [1]);
    await same('SELECT name FROM scratch WHERE name = $1', ['nobody']);
    await same('DELETE FROM scratch WHERE name LIKE $1', ['r_'], () => engine.query(insert, ['r1', 'r2']));
    const text = 'SELECT 1 / $1::int AS x';
    const ours = await statements.query(text, [0]).catch((e: unknown) => e);
    const theirs = await engine.query(text, [0]).catch((e: unknown) => e);
    expect(ours).toBeInstanceOf(Error);
    expect(ours).toMatchObject({ code: '22012', message: (theirs as Error).message });
    expect((await statements.query<{ x: number }>(text, [1])).rows).toEqual([{ x: 1 }]);
  });

  it('prepares a statement once and runs it again without preparing', async () => {
    const text = 'SELECT count(*)::int AS n FROM scratch WHERE name <> $1';
    const before = statements.size;
    const first = await statements.query<{ n: number }>(text, ['x']);
    expect(statements.size).toBe(before + 1);
    const again = await statements.query<{ n: number }>(text, ['имя 1']);
    expect(statements.size).toBe(before + 1);
    expect(again.rows[0]!.n).toBe(first.rows[0]!.n - 1);
  });

  it('forgets its statements when the schema changes, so a row never comes back in an old shape', async () => {
    const all = async () => (await sql<Record<string, unknown>>`SELECT * FROM scratch WHERE id = ${1}`.execute(db)).rows[0]!;
    expect(await all()).not.toHaveProperty('note');
    expect(statements.size).toBeGreaterThan(0);
    await sql`ALTER TABLE scratch ADD COLUMN note text DEFAULT 'новое'`.execute(db);
    expect(statements.size).toBe(0);
    expect(await all()).toMatchObject({ id: 1, note: 'новое' });
    // The same inside a transaction (a migration): the statement prepared before the change is not used after it.
    await db.transaction().execute(async (trx) => {
      await sql`SELECT * FROM scratch WHERE id = ${1}`.execute(trx);
      await sql`ALTER TABLE scratch DROP COLUMN note`.execute(trx);
      expect((await sql<Record<string, unknown>>`SELECT * FROM scratch WHERE id = ${1}`.execute(trx)).rows[0]).not.toHaveProperty('note');
    });
  });

  it('reports a broken constraint with its code, rolls the transaction back, and goes on', async () => {
    await expect(db.insertInto('scratch').values({ name: 'имя 1' }).execute()).rejects.toMatchObject({ code: '23505' });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('scratch').values({ name: 'в транзакции' }).execute();
        await trx.insertInto('scratch').values({ name: 'имя 2' }).execute();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const names = await db.selectFrom('scratch').select('name').where('name', '=', 'в транзакции').execute();
    expect(names).toEqual([]);
    await expect(statements.query('SELECT nope FROM scratch')).rejects.toMatchObject({ code: '42703' });
    expect((await statements.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps concurrent requests and transactions apart', async () => {
    await sql`CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)`.execute(db);
    await db.insertInto('counter').values({ id: 1, n: 0 }).execute();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? db.transaction().execute(async (trx) => {
              const { n } = await trx.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
              await trx
                .updateTable('counter')
                .set({ n: (n as number) + 1 })
                .where('id', '=', 1)
                .execute();
            })
          : db.selectFrom('counter').select('n').execute(),
      ),
    );
    expect(await db.selectFrom('counter').select('n').executeTakeFirst()).toEqual({ n: 20 });
  });
});
