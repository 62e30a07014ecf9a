// The clock tests move through KURATOR_TEST_CLOCK_SHIFT: off by default, the system clock moved
// when set, refused when garbled (that the CLI runs on it: tests/integration/clock-cli.test.ts).
import { describe, expect, it } from 'vitest';
import { clockFromEnvironment, systemClock } from '../../src-main/core/clock.ts';

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
});
