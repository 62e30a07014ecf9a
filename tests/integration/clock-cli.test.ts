// KURATOR_TEST_CLOCK_SHIFT really drives the CLI (clockFromEnvironment is unit-tested in
// tests/unit/clock.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockFromEnvironment } from '../../src-main/core/clock.ts';
import { kurator } from '../support/cli.ts';
import { setUpDataDir } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

describe('clockFromEnvironment', () => {
  it('drives the CLI: codes issued on a pinned date are valid until the next 31 August', async () => {
    const tmp = tempDir();
    try {
      const shift = Date.parse('2031-10-01T08:00:00.000Z') - Date.now();
      const env = { KURATOR_TEST_CLOCK_SHIFT: String(shift), KURATOR_OPERATOR: 'curator', KURATOR_PASSWORD: 'Kurator-2031-pass' };
      const dir = ['--data-dir', tmp.dir];
      await setUpDataDir(tmp.dir, {
        school: { schoolName: 'Школа' },
        operator: { login: 'curator', password: 'Kurator-2031-pass' },
        clock: clockFromEnvironment(env),
      });
      const csv = path.join(tmp.dir, 'list.csv');
      fs.writeFileSync(csv, 'Класс;Фамилия;Имя;Дата рождения\n6А;Иванов;Пётр;05.03.2020\n');
      expect(kurator(['import', csv, ...dir], env).code).toBe(0);
      const issued = kurator(['codes', 'issue', '--class', '6А', ...dir], env);
      expect(issued.stdout).toContain('Коды действуют до 31.08.2032');
    } finally {
      tmp.remove();
    }
  });
});
