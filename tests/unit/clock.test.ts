// The clock tests move through KURATOR_TEST_CLOCK_SHIFT: off by default, the system clock moved
// when set, refused when garbled; and the CLI really runs on it.
import { describe, expect, it } from 'vitest';
import { clockFromEnvironment, systemClock } from '../../src-main/core/clock.ts';
import { kurator } from '../support/cli.ts';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/tmp.ts';

describe('clockFromEnvironment', () => {
  it('is the system clock unless KURATOR_TEST_CLOCK_SHIFT is set', () => {
    expect(clockFromEnvironment({})).toBe(systemClock);
    expect(clockFromEnvironment({ KURATOR_TEST_CLOCK_SHIFT: '' })).toBe(systemClock);
  });

  it('moves the system clock by the shift, and runs on', async () => {
    const day = 86_400_000;
    const clock = clockFromEnvironment({ KURATOR_TEST_CLOCK_SHIFT: String(-400 * day) });
    const first = clock.now().getTime();
    expect(Math.abs(first - (Date.now() - 400 * day))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it('refuses a value that is not a whole number of milliseconds', () => {
    for (const bad of ['tomorrow', '1.5', '2026-11-02']) {
      expect(() => clockFromEnvironment({ KURATOR_TEST_CLOCK_SHIFT: bad })).toThrow('KURATOR_TEST_CLOCK_SHIFT');
    }
  });

  it('drives the CLI: codes issued on a pinned date are valid until the next 31 August', () => {
    const tmp = tempDir();
    try {
      const shift = Date.parse('2031-10-01T08:00:00.000Z') - Date.now();
      const env = { KURATOR_TEST_CLOCK_SHIFT: String(shift), KURATOR_OPERATOR: 'curator', KURATOR_PASSWORD: 'Kurator-2031-pass' };
      const dir = ['--data-dir', tmp.dir];
      expect(
        kurator(['setup', '--school', 'Школа', '--registration-url', 'https://1399.ejgur.ru/hello', '--operator', 'curator', ...dir], env)
          .code,
      ).toBe(0);
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
