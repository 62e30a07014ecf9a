// Email addresses typed on the portal: the importer's syntax rule, and a hint for the domain typos
// people make on a phone keyboard (`gmial.com`, `mail.ry`, `yandex.ri`).
import { normalizeEmail } from '../roster/normalize.ts';

export { normalizeEmail };

/** Mail services Russian families use most; a typed domain one or two keystrokes away is pointed out. */
const COMMON_DOMAINS = [
  'mail.ru',
  'yandex.ru',
  'ya.ru',
  'gmail.com',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'rambler.ru',
  'internet.ru',
  'icloud.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'yandex.com',
] as const;

/** Real services one keystroke from a common one (`ok.ru` ~ `bk.ru`, `mail.com` ~ `gmail.com`): never "corrected". */
const REAL_LOOKALIKES = new Set(['ok.ru', 'mail.com', 'email.com', 'gmail.ru', 'inbox.com', 'list.com']);

/**
 * Country domains families next door and in Russia's regions use: `yandex.by`, `mail.ua`, `mail.kz` are
 * the same services in another country, not a typo of `.ru` (a typo's ending is no country: `mail.ry`).
 */
const COUNTRY_ENDINGS = new Set([
  'ru',
  'by',
  'kz',
  'ua',
  'uz',
  'kg',
  'tj',
  'am',
  'az',
  'ge',
  'md',
  'lv',
  'lt',
  'ee',
  'tr',
  'de',
  'com',
  'net',
  'org',
]);

const name = (domain: string) => domain.slice(0, domain.lastIndexOf('.'));
const ending = (domain: string) => domain.slice(domain.lastIndexOf('.') + 1);

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The address with its domain corrected when it looks like a typo of a common one (`ivan@gmial.com` → `ivan@gmail.com`). */
export function emailTypoSuggestion(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const domain = email.slice(at + 1).toLowerCase();
  if ((COMMON_DOMAINS as readonly string[]).includes(domain) || REAL_LOOKALIKES.has(domain)) return null;
  let best: { domain: string; d: number } | null = null;
  for (const known of COMMON_DOMAINS) {
    if (name(domain) === name(known) && COUNTRY_ENDINGS.has(ending(domain))) return null;
    const d = distance(domain, known, 2);
    if (d <= (known.length <= 6 ? 1 : 2) && (!best || d < best.d)) best = { domain: known, d };
  }
  return best ? `${email.slice(0, at)}@${best.domain}` : null;
}
