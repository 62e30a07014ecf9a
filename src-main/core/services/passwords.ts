import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

export interface ScryptCost {
  /** log2 of N. */
  logN: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptCost = { logN: 17, r: 8, p: 1 };

const KEY_LENGTH = 32;

const memFor = (c: ScryptCost): number => 128 * 2 ** c.logN * c.r * 2;

/** `scrypt$17$8$1$<salt>$<key>` (base64): parameters travel with the hash. */
export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    maxmem: memFor(cost),
  });
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const cost = { logN, r, p };
  const key = await scrypt(password.normalize('NFC'), salt, expected.length, {
    N: 2 ** logN,
    r,
    p,
    maxmem: memFor(cost),
  });
  return timingSafeEqual(key, expected);
}

/**
 * Set to `1` by vitest.config.ts for the test run and every process it starts; never on a real
 * installation (DEVELOPERS.md, Tests). It only spares hashes the tests made cheap: nothing hashes
 * at a lower cost because of it.
 */
export const TEST_RUN_VARIABLE = 'KURATOR_TEST_RUN';

export const isTestRun = (env: NodeJS.ProcessEnv): boolean => env[TEST_RUN_VARIABLE] === '1';

/** Cheaper than the OWASP parameters in any of N, r, p. */
export const belowOwasp = (c: ScryptCost): boolean => c.logN < OWASP_SCRYPT.logN || c.r < OWASP_SCRYPT.r || c.p < OWASP_SCRYPT.p;

/**
 * A hash made with other parameters than today's is replaced at the next successful sign-in. In a
 * test run a hash below the OWASP floor was made cheap on purpose by the test (a data folder set up
 * in-process): it is kept, or every later CLI sign-in would pay the production cost.
 */
export function needsRehash(stored: string, cost: ScryptCost = OWASP_SCRYPT, options: { testRun?: boolean } = {}): boolean {
  const [, logN, r, p] = stored.split('$').map(Number) as [number, number, number, number];
  if (options.testRun && belowOwasp({ logN, r, p })) return false;
  return logN !== cost.logN || r !== cost.r || p !== cost.p;
}

/** The same work as a real verification, for unknown logins (no timing oracle for login names). */
export async function burnVerification(password: string, cost: ScryptCost = OWASP_SCRYPT): Promise<void> {
  await scrypt(password, randomBytes(16), KEY_LENGTH, { N: 2 ** cost.logN, r: cost.r, p: cost.p, maxmem: memFor(cost) });
}
