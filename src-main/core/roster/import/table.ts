// Bytes → a table of strings with the physical line of every row, whatever the file format.

import { AppError } from '../../../../src-shared/result.ts';
import type { Encoding, ImportOptions, Separator } from '../../../../src-shared/roster/types.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, tooLarge } from './limits.ts';
import { sniff } from './sniff.ts';
import { decodeText, encodingCheck } from './decode.ts';
import { detectSeparator, parseCsv } from './csv.ts';
import { readWorkbook, type WorkbookKind } from './workbook.ts';

export interface Table {
  kind: 'csv' | WorkbookKind;
  /** CSV: the encoding read (`null` for UTF-16 with a BOM); a spreadsheet: `null`. */
  encoding: Encoding | null;
  /** CSV: the text looks read in the wrong encoding; `betterEncoding` reads it cleanly, if one does. */
  garbled: boolean;
  betterEncoding: Encoding | null;
  separator: Separator | null;
  sheet: string | null;
  sheets: string[];
  /** Every row of the file or sheet, blank ones included (they are skipped later). */
  rows: string[][];
  /** Physical line (CSV, 1-based, where the record starts) or sheet row number of each row. */
  lineOf: number[];
}

export const isBlankRow = (row: readonly string[]): boolean => row.every((c) => c.trim() === '');

/** Reads a CSV, XLSX, ODS or XLS file. Throws an `import.*` AppError when it is not a readable table. */
export async function readTable(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<Table> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw tooLarge(bytes.length);
  }
  const kind = sniff(bytes, fileName);
  let table: Table;
  if (kind !== 'text') {
    const { kind: workbook, table: x } = await readWorkbook(bytes, kind, fileName, options.sheet, MAX_IMPORT_ROWS);
    table = {
      kind: workbook,
      encoding: null,
      garbled: false,
      betterEncoding: null,
      separator: null,
      sheet: x.sheet,
      sheets: x.sheets,
      rows: x.rows,
      lineOf: x.lineOf,
    };
  } else {
    const read = decodeText(bytes, options.encoding);
    const { text, encoding } = read;
    if (/^\s*<(!doctype\s+html|html|table|\?xml)/i.test(text.slice(0, 512))) throw new AppError('import.html', { fileName });
    const separator = options.separator ?? detectSeparator(text);
    const csv = parseCsv(text, separator, MAX_IMPORT_ROWS);
    table = {
      kind: 'csv',
      encoding,
      ...encodingCheck(bytes, read),
      separator,
      sheet: null,
      sheets: [],
      rows: csv.rows,
      lineOf: csv.lineOf,
    };
  }
  if (table.rows.every(isBlankRow)) throw new AppError('import.empty');
  return table;
}
