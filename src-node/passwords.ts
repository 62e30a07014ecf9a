// Password hashing for operators (office) and accounts (portal): argon2id from node:crypto, stored as a
// self-describing PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) so the parameters can
// change later. Hashes of the office's first version (`scrypt$17$8$1$<salt>$<key>`) still verify and
// are replaced at the next successful sign-in (`needsRehash`).
import { argon2 as argon2Cb, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface Argon2Cost {
  /** Memory in KiB. */
  memory: number;
  /** Iterations. */
  passes: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 (≈ 60 ms on one core here). */
export const OWASP_ARGON2: Argon2Cost = { memory: 19_456, passes: 2, parallelism: 1 };

const TAG_LENGTH = 32;
const SALT_LENGTH = 16;
/** Longer input is refused by the policy; this bound only keeps hashing of hostile input cheap. */
const MAX_INPUT = 1024;

const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');

function argon2id(password: string, salt: Buffer, cost: Argon2Cost, tagLength = TAG_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2Cb(
      'argon2id',
      {
        message: password.normalize('NFC').slice(0, MAX_INPUT),
        nonce: salt,
        parallelism: cost.parallelism,
        tagLength,
        memory: cost.memory,
        passes: cost.passes,
      },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, cost: Argon2Cost = OWASP_ARGON2): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await argon2id(password, salt, cost);
  return `$argon2id$v=19$m=${cost.memory},t=${cost.passes},p=${cost.parallelism}$${b64(salt)}$${b64(key)}`;
}

interface ParsedArgon2 {
  cost: Argon2Cost;
  salt: Buffer;
  key: Buffer;
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parseArgon2(stored: string): ParsedArgon2 | null {
  const m = PHC.exec(stored);
  if (!m) return null;
  const cost = { memory: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) };
  return { cost, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

// --- the office's first hash format (scrypt), verified only -------------------------------------

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6) return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(parts[4]!, 'base64'), expected.length, {
    N: 2 ** logN,
    r,
    p,
    maxmem: 256 * 2 ** logN * r,
  });
  return timingSafeEqual(key, expected);
}

// --------------------------------------------------------------------------------------------------

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  const parsed = parseArgon2(stored);
  if (!parsed || parsed.key.length < 16) return false;
  const key = await argon2id(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/**
 * Set to `1` by vitest.config.ts for the test run and every process it starts; never on a real
 * installation (DEVELOPERS.md, Tests). It only spares hashes the tests made cheap: nothing hashes
 * at a lower cost because of it.
 */
export const TEST_RUN_VARIABLE = 'KURATOR_TEST_RUN';

export const isTestRun = (env: NodeJS.ProcessEnv): boolean => env[TEST_RUN_VARIABLE] === '1';

/** Cheaper than the OWASP parameters in memory, passes or parallelism. */
export const belowOwasp = (c: Argon2Cost): boolean =>
  c.memory < OWASP_ARGON2.memory || c.passes < OWASP_ARGON2.passes || c.parallelism < OWASP_ARGON2.parallelism;

/**
 * A hash in an older format or with other parameters than today's is replaced at the next sign-in.
 * In a test run a hash below the OWASP floor was made cheap on purpose by the test (a data folder set
 * up in-process): it is kept, or every later sign-in in a child process would pay the production cost.
 */
export function needsRehash(stored: string, cost: Argon2Cost = OWASP_ARGON2, options: { testRun?: boolean } = {}): boolean {
  const parsed = parseArgon2(stored);
  if (!parsed) return true;
  const c = parsed.cost;
  if (options.testRun && belowOwasp(c)) return false;
  return c.memory !== cost.memory || c.passes !== cost.passes || c.parallelism !== cost.parallelism;
}

/** The same work as a real verification, for unknown logins (no timing oracle for login names). */
export async function burnVerification(password: string, cost: Argon2Cost = OWASP_ARGON2): Promise<void> {
  await argon2id(password, randomBytes(SALT_LENGTH), cost);
}
