import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/result.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { backupDatabase, backupFileName } from './backup.ts';
import { systemClock, type Clock } from '../clock.ts';
import { fold } from '../../../src-shared/text.ts';

export type Db = Database.Database;

/** `PRAGMA application_id` of a Kurator database: "KURA". */
export const APPLICATION_ID = 0x4b555241;

export class DatabaseTooNewError extends AppError {
  readonly found: number;
  readonly known: number;
  constructor(found: number, known: number) {
    super('db.too_new', { found, known });
    this.name = 'DatabaseTooNewError';
    this.found = found;
    this.known = known;
  }
}

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** Where the automatic pre-migration backup goes; none is made when unset. */
  backupDir?: string;
  /** Adds to that backup before it is checked (its manifest). */
  finishBackup?: (copy: Db) => void;
  clock?: Clock;
  readonly?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function assertKuratorFile(file: string, known: number): void {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (!head.equals(SQLITE_HEADER)) throw new AppError('db.not_kurator');
  } finally {
    fs.closeSync(fd);
  }
  // Read-only probe: a file we refuse is never modified, not even its journal mode.
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = probe.pragma('user_version', { simple: true }) as number;
    const appId = probe.pragma('application_id', { simple: true }) as number;
    if (appId === 0) {
      const objects = probe.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
      if (version !== 0 || objects.n > 0) throw new AppError('db.not_kurator');
    } else if (appId !== APPLICATION_ID) {
      throw new AppError('db.not_kurator');
    }
    if (version > known) throw new DatabaseTooNewError(version, known);
  } finally {
    probe.close();
  }
}

/** SQL functions the queries rely on; registered on every connection. */
export function registerFunctions(db: Db): void {
  db.function('kurator_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? fold(s) : null));
}

export function applyPragmas(db: Db): void {
  registerFunctions(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  // 64 MB of page cache: a district-size import touches every index page many times.
  db.pragma('cache_size = -65536');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies pending migrations, each in its own IMMEDIATE transaction together with the version bump,
 * so a crash leaves the database at a whole version.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const from = schemaVersion(db);
  if (from > migrations.length) throw new DatabaseTooNewError(from, migrations.length);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration #${i + 1} declares version ${m.version}`);
  });
  for (const m of migrations.slice(from)) {
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`Migration ${m.version} (${m.name}) broke ${broken.length} foreign keys`);
        }
        if ((db.pragma('application_id', { simple: true }) as number) === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db) - from;
}

/**
 * Opens (or creates) the database file: refuses files that are not ours or come from a newer
 * version without touching them, sets the PRAGMAs, backs up before migrating existing data, migrates.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? MIGRATIONS;
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (exists) assertKuratorFile(file, migrations.length);
  if (options.readonly) {
    if (!exists) throw new AppError('db.missing', { file });
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    registerFunctions(db);
    return db;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    applyPragmas(db);
    const version = schemaVersion(db);
    if (version < migrations.length) {
      if (version > 0 && options.backupDir) {
        const name = backupFileName((options.clock ?? systemClock).now(), `before-v${migrations.length}`);
        await backupDatabase(db, path.join(options.backupDir, name), options.finishBackup);
      }
      migrate(db, migrations);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection and reused (preparing costs more than running). */
export function sql(db: Db, text: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let st = cache.get(text);
  if (!st) cache.set(text, (st = db.prepare(text)));
  return st;
}

/**
 * Runs `fn` in an IMMEDIATE transaction, so two processes (the app and the CLI) never interleave
 * a read-then-write; nested calls become savepoints.
 */
export function tx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
