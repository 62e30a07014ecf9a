// What a command's start loads (src-main/core/cli/cli.ts: the command table): `stats` must not pay
// for printing, mail, the import's readers or the password list, which other commands and the
// full help load. A heavy import made eager again anywhere under the CLI's path fails here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/project.ts';
import { setUpDataDir } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';
import { SIGNED_IN } from '../unit/roster/helpers.ts';

const CLI = path.join(ROOT, 'src-main', 'core', 'cli', 'main.ts');
const RECORDER = path.join(ROOT, 'tests', 'support', 'loaded-modules.mjs');

/** Modules only some commands need, as they appear in a loaded module's URL. */
const HEAVY = [
  '/node_modules/nodemailer/',
  '/node_modules/qrcode/',
  '/node_modules/playwright-core/',
  '/node_modules/papaparse/',
  '/node_modules/iconv-lite/',
  '/node_modules/@zxcvbn-ts/',
  '/src-main/core/print/',
  '/src-main/core/rpc/',
  '/src-main/core/roster/import/index.ts',
  '/src-main/core/cli/codes-commands.ts',
];

describe('what a CLI command loads', () => {
  const tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');

  beforeAll(() => setUpDataDir(dataDir));
  afterAll(() => tmp.remove());

  /** Runs the CLI with the recorder preloaded; the URLs it loaded. */
  function loadedBy(args: string[]): string[] {
    const list = path.join(tmp.dir, `loaded-${args.join('-')}.txt`);
    const r = spawnSync(process.execPath, ['--import', RECORDER, CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...SIGNED_IN, KURATOR_DATA_DIR: dataDir, KURATOR_LOADED_MODULES: list },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    return fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
  }

  const heavyIn = (urls: string[]) => HEAVY.filter((h) => urls.some((u) => u.includes(h)));

  it('`stats` loads none of the heavy modules', () => {
    const urls = loadedBy(['stats']);
    expect(urls.some((u) => u.endsWith('/src-main/core/cli/roster-commands.ts'))).toBe(true);
    expect(heavyIn(urls)).toEqual([]);
  });

  it('the full help loads every command module (the recorder sees them)', () => {
    const urls = loadedBy(['--help']);
    expect(heavyIn(urls)).toEqual(expect.arrayContaining(['/src-main/core/print/', '/src-main/core/cli/codes-commands.ts']));
  });
});
