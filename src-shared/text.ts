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
