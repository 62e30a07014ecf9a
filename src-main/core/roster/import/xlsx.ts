// XLSX: the sheet names and one sheet's cells as strings. Formulas are never evaluated: a formula
// cell gives its cached result. Dates become `YYYY-MM-DD`, numbers their plain digits (phones are
// often stored as numbers), rich text its plain text.

// Loaded when a workbook is read: exceljs takes most of a second to load, which every CLI command
// and every app start would pay otherwise.
import type ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/result.ts';
import { dateObjectToIso } from '../../../../src-shared/roster/normalize.ts';
import { MAX_COLUMNS } from './limits.ts';

export interface XlsxTable {
  sheet: string;
  sheets: string[];
  rows: string[][];
  /** The spreadsheet row number of each row. */
  lineOf: number[];
}

/** A cell value as exceljs gives it → the text the importer reads. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const d = dateObjectToIso(value);
    return d.ok ? d.value : '';
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('error' in v) return '';
    if ('text' in v) return cellText(v.text);
    if ('result' in v) return cellText(v.result);
  }
  return '';
}

async function loadWorkbook(stored: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  try {
    // exceljs' typings want a Node Buffer of its own @types version; the runtime takes any Buffer.
    await wb.xlsx.load(stored as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('import.workbook_broken', { fileName });
  }
  return wb;
}

/**
 * Reads one sheet: `sheet` by name, else the first visible sheet. `stored` is the archive of stored
 * parts `unzipBounded` wrote (exceljs is never handed compressed data). Throws `invalid_input` for
 * a broken workbook, an unknown sheet name or too many rows.
 */
export async function readXlsx(stored: Buffer, fileName: string, sheet: string | undefined, maxRows: number): Promise<XlsxTable> {
  const wb = await loadWorkbook(stored, fileName);
  const worksheets = wb.worksheets;
  const sheets = worksheets.map((w) => w.name);
  if (worksheets.length === 0) throw new AppError('import.no_sheets');
  const ws =
    sheet !== undefined ? worksheets.find((w) => w.name === sheet) : (worksheets.find((w) => w.state === 'visible') ?? worksheets[0]);
  if (!ws) throw new AppError('import.sheet_not_found', { sheet: sheet ?? '', sheets });
  if (ws.actualRowCount > maxRows) throw new AppError('import.too_many_rows', { limit: maxRows });
  const rows: string[][] = [];
  const lineOf: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    const end = Math.min(values.length, MAX_COLUMNS + 1);
    for (let c = 1; c < end; c++) cells.push(cellText(values[c]));
    rows.push(cells);
    lineOf.push(rowNumber);
  });
  return { sheet: ws.name, sheets, rows, lineOf };
}
