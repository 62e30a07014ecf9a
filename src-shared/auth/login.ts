// Portal logins: chosen by the person, 3–32 characters, lower-case Latin letters, digits, `.`, `_`, `-`,
// starting with a letter, unique on the whole portal. The desk recognises them in its search box too.
import { fold } from '../text.ts';
import { transliterate } from './translit.ts';

export const LOGIN_MIN = 3;
export const LOGIN_MAX = 32;
export const LOGIN_RE = /^[a-z][a-z0-9._-]{2,31}$/;

export type LoginProblem = 'required' | 'too_short' | 'too_long' | 'not_latin' | 'bad_chars' | 'bad_start';

/** A login as typed, read forgivingly: spaces around it dropped, capitals lowered. */
export const readLogin = (typed: string): string => typed.trim().toLowerCase();

export function loginProblem(login: string): LoginProblem | null {
  if (login === '') return 'required';
  const length = [...login].length;
  if (length < LOGIN_MIN) return 'too_short';
  if (length > LOGIN_MAX) return 'too_long';
  if (/[а-яё]/i.test(login)) return 'not_latin';
  if (!/^[a-z0-9._-]+$/.test(login)) return 'bad_chars';
  if (!/^[a-z]/.test(login)) return 'bad_start';
  return null;
}

export const isLogin = (s: string): boolean => LOGIN_RE.test(s);

const slug = (s: string | null | undefined): string =>
  transliterate(fold(s ?? ''))
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 20);

/**
 * Logins to suggest for a person, best first (`ivanova.maria`, `ivanova.m`, `m.ivanova`, then with
 * digits); the caller offers the first one nobody has taken.
 */
export function loginCandidates(person: { surname: string; name: string; birthYear?: number | null }, count = 12): string[] {
  const sur = slug(person.surname);
  const first = slug(person.name);
  const bases = [`${sur}.${first}`, `${sur}.${first.slice(0, 1)}`, `${first.slice(0, 1)}.${sur}`, `${first}.${sur}`].filter((b) =>
    LOGIN_RE.test(b),
  );
  const base = bases[0] ?? (LOGIN_RE.test(sur) ? sur : 'user');
  const out = new Set(bases);
  if (person.birthYear) out.add(`${base}${person.birthYear}`.slice(0, LOGIN_MAX));
  for (let i = 2; out.size < count; i++) out.add(`${base.slice(0, LOGIN_MAX - String(i).length)}${i}`);
  return [...out].filter((l) => LOGIN_RE.test(l)).slice(0, count);
}
