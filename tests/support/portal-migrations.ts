// A database of each engine at a chosen portal schema version, for migration tests with seeded data.
import path from 'node:path';
import { openDb, type OpenedDb } from '../../src-portal/db/connect.ts';
import { migrate } from '../../src-portal/db/migrate.ts';
import { MIGRATIONS } from '../../src-portal/db/migrations/index.ts';
import { FakeClock } from './core.ts';
import { freshPgDatabase, pgliteCopy, type Engine } from './portal.ts';
import { tempDir } from './tmp.ts';

export interface VersionedDb {
  opened: OpenedDb;
  /** Migrates on to `version` (inclusive). */
  migrateTo(version: number): Promise<void>;
  close(): Promise<void>;
}

/** The migrations up to a schema version (inclusive). */
const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

/** An empty database of the engine, migrated up to `version` (inclusive). */
export async function portalDbAt(engine: Engine, version: number): Promise<VersionedDb> {
  const clock = new FakeClock();
  let opened: OpenedDb;
  let cleanup: () => Promise<void> | void;
  if (engine === 'pglite') {
    const tmp = tempDir('kurator-pgl-mig-');
    // A copy of an empty database made once: a fresh one (initdb) takes seconds.
    opened = await openDb({ kind: 'pglite', dir: await pgliteCopy(path.join(tmp.dir, 'pgdata'), 'empty') });
    cleanup = () => tmp.remove();
  } else {
    const fresh = await freshPgDatabase();
    opened = await openDb({ kind: 'postgres', url: fresh.url });
    cleanup = fresh.drop;
  }
  await migrate(opened.db, clock, upTo(version));
  return {
    opened,
    migrateTo: async (v) => void (await migrate(opened.db, clock, upTo(v))),
    close: async () => {
      await opened.close();
      await cleanup();
    },
  };
}
