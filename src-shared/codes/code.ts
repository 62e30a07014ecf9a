// Invitation codes: 9 random symbols of lower-case Crockford base32 plus 1 check symbol.
//
// Check symbol. Symbols are read as elements of GF(32) = GF(2)[x]/(x^5 + x^2 + 1): the symbol at
// alphabet index v is the field element whose bits are v. With α = x (a generator: the polynomial
// is primitive, so α has order 31), a 10-symbol word s₀…s₉ is valid when
//
//     Σ_{i=0..9} αⁱ · sᵢ = 0          (s₉ is the check symbol)
//
// so the check symbol is c = α⁻⁹ · Σ_{i=0..8} αⁱ · dᵢ. Why every error of the kinds below changes
// the sum (subtraction is addition in characteristic 2; a product of non-zero elements is non-zero):
//  - one symbol a → b at position i changes the sum by αⁱ·(a + b) ≠ 0 because a ≠ b;
//  - swapping different neighbours a, b at i, i+1 changes it by (a + b)·αⁱ·(1 + α) ≠ 0 because
//    α ≠ 1; this includes swapping the last data symbol with the check symbol (i = 8);
//  - as a bonus, a jump swap at i, i+2 gives (a + b)·αⁱ·(1 + α²) ≠ 0 (α² ≠ 1), and the twin
//    error aa → bb at i, i+1 gives (a + b)·αⁱ·(1 + α) ≠ 0.
// tests/unit/codes checks all of it exhaustively for thousands of codes.

/** Lower-case Crockford base32: digits and letters without i, l, o, u. Index = symbol value. */
export const CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Random symbols of a code. 32⁹ = 2⁴⁵ ≈ 3.5·10¹³ codes. */
export const CODE_DATA_LENGTH = 9;
/** Symbols of a clean code: the data and one check symbol. */
export const CODE_LENGTH = 10;
/**
 * Printed groups: 4-3-3, e.g. `k7m2-x9q-4tz`. The hyphen is not a code symbol and the group sizes
 * are fixed, so a printed code reads back one way only (and typed hyphens are ignored anyway).
 */
export const CODE_GROUPS: readonly number[] = [4, 3, 3];
export const CODE_SEPARATOR = '-';

const SYM = '[0-9a-hjkmnp-tv-z]';
/** A clean code, anchored. */
export const CLEAN_CODE_RE = new RegExp(`^${SYM}{${CODE_LENGTH}}$`);
/** A printed (formatted) code anywhere in a text, global: for finding codes in extracted text. */
export const FORMATTED_CODE_RE = new RegExp(`(?<![0-9a-z-])${SYM}{4}-${SYM}{3}-${SYM}{3}(?![0-9a-z-])`, 'g');

const VALUE: ReadonlyMap<string, number> = new Map([...CODE_ALPHABET].map((c, i) => [c, i]));

/** The value 0…31 of a code symbol, or undefined for anything else. */
export function symbolValue(symbol: string): number | undefined {
  return VALUE.get(symbol);
}

// GF(32) tables: EXP[k] = αᵏ for k in 0…30, LOG[αᵏ] = k.
const POLY = 0b100101; // x^5 + x^2 + 1
const EXP = new Uint8Array(31);
const LOG = new Uint8Array(32);
{
  let v = 1;
  for (let k = 0; k < 31; k++) {
    EXP[k] = v;
    LOG[v] = k;
    v <<= 1;
    if (v & 0b100000) v ^= POLY;
  }
}

/** αᵏ · v in GF(32), for v in 0…31 and k ≥ 0. */
function mulPow(v: number, k: number): number {
  return v === 0 ? 0 : (EXP[((LOG[v] ?? 0) + k) % 31] ?? 0);
}

/** Σ αⁱ · sᵢ over the symbols of `s` (all must be code symbols), or -1 if one is not. */
function syndrome(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VALUE.get(s[i] ?? '');
    if (v === undefined) return -1;
    sum ^= mulPow(v, i);
  }
  return sum;
}

/** The check symbol for 9 data symbols. Throws on anything that is not 9 code symbols. */
export function checkSymbol(data9: string): string {
  if (data9.length !== CODE_DATA_LENGTH) throw new Error(`checkSymbol: expected ${CODE_DATA_LENGTH} symbols`);
  return checkSymbolOf(data9);
}

/**
 * The check symbol for 1…30 data symbols (the same code as invitation codes': one wrong symbol or two
 * neighbours swapped is always caught). A reset slip's short code uses it too.
 */
export function checkSymbolOf(data: string): string {
  if (data.length < 1 || data.length > 30) throw new Error('checkSymbolOf: expected 1…30 symbols');
  const s = syndrome(data);
  if (s < 0) throw new Error('checkSymbolOf: not a code symbol');
  // c = α⁻ⁿ · s: then Σ αⁱ · sᵢ over data and check is 0.
  return CODE_ALPHABET[mulPow(s, 31 - data.length)] ?? '';
}

/** True when clean symbols (data then their check symbol) add up: no typo the check catches. */
export function checksOut(clean: string): boolean {
  return clean.length >= 2 && clean.length <= 31 && syndrome(clean) === 0;
}

/** True for a clean code (10 lower-case symbols, no separators) whose check symbol matches. */
export function isValidCode(clean: string): boolean {
  return clean.length === CODE_LENGTH && syndrome(clean) === 0;
}

/** `k7m2x9q4tz` → `k7m2-x9q-4tz`. Throws if `clean` is not 10 code symbols. */
export function formatCode(clean: string): string {
  if (!CLEAN_CODE_RE.test(clean)) throw new Error('formatCode: expected a clean 10-symbol code');
  const parts: string[] = [];
  let at = 0;
  for (const n of CODE_GROUPS) {
    parts.push(clean.slice(at, at + n));
    at += n;
  }
  return parts.join(CODE_SEPARATOR);
}

/** The full code for 9 data symbols: data + check symbol. */
export function withCheckSymbol(data9: string): string {
  return data9 + checkSymbol(data9);
}
