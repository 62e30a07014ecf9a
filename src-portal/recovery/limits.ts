// The limits of self-service recovery. Requests are counted per network and per typed target (a login,
// an address, a phone) whether or not anything matched — so the delays say nothing about accounts;
// wrong hidden digits and wrong SMS codes per account; and messages per person (account and address)
// per hour, so a flood never sends anyone more than a few. Nothing here ever locks the owner out: the
// waits are capped, and the messages that did go out stay valid (a link 1 hour, a code 10 minutes).
import { isTestRun, TEST_RUN_VARIABLE } from '../../src-node/passwords.ts';
import type { ThrottlePolicy } from '../limits/throttle.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface RecoveryPolicy {
  /** Recovery requests from one network (a school's Wi-Fi is one): counted, not only failures. */
  network: ThrottlePolicy;
  /** Requests naming one login, address or phone. */
  target: ThrottlePolicy;
  /** Wrong hidden phone digits or wrong SMS codes for one account. */
  account: ThrottlePolicy;
  /** Recovery messages to one person (account, address or phone) in an hour. */
  messagesPerHour: number;
  /** Every «we sent it if it matched» answer takes at least this long (equal work is done too). */
  answerFloorMs: number;
}

export const RECOVERY_POLICY: RecoveryPolicy = {
  network: { free: 20, baseMs: 2_000, maxMs: 10 * MINUTE, forgetMs: HOUR },
  target: { free: 5, baseMs: 30_000, maxMs: 5 * MINUTE, forgetMs: HOUR },
  account: { free: 5, baseMs: 30_000, maxMs: 15 * MINUTE, forgetMs: 6 * HOUR },
  messagesPerHour: 3,
  answerFloorMs: 150,
};

/** Tests (and only tests) may set other thresholds: in-process, or `PORTAL_RECOVERY_LIMITS` (JSON) for a portal process. */
export const LIMITS_VARIABLE = 'PORTAL_RECOVERY_LIMITS';

export function recoveryPolicy(override: Partial<RecoveryPolicy> | undefined, env: NodeJS.ProcessEnv): RecoveryPolicy {
  const fromEnv = env[LIMITS_VARIABLE]?.trim() ? (JSON.parse(env[LIMITS_VARIABLE]!) as Partial<RecoveryPolicy>) : undefined;
  const wanted = { ...fromEnv, ...override };
  if (Object.keys(wanted).length === 0) return RECOVERY_POLICY;
  if (!isTestRun(process.env)) {
    throw new Error(`Recovery limits are fixed in production (${LIMITS_VARIABLE} and recoveryPolicy need ${TEST_RUN_VARIABLE})`);
  }
  const policy = { ...RECOVERY_POLICY, ...wanted };
  // Even a test cannot switch them off: a limit is a positive, finite number.
  const numbers = [policy.messagesPerHour, ...[policy.network, policy.target, policy.account].flatMap((p) => [p.free, p.maxMs])];
  if (!numbers.every((n) => Number.isFinite(n) && n > 0)) throw new Error('Recovery limits must be positive finite numbers');
  return policy;
}
