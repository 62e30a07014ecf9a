// A reset slip's short code, typed by a parent where the QR cannot be scanned: 10 random symbols
// (50 bits; the portal throttles guesses) and a check symbol, printed as abcd-efgh-jkm. The check lets
// the page say «опечатка» before any look-up, as invitation codes do; it said only «Бланк не подходит»
// for a typo, a used slip and a replaced one alike. The secret (and what the portal stores a digest
// of) is the 10 symbols; slips printed before the check symbol (10 symbols) are still read.
import { checkSymbolOf, checksOut } from '../codes/code.ts';
import { typedSymbols } from '../codes/input.ts';
import { formatToken } from './typed.ts';

export const RESET_CODE_SYMBOLS = 10;
/** As printed: the 10 symbols and the check symbol. */
export const RESET_CODE_LENGTH = RESET_CODE_SYMBOLS + 1;

/** The code to print for 10 random symbols: with its check symbol, in groups of four. */
export const printedResetCode = (secret: string): string => formatToken(secret + checkSymbolOf(secret), 4);

export type ReadResetCode =
  /** `legacy`: ten symbols, no check symbol (a slip printed before it had one, or one symbol missing). */
  | { ok: true; secret: string; legacy: boolean }
  /** `typo`: the check symbol disagrees (or a character no code has); `length`: too short or too long. */
  | { ok: false; problem: 'typo' | 'length'; typed: number };

/** A typed reset code: its secret, or what is wrong with it (said to the parent, no look-up needed). */
export function readResetCode(typed: string): ReadResetCode {
  if (!typed.replace(/[\s-]+/g, '')) return { ok: false, problem: 'length', typed: 0 };
  const clean = typedSymbols(typed);
  if (!clean) return { ok: false, problem: 'typo', typed: typed.replace(/[\s-]+/g, '').length };
  if (clean.length === RESET_CODE_SYMBOLS) return { ok: true, secret: clean, legacy: true };
  if (clean.length !== RESET_CODE_LENGTH) return { ok: false, problem: 'length', typed: clean.length };
  return checksOut(clean)
    ? { ok: true, secret: clean.slice(0, RESET_CODE_SYMBOLS), legacy: false }
    : { ok: false, problem: 'typo', typed: clean.length };
}
