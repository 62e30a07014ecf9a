// Text folding for matching: case and ё/е do not matter, what the school typed is kept as is.

/** Lower case, `ё` → `е`, collapsed spaces: the key two spellings of one name share. */
export function fold(s: string): string {
  return s.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}
