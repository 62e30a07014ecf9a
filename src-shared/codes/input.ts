// Reading a code someone typed (or dictated over the phone): forgiving about everything that cannot
// change the meaning, exact about everything else. The check symbol catches the rest.
//
// Ignored: case; spaces of every kind (incl. no-break and zero-width); hyphens, dashes, minus signs.
// Read as digits: o → 0, i → 1, l → 1 (the alphabet has none of these letters).
// Read as their Latin twins: Cyrillic letters that look the same (а в е к м н о р с т у х, і), for
// a code typed with the Russian keyboard layout on. `u` stays invalid.

import { failWith, ok, type Result } from '../result.ts';
import { ruPrint } from '../i18n/ru-print.ts';
import { CODE_LENGTH, isValidCode, symbolValue } from './code.ts';
import { RUSSIAN_TO_LATIN_KEY } from '../text.ts';

// Unicode White_Space (\s), soft hyphen, zero-width characters, word joiner, BOM;
// hyphen-minus, hyphen … horizontal bar, minus sign, hyphen bullet, small/full-width hyphen-minus.
const IGNORED = /[\s\u00ad\u200b-\u200d\u2060\ufeff\-\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/gu;

const LOOKALIKES: Readonly<Record<string, string>> = {
  o: '0',
  i: '1',
  l: '1',
  // Cyrillic (after lower-casing)
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: '0',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: '1',
};

export type CodeProblem =
  | { kind: 'empty' }
  | { kind: 'invalid_char'; /** 1-based, counting code symbols only (spaces and hyphens skipped) */ position: number; char: string }
  | { kind: 'length'; length: number }
  | { kind: 'checksum' };

export type CodeInputCheck =
  { ok: true; code: string } | { ok: false; problem: CodeProblem; /** for the user, in Russian */ message: string };

interface Cleaned {
  /** Mapped symbols; characters that are not code symbols are kept as typed. */
  symbols: string[];
  /** Index into `symbols` of the first character that is not a code symbol, or -1. */
  firstInvalid: number;
}

function clean(text: string): Cleaned {
  const stripped = text.normalize('NFKC').replace(IGNORED, '');
  const symbols: string[] = [];
  let firstInvalid = -1;
  for (const typed of stripped) {
    const lower = typed.toLowerCase();
    const mapped = LOOKALIKES[lower] ?? lower;
    if (symbolValue(mapped) === undefined) {
      if (firstInvalid < 0) firstInvalid = symbols.length;
      symbols.push(typed);
    } else {
      symbols.push(mapped);
    }
  }
  return { symbols, firstInvalid };
}

/** Every symbol of what was typed, read as forgivingly as a code (look-alikes, spaces, dashes); null
 * when a character cannot be a code symbol. Any length: a reset slip's short code reads through it. */
export function typedSymbols(text: string): string | null {
  const { symbols, firstInvalid } = clean(text);
  return firstInvalid >= 0 || !symbols.length ? null : symbols.join('');
}

/**
 * The clean code (10 lower-case symbols) in what the user typed, or null when it is not 10 code
 * symbols. Does not look at the check symbol: see `isValidCode` or `checkCodeInput`.
 */
export function normalizeCodeInput(text: string): string | null {
  const { symbols, firstInvalid } = clean(text);
  if (firstInvalid >= 0 || symbols.length !== CODE_LENGTH) return null;
  return symbols.join('');
}

/**
 * What is wrong with a typed code, most specific first, with a Russian message; or the clean code.
 * A code typed with the Russian layout on (`л7ь2-ч9й-4ея` for `k7m2-x9q-4tz`) is read through the
 * keyboard when it is no valid code as it stands: the check symbol vouches for the result.
 */
export function checkCodeInput(text: string): CodeInputCheck {
  const [code] = codeReadings(text);
  return code === undefined ? checkTyped(text) : { ok: true, code };
}

const CYRILLIC = /[а-яё]/iu;

/**
 * Every valid code the text can be read as: as typed (look-alike letters read as Latin) and, when
 * it has Cyrillic in it, through the keyboard. Usually one; two when Cyrillic look-alikes typed with
 * the Russian layout on make a valid code both ways (about one time in 32) — the database decides.
 */
export function codeReadings(text: string): string[] {
  const out: string[] = [];
  const asTyped = checkTyped(text);
  if (asTyped.ok) out.push(asTyped.code);
  if (CYRILLIC.test(text)) {
    const throughKeyboard = checkTyped(russianLayoutToLatin(text));
    if (throughKeyboard.ok && !out.includes(throughKeyboard.code)) out.push(throughKeyboard.code);
  }
  return out;
}

function russianLayoutToLatin(text: string): string {
  return [...text.toLowerCase()].map((c) => RUSSIAN_TO_LATIN_KEY[c] ?? c).join('');
}

function checkTyped(text: string): CodeInputCheck {
  const { symbols, firstInvalid } = clean(text);
  const bad = (problem: CodeProblem): CodeInputCheck => ({ ok: false, problem, message: ruPrint.codes.problem(problem) });
  if (symbols.length === 0) return bad({ kind: 'empty' });
  if (firstInvalid >= 0) return bad({ kind: 'invalid_char', position: firstInvalid + 1, char: symbols[firstInvalid] ?? '' });
  if (symbols.length !== CODE_LENGTH) return bad({ kind: 'length', length: symbols.length });
  const code = symbols.join('');
  if (!isValidCode(code)) return bad({ kind: 'checksum' });
  return { ok: true, code };
}

/** `checkCodeInput` as a `Result` for the RPC layer: `code.malformed` with `field` on failure. */
export function codeInputResult(text: string, field = 'code'): Result<string> {
  const r = checkCodeInput(text);
  if (r.ok) return ok(r.code);
  return failWith('code.malformed', { problem: r.problem }, { field, issues: [{ path: field, message: r.message }] });
}

/**
 * Whether a search query may be an invitation code:
 * - `likely`: 8–12 code symbols (look-alikes read as such) with a digit and a letter — no name,
 *   class, date, phone or email looks like that: look it up, and say what is wrong when it is no code;
 * - `mixed`: 8–12 letters and digits with both, some of them not code symbols (`иванова 5б`, or a
 *   code with a slip of the finger): a code problem is worth showing only when nobody matches;
 * - `letters`: exactly ten code symbols without a digit (about one code in forty has none) — a code
 *   when one is on file, otherwise it may just as well be a name;
 * - `digits`: ten digits that pass the check symbol — a code only when one is on file (codes are no
 *   longer drawn all digits, but older ones may be); otherwise a phone number, and no code problem;
 * - `no`: anything else.
 */
export function codeQueryGuess(query: string): 'likely' | 'mixed' | 'letters' | 'digits' | 'no' {
  const compact = query.replace(IGNORED, '');
  if (compact.includes('@')) return 'no';
  if (/\d/.test(compact)) {
    if (/^\d+$/.test(compact)) return compact.length === CODE_LENGTH && isValidCode(compact) ? 'digits' : 'no';
    if (compact.length < 8 || compact.length > 12 || !/\p{L}/u.test(compact)) return 'no';
    return clean(compact).firstInvalid < 0 ? 'likely' : 'mixed';
  }
  if (normalizeCodeInput(query) !== null) return 'letters';
  // A digit-free code typed with the Russian layout on.
  return CYRILLIC.test(compact) && checkCodeInput(compact).ok ? 'letters' : 'no';
}

/** A word of a Russian name: Cyrillic letters (a Latin look-alike or two among them), hyphens, a final dot. */
const NAME_WORD = /^[а-яё][а-яёa-z]*(?:-[а-яёa-z]+)*\.?$/iu;
const RUSSIAN_VOWEL = /[аеёиоуыэюя]/iu;
/** What may stand beside a name in a query: a class (`5б`, `10-А`), a date, digits of a phone, initials. */
const BESIDE_A_NAME = /^(?:\d{1,2}[-\s"'«»]*[а-яёa-z]["'»]?|[\d.()+-]+|[а-яё]\.(?:[а-яё]\.?)*)$/iu;

/**
 * A query that is clearly a name (`Миранова`, `Карасёва Ек`, `Щукина 5б`): a Cyrillic word of
 * three letters or more with a vowel, and nothing else but names, a class, a date or digits. Such a
 * query never gets a «looks like a code» warning — a code is still looked up (and shown if on file),
 * but a name nobody has is «nobody found», not «wrong code».
 */
export function looksLikeName(query: string): boolean {
  const words = query
    .trim()
    .split(/[\s,]+/u)
    .filter(Boolean);
  const name = (w: string) => NAME_WORD.test(w) && /[а-яё]/iu.test(w);
  if (!words.some((w) => name(w) && w.replace(/[^а-яё]/giu, '').length >= 3 && RUSSIAN_VOWEL.test(w))) return false;
  return words.every((w) => name(w) || BESIDE_A_NAME.test(w));
}
