// A district file repeats a few hundred values (classes, sexes, birth dates) over 100,000 rows:
// each distinct value is read once.

import { nameKey } from '../../../../src-shared/roster/normalize.ts';
import type { PersonName } from '../../../../src-shared/roster/normalize.ts';

/**
 * `fn` with its results remembered by argument, for the life of the returned function (one parse).
 * Only for pure functions of the string: the same argument always gives the same result.
 */
export function memoize<T>(fn: (raw: string) => T): (raw: string) => T {
  const known = new Map<string, T>();
  return (raw) => {
    const seen = known.get(raw);
    if (seen !== undefined || known.has(raw)) return seen!;
    const value = fn(raw);
    known.set(raw, value);
    return value;
  };
}

const isRuLetter = (c: number): boolean => (c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451;

/**
 * Cyrillic letters, with single inner spaces or hyphens between letters: `matchKey` of such a part
 * only lower-cases it and writes `ё` as `е`, character by character, so the key of a full name is
 * the keys of its parts joined (no cleaning, hyphen or look-alike step can reach across them).
 */
function isPlainPart(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isRuLetter(c)) continue;
    if ((c !== 0x20 && c !== 0x2d) || i === 0 || i === n - 1 || !isRuLetter(s.charCodeAt(i - 1)) || !isRuLetter(s.charCodeAt(i + 1)))
      return false;
  }
  return true;
}

/**
 * `nameKey` for one parse: a district file repeats a few hundred surnames, names and patronymics, so
 * each distinct part is folded once and a full name's key is its parts' keys joined. A part that is
 * not plain Cyrillic (Latin look-alikes, odd spaces) takes the whole `nameKey` road.
 */
export function nameKeyFolder(): (p: PersonName) => string {
  const parts = new Map<string, string | null>();
  const partKey = (s: string): string | null => {
    let k = parts.get(s);
    if (k === undefined) {
      k = isPlainPart(s) ? s.toLowerCase().replaceAll('ё', 'е') : null;
      parts.set(s, k);
    }
    return k;
  };
  return (p) => {
    const surname = partKey(p.surname);
    const name = partKey(p.name);
    const patronymic = p.patronymic === null ? '' : partKey(p.patronymic);
    if (surname === null || name === null || patronymic === null) return nameKey(p);
    return patronymic === '' ? `${surname} ${name}` : `${surname} ${name} ${patronymic}`;
  };
}
