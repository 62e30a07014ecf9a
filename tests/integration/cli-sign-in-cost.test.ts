// A data folder set up in-process keeps its cheap test hash through CLI sign-ins: the CLI inherits
// KURATOR_TEST_RUN from the test run. Without it every CLI call after the first would pay the
// production argon2id cost (tests/unit/password-cost.test.ts covers the rule itself).
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kurator, kuratorAsync } from '../support/cli.ts';
import { CURATOR, setUpDataDir } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

describe('CLI sign-in in a test run', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('keeps the cheap hash of a data folder set up in-process', async () => {
    await setUpDataDir(tmp.dir);
    const r = kurator(['stats', '--data-dir', tmp.dir], { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password });
    expect(r.code, r.stderr).toBe(0);
    const db = new Database(path.join(tmp.dir, 'kurator.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT password_hash FROM operators').pluck().get()).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    } finally {
      db.close();
    }
  });

  it('overlapping commands of the same operator all sign in (failures are counted, not attempts in flight)', async () => {
    const env = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };
    const runs = await Promise.all(Array.from({ length: 4 }, () => kuratorAsync(['stats', '--json', '--data-dir', tmp.dir], env)));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
  });
});
