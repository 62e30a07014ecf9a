// The portal in tests, on both engines: PGlite (a migrated data folder made once per schema and copied
// per test — a fresh one takes seconds) and a real PostgreSQL server (a fresh database per portal).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPortal, type Portal } from '../../src-portal/portal.ts';
import { openDb } from '../../src-portal/db/connect.ts';
import { migrate } from '../../src-portal/db/migrate.ts';
import { FakeClock, TEST_COST } from './core.ts';
import { tempDir } from './tmp.ts';
import { processRuns } from '../../src-node/process-start.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

/** The PostgreSQL server the tests use (CI starts one; `.ci/run` shows how). */
export const PG_URL = process.env.KURATOR_TEST_PG_URL || 'postgres://kurator:kurator@127.0.0.1:5432/postgres';

/** A new, empty database on the test server; `drop` removes it. Fails loudly when there is no server. */
export async function freshPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kurator_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `The portal's PostgreSQL tests need a server at ${PG_URL} (set KURATOR_TEST_PG_URL; .ci/run starts Debian's postgresql-15): ${(e as Error).message}`,
      { cause: e },
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        // FORCE can meet a backend it may not end (an autovacuum worker just started on the new
        // database, seen on a loaded machine): that one is gone a moment later.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (e) {
            if ((e as { code?: string }).code !== '42501' || attempt === 10) throw e;
            await new Promise((r) => setTimeout(r, 300));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', '..', 'src-portal', 'db', 'migrations');

/** Changes whenever a migration file does: the template is rebuilt for a new schema. */
const schemaTag = () => {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort()) h.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 12);
};

/** Changes with the engine: an empty data folder is the engine's own (its initdb), with no schema of ours. */
const engineTag = () => {
  const manifest = path.join(import.meta.dirname, '..', '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return `empty-${(JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version}`;
};

/** What a template holds: the portal's whole schema, or nothing yet (for migration tests, which migrate it themselves). */
export type TemplateSchema = 'migrated' | 'empty';

/**
 * A PGlite data folder, migrated (built once per schema) or empty (once per engine version), kept in
 * the OS temp folder between runs and shared by every test worker, and by every run on this machine:
 * whoever comes first builds it, the others wait. The lock is a folder naming its builder's process; a builder that was killed (a run
 * stopped mid-build) leaves it behind, and the next run takes it over instead of waiting for it forever.
 */
export async function pgliteTemplate(schema: TemplateSchema = 'migrated'): Promise<string> {
  const dir = path.join(os.tmpdir(), `kurator-pglite-template-${schema === 'migrated' ? schemaTag() : engineTag()}`);
  const built = () => fs.existsSync(path.join(dir, 'PG_VERSION'));
  const building = `${dir}.building`;
  const deadline = Date.now() + 120_000;
  while (!built()) {
    if (takeLock(building)) {
      try {
        // Built by another worker between the look above and the lock.
        if (!built()) await buildTemplate(dir, schema);
      } finally {
        fs.rmSync(building, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`PGlite template ${dir} was not built in time (remove ${building} if stale)`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return dir;
}

async function buildTemplate(dir: string, schema: TemplateSchema): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const opened = await openDb({ kind: 'pglite', dir: tmp });
  if (schema === 'migrated') await migrate(opened.db, new FakeClock());
  await opened.close();
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    // Two builders (one took over a lock it judged stale just as it was freed): the first one's stands.
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) throw e;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** True when this process now holds the lock; a lock whose builder is gone is removed (taken on the next try). */
function takeLock(building: string): boolean {
  const owner = path.join(building, 'pid');
  try {
    fs.mkdirSync(building);
    fs.writeFileSync(owner, String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  let pid = 0;
  let since = Date.now();
  try {
    pid = Number(fs.readFileSync(owner, 'utf8'));
  } catch {
    // Not written yet (the builder is between its mkdir and its write), or the lock just went away.
    since = fs.statSync(building, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
  }
  // Without a pid: made by a builder that names none (an older checkout of this file) or that is about
  // to; stale once older than any build takes.
  const stale = pid > 0 ? !processRuns(pid) : Date.now() - since > 90_000;
  if (stale) fs.rmSync(building, { recursive: true, force: true });
  return false;
}

/** A copy of the template, ready to open: migrated, or an empty database for a migration test. */
export async function pgliteCopy(into: string, schema: TemplateSchema = 'migrated'): Promise<string> {
  const template = await pgliteTemplate(schema);
  fs.cpSync(template, into, { recursive: true });
  return into;
}

export interface TestPortal {
  portal: Portal;
  clock: FakeClock;
  dataDir: string;
  engine: Engine;
  /** DATABASE_URL of the PostgreSQL engine (for a second process on the same database). */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** A portal in this process on the given engine, with a fake clock and cheap password hashing. */
export async function makePortal(
  engine: Engine,
  options: { env?: NodeJS.ProcessEnv; portal?: Pick<Parameters<typeof openPortal>[0], 'captcha' | 'recoveryPolicy'> } = {},
): Promise<TestPortal> {
  const tmp = tempDir('kurator-portal-');
  const clock = new FakeClock();
  let drop: (() => Promise<void>) | null = null;
  let databaseUrl: string | null = null;
  let target: Parameters<typeof openPortal>[0]['target'];
  if (engine === 'pglite') {
    target = { kind: 'pglite', dir: await pgliteCopy(path.join(tmp.dir, 'pgdata')) };
  } else {
    const fresh = await freshPgDatabase();
    drop = fresh.drop;
    databaseUrl = fresh.url;
    target = { kind: 'postgres', url: fresh.url };
  }
  const portal = await openPortal({ dataDir: tmp.dir, clock, passwordCost: TEST_COST, target, env: { ...options.env }, ...options.portal });
  return {
    portal,
    clock,
    dataDir: tmp.dir,
    engine,
    databaseUrl,
    close: async () => {
      await portal.close();
      await drop?.();
      tmp.remove();
    },
  };
}
