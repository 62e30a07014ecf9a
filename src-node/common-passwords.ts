// The blocklist of the password policy (src-shared/auth/password-policy.ts): the 49,000 passwords
// zxcvbn-ts ships as most common in leaks, and what Russian speakers type that those lists miss
// (Cyrillic words, Russian words typed on the Latin layout, keyboard rows of ЙЦУКЕН).
import { createRequire } from 'node:module';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';
import { fold } from '../src-shared/text.ts';
import { PASSWORD_MIN } from '../src-shared/auth/password-policy.ts';

const RUSSIAN = [
  'йцукенгш',
  'йцукенгшщз',
  'йцукенгшщзхъ',
  'фывапролд',
  'фывапролджэ',
  'ячсмитьб',
  'пароль123',
  'парольпароль',
  'пароль1234',
  'qwertyйцукен',
  'ghbdtnghbdtn',
  'ghbdtn123',
  'gfhjkm123',
  'gfhjkmgfhjkm',
  'privet123',
  'parol123',
  'parolparol',
  'rfhfylfi',
  'cjkysirj',
  'vfvfgfgf',
  'fktrcfylh',
  'zxcvbnm123',
  '1q2w3e4r',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4',
  'q1w2e3r4t5',
  '1qaz2wsx3edc',
  'zaq12wsx',
  'qazwsxedc',
  '123qweasd',
  '123qweasdzxc',
  'qweasdzxc',
  'qwerty123',
  'qwerty1234',
  'qwerty12345',
  'йцукен123',
  'солнышко',
  'любовь123',
  'россия2026',
  'школа1234',
  'школа2026',
  'dnevnik123',
  'eljur123',
  'kurator123',
];

let set: Set<string> | null = null;

/**
 * The list is decompressed as its package loads (~0.1 s): it is required on the first check, so that
 * starts that check no password (most CLI commands, the app until someone sets one) do not pay for
 * it. A synchronous require, because the policy's checks are synchronous.
 */
function load(): Set<string> {
  const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof LanguageCommon;
  const all = [...(dictionary['passwords-common'] as string[]), ...RUSSIAN];
  return new Set(all.map(fold).filter((p) => [...p].length >= PASSWORD_MIN));
}

/** Whether a folded password is a common one (the list is loaded on first use). */
export function isCommonPassword(folded: string): boolean {
  set ??= load();
  return set.has(folded);
}
