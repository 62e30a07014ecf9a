// Hostile roster files against the real CLI process: a ZIP bomb, files too large to read, a cell of
// a million characters. The child's peak memory is what the kernel counted for it (ru_maxrss).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/project.ts';
import { setUpDataDir } from '../../support/core.ts';
import { odsBomb, xlsxBomb } from '../../support/hostile-files.ts';
import { tempDir } from '../../support/tmp.ts';
import { SIGNED_IN, WIDE_HEADER } from '../../unit/roster/helpers.ts';

const CLI = path.join(ROOT, 'src-main', 'core', 'cli', 'main.ts');
const PEAK = path.join(ROOT, 'tests', 'support', 'peak-rss.mjs');
const MiB = 1024 * 1024;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  peakMiB: number;
}

/** `kurator import FILE --dry-run` with its peak memory; killed past the test's patience. */
function importPeak(dataDir: string, file: string, extra: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PEAK, CLI, 'import', file, '--dry-run', '--data-dir', dataDir, ...extra], {
      cwd: ROOT,
      env: { ...process.env, ...SIGNED_IN, KURATOR_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const peak = /peak-rss-kib=(\d+)/.exec(stderr);
      resolve({ code, stdout, stderr, peakMiB: peak ? Number(peak[1]) / 1024 : Number.POSITIVE_INFINITY });
    });
  });
}

describe('hostile files given to kurator import', () => {
  const tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');
  beforeAll(async () => {
    await setUpDataDir(dataDir);
  });
  afterAll(() => tmp.remove());

  it('a 2 MB .xlsx that inflates to 2 GB is refused with the usual message, the process staying under 600 MB', async () => {
    const file = path.join(tmp.dir, 'бомба.xlsx');
    fs.writeFileSync(file, xlsxBomb(2048));
    expect(fs.statSync(file).size).toBeLessThan(3 * MiB);
    const r = await importPeak(dataDir, file);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('Таблица «бомба.xlsx» слишком велика в распакованном виде (больше 256 МБ)');
    expect(r.peakMiB).toBeLessThan(600);
  });

  it('the same bomb as an .ods', async () => {
    const file = path.join(tmp.dir, 'бомба.ods');
    fs.writeFileSync(file, odsBomb(2048));
    const r = await importPeak(dataDir, file);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('слишком велика в распакованном виде');
    expect(r.peakMiB).toBeLessThan(600);
  });

  it.each([
    ['1.9 GB', 1_900_000_000, '1 812 МБ'],
    ['over 2 GiB', 2 * 1024 * MiB + 1, '2 048,1 МБ'],
  ])('a sparse file of %s is refused by its size before it is read', async (_, size, shown) => {
    const file = path.join(tmp.dir, `огромный-${size}.csv`);
    fs.writeFileSync(file, `${WIDE_HEADER}\n`);
    fs.truncateSync(file, size); // sparse: no disk is spent
    const r = await importPeak(dataDir, file);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.replaceAll('\u00a0', ' ')).toContain(`Файл слишком большой: ${shown}`);
    expect(r.stderr).not.toContain('ERR_FS_FILE_TOO_LARGE');
    expect(r.peakMiB).toBeLessThan(300);
  });

  it('a cell of a million characters is a row error, not a stack trace', async () => {
    const file = path.join(tmp.dir, 'длинная.csv');
    fs.writeFileSync(file, `${WIDE_HEADER}\n5А;${'Иванов'.repeat(170_000)};Иван;Иванович;01.02.2015\n5А;Петров;Пётр;Петрович;01.03.2015\n`);
    const r = await importPeak(dataDir, file, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { errors: { line: number; field: string }[]; students: { added: number } };
    expect(json.errors).toMatchObject([{ line: 2, field: 'Фамилия' }]);
    expect(json.students.added).toBe(1);
  });
});
