// Time as the app sees it. Tests give a service a clock of their own, or shift every process of a
// test run by one amount (see DEVELOPERS.md: KURATOR_TEST_CLOCK_SHIFT).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Moves the app's clock, for tests only (see DEVELOPERS.md). */
export const TEST_CLOCK_SHIFT_VARIABLE = 'KURATOR_TEST_CLOCK_SHIFT';

/**
 * The system clock, or — when `KURATOR_TEST_CLOCK_SHIFT` holds a whole number of milliseconds —
 * the system clock moved by that much. The test run sets one shift for all its processes (CLI,
 * browser mode, portal), so what depends on today's date (plausible birth dates, code validity) gives
 * the same result in any year, while time still runs forward across processes.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv): Clock {
  const shift = env[TEST_CLOCK_SHIFT_VARIABLE];
  if (shift === undefined || shift === '') return systemClock;
  if (!/^-?\d+$/.test(shift)) throw new Error(`${TEST_CLOCK_SHIFT_VARIABLE}: not a whole number of milliseconds: ${shift}`);
  const ms = Number(shift);
  return { now: () => new Date(Date.now() + ms) };
}
