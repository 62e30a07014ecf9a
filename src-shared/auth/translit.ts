// Russian → Latin as in Russian passports (ICAO 9303, used since 2014): logins are suggested from it
// and passwords are checked against the name written this way.
const TABLE: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Lower-case transliteration; characters outside the Russian alphabet are kept. */
export function transliterate(s: string): string {
  let out = '';
  for (const c of s.toLowerCase()) out += TABLE[c] ?? c;
  return out;
}
