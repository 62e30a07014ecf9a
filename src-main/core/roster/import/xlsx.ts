// XLSX: the sheet names and one sheet's cells as strings. Formulas are never evaluated: a formula
// cell gives its cached result. Dates become `YYYY-MM-DD`, numbers their plain digits (phones are
// often stored as numbers), rich text its plain text.

// Loaded when a workbook is read: exceljs takes most of a second to load, which every CLI command
// and every app start would pay otherwise.
import type ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/result.ts';
import { dateObjectToIso } from '../../../../src-shared/roster/normalize.ts';
import { MAX_XLSX_UNPACKED_BYTES } from './limits.ts';

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

/**
 * The total unpacked size of a ZIP's entries from its central directory, or `null` when the
 * directory cannot be found (a damaged archive: exceljs will say so). ZIP64 sizes count as infinite.
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

async function loadWorkbook(bytes: Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unpacked = zipUnpackedSize(buf);
  if (unpacked !== null && unpacked > MAX_XLSX_UNPACKED_BYTES) {
    throw new AppError('import.too_large_unpacked', { fileName, limitMb: MAX_XLSX_UNPACKED_BYTES / (1024 * 1024) });
  }
  // ZIP entry names are stored in clear text: a workbook's parts live under `xl/` (a .docx has
  // `word/`, an .ods `content.xml`). A damaged workbook still shows some of them.
  if (!buf.includes('xl/')) {
    throw new AppError('import.zip_not_xlsx', { fileName });
  }
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  try {
    // exceljs' typings want a Node Buffer of its own @types version; the runtime takes any Buffer.
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('import.xlsx_broken', { fileName });
  }
  return wb;
}

/**
 * Reads one sheet: `sheet` by name, else the first visible sheet. Throws `invalid_input` for a ZIP
 * that is not a workbook, a broken workbook, an unknown sheet name or too many rows.
 */
export async function readXlsx(bytes: Uint8Array, fileName: string, sheet: string | undefined, maxRows: number): Promise<XlsxTable> {
  const wb = await loadWorkbook(bytes, fileName);
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
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
    rows.push(cells);
    lineOf.push(rowNumber);
  });
  return { sheet: ws.name, sheets, rows, lineOf };
}
