// Fresh invitation codes from the operating system's CSPRNG.
//
// Each data symbol is the low 5 bits of one random byte: 256 = 8·32, so every symbol is exactly
// equally likely (no modulo bias, no rejection needed). Bytes come from a pooled randomBytes buffer
// so a batch of a thousand codes costs a handful of system calls.
//
// 45 random bits per code: among a million codes the chance of any repeat is about 1.4 %, so the
// issuing service draws again when a code is already in the database (and the column is UNIQUE);
// `generateCodes` avoids repeats within a batch by itself.

import { randomBytes } from 'node:crypto';
import { CODE_ALPHABET, CODE_DATA_LENGTH, checkSymbol } from '../../../src-shared/codes/code.ts';

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let at = 0;

function nextByte(): number {
  if (at >= pool.length) {
    pool = randomBytes(POOL_SIZE);
    at = 0;
  }
  return pool[at++] ?? 0;
}

/**
 * One new clean code: 9 random symbols and the check symbol, e.g. `k7m2x9q4tz`.
 * Never ten digits (about one draw in 110,000): such a slip reads as a phone number, in the search
 * box and over the phone, so it is drawn again.
 */
export function generateCode(): string {
  for (;;) {
    let data = '';
    for (let i = 0; i < CODE_DATA_LENGTH; i++) data += CODE_ALPHABET[nextByte() & 31];
    const code = data + checkSymbol(data);
    if (!ALL_DIGITS.test(code)) return code;
  }
}

const ALL_DIGITS = /^\d+$/;

/**
 * `count` new codes, all different from each other and from `taken` (e.g. codes already in the
 * database, if the caller has them at hand).
 */
export function generateCodes(count: number, taken?: ReadonlySet<string>): string[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('generateCodes: count must be a non-negative integer');
  const fresh = new Set<string>();
  while (fresh.size < count) {
    const code = generateCode();
    if (!taken?.has(code)) fresh.add(code);
  }
  return [...fresh];
}
