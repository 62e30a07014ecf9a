export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** UTC timestamp with milliseconds, e.g. `2026-11-22T09:15:02.123Z`: sorts as text. */
export const isoNow = (clock: Clock): string => clock.now().toISOString();
