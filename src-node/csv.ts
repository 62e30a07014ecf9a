// CSV that spreadsheets open correctly (UTF-8 BOM, `;` for Russian Excel, CRLF) and cannot execute:
// a text cell that starts like a formula is prefixed with an apostrophe (OWASP "CSV injection").

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function csvCell(value: Cell, separator = ';'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (s.includes(separator) || s.includes('"') || s.includes('\n') || s.includes('\r') || s !== s.trim()) {
    s = `"${s.replaceAll('"', '""')}"`;
  }
  return s;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>, separator = ';'): string {
  const lines = [header.map((h) => csvCell(h, separator)).join(separator)];
  for (const row of rows) lines.push(row.map((c) => csvCell(c, separator)).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
