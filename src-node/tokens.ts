// One-time secrets: random from the OS, at least 128 bits, stored only as a SHA-256 digest.
import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_ALPHABET } from '../src-shared/tokens/typed.ts';

/** A URL-safe token of `bytes` random bytes (16 = 128 bits). */
export const urlToken = (bytes = 16): string => randomBytes(bytes).toString('base64url');

/** `symbols` random Crockford base32 symbols (5 bits each; 256 = 8·32, so no modulo bias). */
export function typedToken(symbols: number): string {
  const bytes = randomBytes(symbols);
  let out = '';
  for (const b of bytes) out += TOKEN_ALPHABET[b & 31];
  return out;
}

/** What is stored instead of a token: its SHA-256, hex. A token is random enough that no salt is needed. */
export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
