// The cheap test hash cost is a test-run affair only: outside a test run openCore refuses it, and a
// cheap hash is upgraded to the OWASP parameters at the next sign-in. Inside one (KURATOR_TEST_RUN,
// set by vitest.config.ts), a cheap hash the tests made is kept, so CLI sign-ins stay cheap.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../src-main/core/core.ts';
import { hashPassword, isTestRun, needsRehash, OWASP_ARGON2, TEST_RUN_VARIABLE } from '../../src-node/passwords.ts';
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
    expect(needsRehash(cheap, OWASP_ARGON2)).toBe(true);
    expect(needsRehash(cheap, OWASP_ARGON2, { testRun: false })).toBe(true);
    expect(needsRehash(cheap, OWASP_ARGON2, { testRun: true })).toBe(false);
    const legacy = 'scrypt$17$8$1$c2FsdA==$a2V5';
    expect(needsRehash(legacy, OWASP_ARGON2, { testRun: true })).toBe(true);
    const stronger = await hashPassword('x', { ...OWASP_ARGON2, passes: 3 });
    expect(needsRehash(stronger, OWASP_ARGON2, { testRun: true })).toBe(true);
  });

  it('openCore refuses a cost below OWASP outside a test run', async () => {
    const tmp = tempDir();
    try {
      vi.stubEnv(TEST_RUN_VARIABLE, '');
      await expect(openCore({ dataDir: tmp.dir, mode: 'cli', passwordCost: TEST_COST })).rejects.toThrow(TEST_RUN_VARIABLE);
      const strong = await openCore({ dataDir: tmp.dir, mode: 'cli', passwordCost: OWASP_ARGON2 });
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
      expect(await signIn()).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
      vi.stubEnv(TEST_RUN_VARIABLE, '');
      expect(await signIn()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    } finally {
      tmp.remove();
    }
  });
});
