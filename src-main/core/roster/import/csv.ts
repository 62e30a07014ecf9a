// CSV: separator detection and parsing (papaparse) with the physical line of every record, so that
// a problem in a record whose quoted field spans lines names the line the record starts on.

import Papa from 'papaparse';
import { AppError } from '../../../../src-shared/result.ts';
import type { Separator } from '../../../../src-shared/roster/types.ts';

const SEPARATORS: readonly Separator[] = [';', '\t', ','];
const DETECT_RECORDS = 30;

/**
 * Counts of each candidate separator outside double quotes, per record, over the first records
 * (a record may span lines inside quotes; blank lines are skipped).
 */
function countSeparators(text: string): Record<Separator, number[]> {
  const counts: Record<Separator, number[]> = { ';': [], '\t': [], ',': [] };
  let cur: Record<Separator, number> = { ';': 0, '\t': 0, ',': 0 };
  let inQuotes = false;
  let nonEmpty = false;
  let records = 0;
  for (let i = 0; i < text.length && records < DETECT_RECORDS; i++) {
    const c = text[i];
    if (c === '"') {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (!inQuotes && c === '\n') {
      if (nonEmpty) {
        for (const s of SEPARATORS) counts[s].push(cur[s]);
        records++;
      }
      cur = { ';': 0, '\t': 0, ',': 0 };
      nonEmpty = false;
    } else if (!inQuotes && (c === ';' || c === '\t' || c === ',')) {
      cur[c]++;
      nonEmpty = true;
    } else if (c !== '\r' && c !== ' ') nonEmpty = true;
  }
  if (nonEmpty && records < DETECT_RECORDS) for (const s of SEPARATORS) counts[s].push(cur[s]);
  return counts;
}

/**
 * The separator whose count outside quotes is the most consistent over the first records (the
 * share of records with the most common non-zero count), then the larger count, then `;` before
 * tab before `,` (commas are common inside unquoted Russian text). `;` when nothing separates.
 */
export function detectSeparator(text: string): Separator {
  const counts = countSeparators(text);
  let best: { sep: Separator; agree: number; mode: number } | null = null;
  for (const sep of SEPARATORS) {
    const list = counts[sep];
    const freq = new Map<number, number>();
    for (const n of list) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [n, f] of freq) if (f > modeFreq || (f === modeFreq && n > mode)) [mode, modeFreq] = [n, f];
    if (mode === 0) continue;
    const agree = modeFreq / Math.max(1, list.length);
    if (!best || agree > best.agree + 1e-9 || (Math.abs(agree - best.agree) <= 1e-9 && mode > best.mode)) best = { sep, agree, mode };
  }
  return best?.sep ?? ';';
}

export interface CsvTable {
  rows: string[][];
  /** Physical line (1-based) where each record starts. */
  lineOf: number[];
}

const countNewlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * `\n` or `\r\n` when every line break of the text is so; `null` for a mix (CRLF rows with a lone
 * `\n` inside a quoted cell, as Excel writes Alt+Enter, or old-Mac CR): the text is then normalized
 * to `\n`, which costs a copy of it.
 */
function lineEnding(text: string): '\n' | '\r\n' | null {
  const firstCr = text.indexOf('\r');
  if (firstCr === -1) return '\n';
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (text.charCodeAt(i - 1) === 13) crlf++;
  }
  let cr = 0;
  for (let i = firstCr; i !== -1; i = text.indexOf('\r', i + 1)) cr++;
  if (cr !== crlf) return null; // lone CR line ends (old Mac)
  if (crlf === lf) return '\r\n';
  return null;
}

/** Parses CSV text (any line ends) with the given separator. Throws on an unterminated quote or too many rows. */
export function parseCsv(text: string, separator: Separator, maxRows: number): CsvTable {
  const newline = lineEnding(text);
  const result = Papa.parse<string[]>(newline === null ? text.replace(/\r\n?/g, '\n') : text, {
    delimiter: separator,
    newline: newline ?? '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    preview: maxRows + 2,
  });
  const rows = result.data;
  if (rows.length > maxRows + 1 || (rows.length === maxRows + 1 && rows[maxRows]!.some((c) => c !== ''))) {
    throw new AppError('import.too_many_rows', { limit: maxRows });
  }
  const lineOf: number[] = new Array<number>(rows.length);
  let line = 1;
  for (let r = 0; r < rows.length; r++) {
    lineOf[r] = line;
    let n = 1;
    for (const cell of rows[r]!) if (cell.includes('\n')) n += countNewlines(cell);
    line += n;
  }
  const missing = result.errors.find((e) => e.code === 'MissingQuotes');
  if (missing) {
    const row = typeof missing.row === 'number' ? missing.row : rows.length - 1;
    throw new AppError('import.unclosed_quote', { line: lineOf[row] ?? line });
  }
  return { rows, lineOf };
}
