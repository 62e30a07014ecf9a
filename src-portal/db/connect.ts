// The portal's database: PostgreSQL through kysely — embedded (PGlite, files in the data folder) by
// default, or a PostgreSQL server when DATABASE_URL is set. One SQL dialect serves both.
import fs from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PortalDatabase } from './schema.ts';
import { PreparingClient } from './pg-prepared.ts';
import { pgliteDir } from '../paths.ts';

export type Db = Kysely<PortalDatabase>;

/** PostgreSQL's `date` type: kept as the `YYYY-MM-DD` text it is (a JS Date would shift it by the time zone). */
const DATE_OID = 1082;

export type DbTarget = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

export interface OpenedDb {
  db: Db;
  target: DbTarget;
  /** Closes the pool or the embedded engine. */
  close(): Promise<void>;
  /** The embedded engine's whole data folder as a gzipped tarball (PGlite only: a server has pg_dump). */
  dump?(): Promise<Buffer>;
}

export function targetFrom(env: NodeJS.ProcessEnv, dataDir: string): DbTarget {
  const url = env.DATABASE_URL?.trim();
  return url ? { kind: 'postgres', url } : { kind: 'pglite', dir: pgliteDir(dataDir) };
}

export async function openDb(target: DbTarget, options: { poolSize?: number } = {}): Promise<OpenedDb> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      Client: PreparingClient,
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format),
      },
    });
    // An idle connection the server dropped must not take the process down.
    pool.on('error', () => undefined);
    const db = new Kysely<PortalDatabase>({ dialect: new PostgresDialect({ pool }) });
    return { db, target, close: () => db.destroy() };
  }
  fs.mkdirSync(target.dir, { recursive: true, mode: 0o700 });
  // Loaded only when used: the WebAssembly engine is large and a PostgreSQL deployment never needs it.
  const [{ PGlite }, { withPreparedStatements }] = await Promise.all([import('@electric-sql/pglite'), import('./pglite-prepared.ts')]);
  const engine = await PGlite.create(target.dir, { parsers: { [DATE_OID]: (v: string) => v } });
  const { pglite } = withPreparedStatements(engine);
  const db = new Kysely<PortalDatabase>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    target,
    close: () => db.destroy(),
    dump: async () => Buffer.from(await (await engine.dumpDataDir('gzip')).arrayBuffer()),
  };
}

/** Creates an embedded database folder from a backup made by `dump` (the folder must not exist yet). */
export async function restorePglite(dir: string, tarball: Buffer): Promise<void> {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { PGlite } = await import('@electric-sql/pglite');
  const engine = await PGlite.create(dir, { loadDataDir: new Blob([new Uint8Array(tarball)]) });
  await engine.close();
}
