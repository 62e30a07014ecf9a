// Text folding for matching: case and ё/е do not matter, what the school typed is kept as is.

const MESSY_SPACE = /\s{2,}|[\t\n\r\f\v\u00a0]|^\s|\s$/;

/** Lower case, `ё` → `е`, collapsed spaces: the key two spellings of one name share. */
export function fold(s: string): string {
  let out = s.toLowerCase();
  if (out.includes('ё')) out = out.replaceAll('ё', 'е');
  // Hot path (hundreds of thousands of names per import): allocate only when there is something to fix.
  if (MESSY_SPACE.test(out)) out = out.replace(/\s+/g, ' ').trim();
  return out;
}

// The same keys on a Russian (ЙЦУКЕН) and an English (QWERTY) keyboard, in lower case: text typed
// with the wrong layout on is read back through these (`bdfyjd` → `иванов`, `л7ь2` → `k7m2`).
const QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const JCUKEN = 'йцукенгшщзхъфывапролджэячсмитьбюё';

/** Latin key → the Russian letter on the same key. */
export const LATIN_TO_RUSSIAN_KEY: Readonly<Record<string, string>> = Object.fromEntries([...QWERTY].map((c, i) => [c, JCUKEN[i]!]));
/** Russian letter → the Latin character on the same key. */
export const RUSSIAN_TO_LATIN_KEY: Readonly<Record<string, string>> = Object.fromEntries([...JCUKEN].map((c, i) => [c, QWERTY[i]!]));
