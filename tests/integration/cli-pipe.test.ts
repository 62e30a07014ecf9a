// The CLI's output piped into a reader that stops early (`| head -1`): the command ends quietly,
// without a stack trace of the closed pipe, as Unix tools do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/project.ts';
import { setUpDataDir } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';
import { SIGNED_IN } from '../unit/roster/helpers.ts';

const CLI = path.join(ROOT, 'src-main', 'core', 'cli', 'main.ts');
const ROSTER = path.join(ROOT, 'tests', 'fixtures', 'roster', 'roster-wide-cp1251.csv');
const actor = { operatorId: 1, login: 'curator', via: 'cli' as const };

describe('the CLI into a pipe closed early', () => {
  const tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');

  beforeAll(() =>
    setUpDataDir(dataDir, {
      prepare: async (core) => {
        await core.roster.importFile(actor, fs.readFileSync(ROSTER), 'roster.csv');
        core.codes.issue(actor, { all: true }, { audience: 'all', onlyMissing: true });
      },
    }),
  );
  afterAll(() => tmp.remove());

  it('`codes list | head -1` prints one line and no error', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" codes list | head -1; echo "cli=\${PIPESTATUS[0]}" >&2`], {
      cwd: ROOT,
      env: { ...process.env, ...SIGNED_IN, KURATOR_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stderr).toContain('cli=0');
  });
});
