import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, DatabaseTooNewError, migrate, openDatabase, schemaVersion, type Db } from '../../../src-main/core/db/database.ts';
import { MIGRATIONS, type Migration } from '../../../src-main/core/db/migrations/index.ts';
import { tempDir } from '../../support/tmp.ts';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  const tmp = tempDir();
  const dbs: Db[] = [];
  afterEach(() => {
    while (dbs.length) dbs.pop()!.close();
  });
  const file = (name: string) => path.join(tmp.dir, name);

  it('creates a migrated database with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const db = await openDatabase(file('new.sqlite'));
    dbs.push(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('refuses a database from a newer version with a clear message and leaves the file untouched', async () => {
    const f = file('newer.sqlite');
    const raw = new Database(f);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.exec('CREATE TABLE future_things (x)');
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    const before = sha(f);
    const error = await openDatabase(f).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect(error).toMatchObject({ reason: 'db.too_new', params: { found: MIGRATIONS.length + 1, known: MIGRATIONS.length } });
    expect(sha(f)).toBe(before);
    expect(fs.existsSync(`${f}-wal`)).toBe(false);
  });

  it('refuses files that are not a Kurator database', async () => {
    const text = file('notes.sqlite');
    fs.writeFileSync(text, 'это не база данных');
    await expect(openDatabase(text)).rejects.toMatchObject({ reason: 'db.not_kurator' });
    const other = file('other-app.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = sha(other);
    await expect(openDatabase(other)).rejects.toMatchObject({ reason: 'db.not_kurator' });
    expect(sha(other)).toBe(before);
  });

  it('backs up an existing database before migrating it', async () => {
    const f = file('old.sqlite');
    const old = await openDatabase(f, { migrations: MIGRATIONS });
    old.prepare("INSERT INTO settings (key, value) VALUES ('schoolName', '\"Школа\"')").run();
    old.close();
    const extra: Migration = { version: MIGRATIONS.length + 1, name: 'test-extra', up: (db) => db.exec('CREATE TABLE extra (x)') };
    const backups = path.join(tmp.dir, 'backups');
    const db = await openDatabase(f, { migrations: [...MIGRATIONS, extra], backupDir: backups });
    dbs.push(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
    const made = fs.readdirSync(backups);
    expect(made).toHaveLength(1);
    const copy = new Database(path.join(backups, made[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'schoolName'").get()).toEqual({ value: '"Школа"' });
    copy.close();
  });

  it('rolls a failing migration back completely, leaving the previous version', async () => {
    const f = file('failing.sqlite');
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    await expect(openDatabase(f, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow('boom');
    const db = await openDatabase(f);
    dbs.push(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });

  it('migrate() refuses to go backwards', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrow(DatabaseTooNewError);
    db.close();
  });
});
