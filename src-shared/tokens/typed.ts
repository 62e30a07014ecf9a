// Secrets people copy by hand (a portal pairing key, a reset slip's short code): lower-case Crockford
// base32 in groups of four, read back forgivingly (case, spaces, hyphens, o → 0, i/l → 1).
import { CODE_ALPHABET } from '../codes/code.ts';

export const TOKEN_ALPHABET = CODE_ALPHABET;
/** 28 symbols × 5 bits = 140 bits. */
export const PAIRING_KEY_SYMBOLS = 28;

export const formatToken = (token: string, group = 4): string => token.match(new RegExp(`.{1,${group}}`, 'g'))?.join('-') ?? '';

/** The token as typed, cleaned; null when a character cannot be part of one. */
export function readTypedToken(typed: string): string | null {
  const clean = typed
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return /^[0-9a-hjkmnp-tv-z]*$/.test(clean) && clean !== '' ? clean : null;
}
