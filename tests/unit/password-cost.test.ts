// The cheap test hash cost is a test-run affair only: outside a test run openCore refuses it, and a
// cheap hash is upgraded to the OWASP parameters at the next sign-in. Inside one (KURATOR_TEST_RUN,
// set by vitest.config.ts), a cheap hash the tests made is kept, so CLI sign-ins stay cheap.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../src-main/core/core.ts';
import { hashPassword, isTestRun, needsRehash, OWASP_SCRYPT, TEST_RUN_VARIABLE } from '../../src-main/core/services/passwords.ts';
import { CURATOR, TEST_COST, setUpDataDir } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

const storedHash = (core: { db: { prepare(q: string): { pluck(): { get(): unknown } } } }) =>
  core.db.prepare("SELECT password_hash FROM operators WHERE login = 'curator'").pluck().get() as string;

describe('the test hash cost', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is a test run only when the variable is exactly 1', () => {
    expect(process.env[TEST_RUN_VARIABLE]).toBe('1'); // vitest.config.ts
    expect(isTestRun({ [TEST_RUN_VARIABLE]: '1' })).toBe(true);
    for (const other of [undefined, '', '0', 'true', 'yes']) expect(isTestRun({ [TEST_RUN_VARIABLE]: other })).toBe(false);
  });

  it('keeps a cheap hash in a test run only, and never a differing strong one', async () => {
    const cheap = await hashPassword('x', TEST_COST);
    expect(needsRehash(cheap, OWASP_SCRYPT)).toBe(true);
    expect(needsRehash(cheap, OWASP_SCRYPT, { testRun: false })).toBe(true);
    expect(needsRehash(cheap, OWASP_SCRYPT, { testRun: true })).toBe(false);
    const older = 'scrypt$17$8$2$c2FsdA==$a2V5';
    expect(needsRehash(older, OWASP_SCRYPT, { testRun: true })).toBe(true);
  });

  it('openCore refuses a cost below OWASP outside a test run', async () => {
    const tmp = tempDir();
    try {
      vi.stubEnv(TEST_RUN_VARIABLE, '');
      await expect(openCore({ dataDir: tmp.dir, mode: 'cli', passwordCost: TEST_COST })).rejects.toThrow(TEST_RUN_VARIABLE);
      const strong = await openCore({ dataDir: tmp.dir, mode: 'cli', passwordCost: OWASP_SCRYPT });
      strong.close();
    } finally {
      tmp.remove();
    }
  });

  it('a sign-in upgrades a cheap hash outside a test run, and keeps it in one', async () => {
    const tmp = tempDir();
    try {
      await setUpDataDir(tmp.dir);
      const signIn = async () => {
        const core = await openCore({ dataDir: tmp.dir, mode: 'cli' }); // production cost, like the CLI
        try {
          await core.auth.authenticate(CURATOR.login, CURATOR.password, 'cli');
          return storedHash(core);
        } finally {
          core.close();
        }
      };
      expect(await signIn()).toMatch(/^scrypt\$10\$8\$1\$/);
      vi.stubEnv(TEST_RUN_VARIABLE, '');
      expect(await signIn()).toMatch(/^scrypt\$17\$8\$1\$/);
    } finally {
      tmp.remove();
    }
  });
});
