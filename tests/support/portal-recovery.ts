// What the recovery suites share: a mobile number nobody else uses, and limits loose enough for a suite
// that asks many times from one address.
import { randomInt } from 'node:crypto';

/** A mobile number with random digits (the hidden ones must not be all zeros, say). */
export const newPhone = (operator: string): string => `+7${operator}${randomInt(1_000_000, 10_000_000)}`;

/** Per-network throttling that lets a thousand tries through before it slows anyone. */
export const LOOSE_NETWORK = { network: { free: 1000, baseMs: 1000, maxMs: 60_000, forgetMs: 3_600_000 } };
