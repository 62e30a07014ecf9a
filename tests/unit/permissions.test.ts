// The data folder and every file the app writes are readable by the office's own user only.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src-main/core/core.ts';
import { backupDatabase } from '../../src-main/core/db/backup.ts';
import { Worker } from 'node:worker_threads';
import { securePrivateTree, writePrivateFile } from '../../src-main/core/security/files.ts';
import { FakeClock, TEST_COST, makeCore } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

const modeOf = (p: string): number => fs.statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('file permissions', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('a new data folder is 0700; the database, its WAL and SHM, and backups 0600', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const dir = path.join(tmp.dir, 'Kurator');
    const t = await makeCore({ dir });
    cleanups.push(() => t.core.close());
    const backup = await backupDatabase(t.core.db, path.join(t.core.backupsDir, 'copy.sqlite'));
    expect(modeOf(dir)).toBe(0o700);
    for (const f of ['kurator.sqlite', 'kurator.sqlite-wal', 'kurator.sqlite-shm']) expect(modeOf(path.join(dir, f)), f).toBe(0o600);
    expect(modeOf(t.core.backupsDir)).toBe(0o700);
    expect(modeOf(backup.path)).toBe(0o600);
  });

  it('an existing folder others can read is closed on start, and the journal says so', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const dir = path.join(tmp.dir, 'Kurator');
    const t = await makeCore({ dir });
    await backupDatabase(t.core.db, path.join(t.core.backupsDir, 'copy.sqlite'));
    t.core.close();
    // As an older version left it: everything world-readable, an export lying beside the data.
    fs.writeFileSync(path.join(dir, 'export.csv'), 'Фамилия;Телефон\n', { mode: 0o644 });
    for (const p of [dir, t.core.backupsDir]) fs.chmodSync(p, 0o755);
    for (const f of ['kurator.sqlite', 'export.csv', 'backups/copy.sqlite']) fs.chmodSync(path.join(dir, f), 0o644);

    const core = await openCore({ dataDir: dir, mode: 'browser', clock: new FakeClock(), passwordCost: TEST_COST });
    cleanups.push(() => core.close());
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(t.core.backupsDir)).toBe(0o700);
    for (const f of ['kurator.sqlite', 'export.csv', 'backups/copy.sqlite']) expect(modeOf(path.join(dir, f)), f).toBe(0o600);
    const note = core.audit.page({}, 100, 0).rows.find((r) => r.action === 'security.permissions_tightened');
    expect(note?.details).toMatchObject({ tightened: 5 });

    // Nothing left to tighten: no second note.
    core.close();
    const again = await openCore({ dataDir: dir, mode: 'browser', clock: new FakeClock(), passwordCost: TEST_COST });
    cleanups.push(() => again.close());
    expect(again.audit.page({}, 100, 0).rows.filter((r) => r.action === 'security.permissions_tightened')).toHaveLength(1);
  });

  it('an export written over an existing readable file leaves it 0600', () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const file = path.join(tmp.dir, 'journal.csv');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    writePrivateFile(file, 'new');
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });

  it('files that vanish while the folder is checked are skipped (another process closing SQLite drops its WAL and SHM)', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    // A second thread creates and removes readable files as fast as it can, as a second Kurator
    // process does with kurator.sqlite-shm and -wal when it closes: a file listed by readdir can be
    // gone before it is looked at. Found when four CLI commands started at once and one crashed.
    const churn = new Worker(
      `const fs = require('node:fs'); const { workerData: dir } = require('node:worker_threads');
       for (let i = 0; ; i++) { const f = dir + '/f' + (i % 50); try { fs.writeFileSync(f, '', { mode: 0o644 }); fs.chmodSync(f, 0o644); fs.unlinkSync(f); } catch {} }`,
      { eval: true, workerData: tmp.dir },
    );
    try {
      const until = performance.now() + 2_000;
      let rounds = 0;
      while (performance.now() < until) {
        securePrivateTree(tmp.dir);
        rounds++;
      }
      expect(rounds).toBeGreaterThan(10);
    } finally {
      await churn.terminate();
    }
  });
});
