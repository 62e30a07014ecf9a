// The one password policy of Kurator: portal accounts and office operators alike (NIST SP 800-63B:
// length, no composition rules, a blocklist that includes the person's own login, names and dates).
import { fold, RUSSIAN_TO_LATIN_KEY } from '../text.ts';
import { transliterate } from './translit.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'has_login' | 'has_name' | 'has_birth_date' | 'common';

export interface PasswordContext {
  /** The login the password goes with. */
  login?: string | null | undefined;
  /** Names and surnames of the person (and, for a parent, nothing else: children's names are not secret either). */
  names?: readonly (string | null | undefined)[];
  /** ISO dates (`2013-08-10`): the person's birth date, or a parent's children's. */
  birthDates?: readonly (string | null | undefined)[];
  /**
   * Whether a folded password is on a list of common passwords. The list is large, so it is injected
   * where it is loaded (src-node/common-passwords.ts); a form in the browser checks everything else.
   */
  isCommon?: (folded: string) => boolean;
}

/** Names shorter than this are not looked for inside a password («Ян» is in too many words). */
const MIN_NAME = 3;

const typedOnLatinLayout = (s: string): string => [...s].map((c) => RUSSIAN_TO_LATIN_KEY[c] ?? c).join('');

/** The ways a person writes a name into a password: as is, transliterated, or typed with the wrong layout. */
function nameForms(name: string): string[] {
  const f = fold(name).replace(/[\s-]/g, '');
  if ([...f].length < MIN_NAME) return [];
  return [...new Set([f, transliterate(f), typedOnLatinLayout(f)])].filter((x) => x.length >= MIN_NAME);
}

/** ДДММГГГГ, ГГГГММДД, ДДММГГ, ММДДГГГГ … of an ISO date, digits only. */
export function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const yy = y.slice(2);
  return [`${d}${mo}${y}`, `${y}${mo}${d}`, `${d}${mo}${yy}`, `${yy}${mo}${d}`, `${mo}${d}${y}`];
}

/** Dates written with separators and without leading zeros (`1.8.2013`), as typed. */
function separatedForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const dn = String(Number(d));
  const mn = String(Number(mo));
  const out: string[] = [];
  for (const sep of ['.', '/', '-']) {
    for (const [dd, mm] of [
      [d, mo],
      [dn, mn],
    ]) {
      out.push(`${dd}${sep}${mm}${sep}${y}`, `${dd}${sep}${mm}${sep}${y.slice(2)}`);
    }
  }
  return out;
}

/** The first reason the password is refused, or null. */
export function passwordProblem(password: string, ctx: PasswordContext = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  const folded = fold(password);
  const login = ctx.login ? fold(ctx.login.trim()) : '';
  if (login.length >= MIN_NAME && folded.includes(login)) return 'has_login';
  const compact = folded.replace(/[\s-]/g, '');
  for (const name of ctx.names ?? []) {
    if (name && name.split(/\s+/).some((part) => nameForms(part).some((f) => compact.includes(f)))) return 'has_name';
  }
  const digits = password.replace(/\D/g, '');
  for (const iso of ctx.birthDates ?? []) {
    if (!iso) continue;
    if (dateForms(iso).some((f) => digits.includes(f)) || separatedForms(iso).some((f) => password.includes(f))) return 'has_birth_date';
  }
  if (ctx.isCommon?.(folded)) return 'common';
  return null;
}
