import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDb, type OpenedDb } from '../../../src-portal/db/connect.ts';
import { migrate, PortalDbTooNewError, schemaVersion } from '../../../src-portal/db/migrate.ts';
import { MIGRATIONS } from '../../../src-portal/db/migrations/index.ts';
import { splitStatements } from '../../../src-portal/db/ddl.ts';
import { FakeClock } from '../../support/core.ts';
import { ENGINES, freshPgDatabase, pgliteCopy, type Engine } from '../../support/portal.ts';
import { tempDir } from '../../support/tmp.ts';

const MANIFEST = path.join(import.meta.dirname, 'migrations.manifest.json');

/** An empty database on the engine; `close` removes it. */
async function emptyDb(engine: Engine): Promise<{ opened: OpenedDb; url: string | null; close(): Promise<void> }> {
  if (engine === 'pglite') {
    const tmp = tempDir('kurator-pgl-');
    // A copy of an empty database made once: a fresh one (initdb) takes seconds.
    const opened = await openDb({ kind: 'pglite', dir: await pgliteCopy(path.join(tmp.dir, 'pgdata'), 'empty') });
    return { opened, url: null, close: async () => (await opened.close(), tmp.remove()) };
  }
  const fresh = await freshPgDatabase();
  const opened = await openDb({ kind: 'postgres', url: fresh.url });
  return { opened, url: fresh.url, close: async () => (await opened.close(), await fresh.drop()) };
}

describe.each(ENGINES)('portal migrations on %s', (engine) => {
  let db: Awaited<ReturnType<typeof emptyDb>> | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('migrates an empty database to the latest version, once', async () => {
    db = await emptyDb(engine);
    expect(await migrate(db.opened.db, new FakeClock())).toBe(MIGRATIONS.length);
    expect(await schemaVersion(db.opened.db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(await migrate(db.opened.db, new FakeClock())).toBe(0);
    const tables = await sql<{ n: string }>`SELECT table_name AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(
      db.opened.db,
    );
    expect(tables.rows.map((r) => r.n)).toEqual(
      expect.arrayContaining(['schools', 'admin_log', 'rate_limits', 'throttles', 'mail_outbox', 'portal_migrations']),
    );
  });

  it('refuses a database made by a newer portal, untouched', async () => {
    db = await emptyDb(engine);
    await migrate(db.opened.db, new FakeClock());
    // An older portal (one that knows fewer migrations) meets this database.
    await expect(migrate(db.opened.db, new FakeClock(), MIGRATIONS.slice(0, MIGRATIONS.length - 1))).rejects.toThrow(PortalDbTooNewError);
    expect(await schemaVersion(db.opened.db)).toBe(MIGRATIONS.at(-1)!.version);
  });
});

describe('several processes starting at once', () => {
  it('migrate a PostgreSQL database once, under the advisory lock', async () => {
    const fresh = await freshPgDatabase();
    const handles = await Promise.all([1, 2, 3, 4].map(() => openDb({ kind: 'postgres', url: fresh.url }, { poolSize: 2 })));
    try {
      const applied = await Promise.all(handles.map((h) => migrate(h.db, new FakeClock())));
      expect(applied.sort()).toEqual([0, 0, 0, MIGRATIONS.length]);
      const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM portal_migrations`.execute(handles[0]!.db);
      expect(rows.rows[0]!.n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await fresh.drop();
    }
  });
});

const DIR = path.join(import.meta.dirname, '..', '..', '..', 'src-portal', 'db', 'migrations');
const files = () =>
  fs
    .readdirSync(DIR)
    .filter((f) => /^\d{4}-.+\.ts$/.test(f))
    .sort();
const fileHash = (f: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(DIR, f), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('migration files', () => {
  // A gap is allowed while parallel branches each add their own number (DEVELOPERS.md: coordination).
  it('are numbered 0001, 0002 … in order and all registered with their file’s number', () => {
    const numbers = files().map((f) => Number(f.slice(0, 4)));
    numbers.forEach((n, i) => expect(n).toBeGreaterThan(numbers[i - 1] ?? 0));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(numbers);
  });

  it('are append-only: released migrations keep their checksums (add new ones to the manifest)', () => {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    const current = Object.fromEntries(files().map((f) => [f, fileHash(f)]));
    for (const [file, sum] of Object.entries(manifest))
      expect(current[file], `${file} was edited or removed: add a new migration instead`).toBe(sum);
    const missing = Object.keys(current).filter((k) => !(k in manifest));
    expect(missing, `add to ${MANIFEST}: ${missing.map((k) => `"${k}": "${current[k]}"`).join(', ')}`).toEqual([]);
  });

  it('split into statements without cutting a function body', () => {
    expect(
      splitStatements('CREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN;\nSELECT 1;\n$$ LANGUAGE sql;\nSELECT 2'),
    ).toEqual(['CREATE TABLE a (x int)', 'CREATE FUNCTION f() RETURNS int AS $$\nBEGIN;\nSELECT 1;\n$$ LANGUAGE sql', 'SELECT 2']);
  });
});
