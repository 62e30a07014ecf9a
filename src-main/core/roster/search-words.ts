// Words of the search box: the Russian layout and Latin look-alikes read as Cyrillic, the case
// forms a name word may come from, one-edit typos, and the sorted-list look-ups the index is made of.
import { LATIN_TO_RUSSIAN_KEY } from '../../../src-shared/text.ts';

/** Latin letters typed with the Russian layout off: `bdfyjd` → `иванов`. */
export const LAYOUT = LATIN_TO_RUSSIAN_KEY;

export function lowerBound(arr: readonly string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range of the sorted `arr` whose entries start with `prefix`. */
export function prefixRange(arr: readonly string[], prefix: string): [number, number] {
  return [lowerBound(arr, prefix), lowerBound(arr, `${prefix}\uffff`)];
}

/** Digits of a phone as stored after `+7`: a full number written with 8 or 7 loses that prefix. */
export function nationalDigits(digits: string): string {
  return digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits;
}

export function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

export function wordCount(s: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/**
 * Latin letters that look like Cyrillic ones, in lower case (the query is folded first, so a
 * capital Latin `M`, `H`, `T`, `B` arrives as `m`, `h`, `t`, `b`).
 */
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

/** `мироновa` (a Latin `a`) → `миронова`: a word with Cyrillic letters gets its Latin look-alikes read as Cyrillic. */
export function cyrillicLookalikes(word: string): string {
  if (!/[а-я]/.test(word) || !/[a-z]/.test(word)) return word;
  return word.replace(/[a-z]/g, (c) => LOOKALIKE[c] ?? c);
}

/**
 * Case endings of Russian names → the nominative endings they may come from: `мироновой` →
 * `миронова`, `миронову` → `миронова`/`миронов`, `ольгу` → `ольга`, `игорю` → `игорь`,
 * `петровны` → `петровна`, `толстому` → `толстой`. Longest ending first; the stem keeps 2+ letters.
 */
const CASE_ENDINGS: readonly (readonly [string, readonly string[]])[] = [
  ['ому', ['ой', 'ий', 'ый']],
  ['ему', ['ий']],
  ['ого', ['ой', 'ий', 'ый']],
  ['его', ['ий']],
  ['ыми', ['ые']],
  ['ой', ['а', 'ая', 'ий', 'ый']],
  ['ей', ['я', 'ь']],
  ['ую', ['ая']],
  ['ою', ['а']],
  ['ым', ['', 'ый', 'ой']],
  ['им', ['', 'ий']],
  ['ом', ['']],
  ['ем', ['ь', 'й']],
  ['у', ['а', '']],
  ['ю', ['я', 'ь', 'й']],
  ['ы', ['а']],
  ['и', ['а', 'я', 'ь']],
  ['е', ['а', '', 'я', 'ь', 'й']],
  ['а', ['', 'ь', 'й']],
  ['я', ['ь', 'й']],
];

const CONSONANT = /[бвгджзйклмнпрстфхцчшщ]/;

/** The nominative forms a name word in another case may come from (the word itself not included). */
export function nominativeForms(word: string): string[] {
  const out = new Set<string>();
  for (const [ending, replacements] of CASE_ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < 2) continue;
    const stem = word.slice(0, -ending.length);
    for (const r of replacements) out.add(stem + r);
    // A vowel that drops out in the other cases: Павла → Павел, Льва → Лев, Петра → Пётр.
    const n = stem.length;
    if (n >= 2 && CONSONANT.test(stem[n - 1]!) && (CONSONANT.test(stem[n - 2]!) || stem[n - 2] === 'ь')) {
      const head = stem[n - 2] === 'ь' ? stem.slice(0, n - 2) : stem.slice(0, n - 1);
      out.add(`${head}е${stem[n - 1]}`);
      out.add(`${head}о${stem[n - 1]}`);
    }
  }
  out.delete(word);
  return [...out];
}

/** One substitution, insertion, deletion or swap of neighbours turns `a` into `b` (or they are equal). */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  const rest = (ai: number, bi: number): boolean => {
    while (ai < la && bi < lb) if (a.charCodeAt(ai++) !== b.charCodeAt(bi++)) return false;
    return ai === la && bi === lb;
  };
  if (la === lb) {
    if (rest(i + 1, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && rest(i + 2, i + 2);
  }
  return la > lb ? rest(i + 1, i) : rest(i, i + 1);
}

/**
 * The words of a folded name with their position (0 surname, 1 first name, 2 patronymic and the
 * rest); a hyphenated word also yields its parts.
 */
export function eachWord(folded: string, surname: number, first: number, fn: (word: string, pos: number) => void): void {
  let i = 0;
  let start = 0;
  for (let c = 0; c <= folded.length; c++) {
    if (c < folded.length && folded.charCodeAt(c) !== 32) continue;
    if (c > start) {
      const word = folded.slice(start, c);
      const pos = i < surname ? 0 : i < surname + first ? 1 : 2;
      fn(word, pos);
      if (word.includes('-')) for (const part of word.split('-')) if (part) fn(part, pos);
      i++;
    }
    start = c + 1;
  }
}
