import type { Clock } from '../../src-node/clock.ts';

export { clockFromEnvironment, systemClock, TEST_CLOCK_SHIFT_VARIABLE, type Clock } from '../../src-node/clock.ts';

/** `YYYY-MM-DD` of the office's local calendar (the one the roster importer uses too). */
export { isoDay as localDate } from '../../src-shared/roster/normalize.ts';

/** UTC timestamp with milliseconds, e.g. `2026-11-22T09:15:02.123Z`: sorts as text. */
export const isoNow = (clock: Clock): string => clock.now().toISOString();
