// OpenDocument (.ods, LibreOffice) and Excel 97–2003 (.xls) through SheetJS: the sheet names and one
// sheet's cells as strings, like `readXlsx`. Formulas are never evaluated (their cached result is
// read), dates become `YYYY-MM-DD`, numbers their plain digits.
//
// Why SheetJS (the `@e965/xlsx` package: SheetJS Community Edition 0.20.3 as published by its
// authors, mirrored to npm because SheetJS no longer publishes there; the npm `xlsx` 0.18.5 is years
// old and has known advisories): it is the one maintained JavaScript reader of both formats, has no
// dependencies, and reads from memory. Its own ZIP reader never sees a compressed .ods: it is
// given the stored archive `unzipBounded` wrote, and an .xls holds no compressed data.
import type * as SheetJs from '@e965/xlsx';
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import { AppError } from '../../../../src-shared/result.ts';
import { MAX_COLUMNS } from './limits.ts';
import { cellText, type XlsxTable } from './xlsx.ts';

type Library = typeof SheetJs;
let library: Promise<Library> | null = null;

/** Loaded when a workbook is read (like exceljs): most CLI commands never need it. */
function load(): Promise<Library> {
  library ??= (async () => {
    const xlsx = await import('@e965/xlsx');
    // Excel 95 (BIFF5) stores text in the Windows code page: Windows-1251 in Russian offices.
    const cptable = await import('@e965/xlsx/dist/cpexcel.full.mjs');
    xlsx.set_cptable(cptable);
    return xlsx;
  })();
  return library;
}

const REPEATED = /<table:table-(row|cell)\b([^>]*?)(\/?)>/g;
const attr = (tag: string, name: string): number => {
  const m = new RegExp(`\\b${name}="(\\d+)"`).exec(tag);
  return m ? Math.max(1, Number(m[1])) : 1;
};

/**
 * Cells an .ods sheet spells out once its repetitions are expanded. A few bytes of OpenDocument can
 * say «this cell, 16,384 times, in each of a million rows», which SheetJS would build one by one:
 * refused before it starts. Empty cells (no value, nothing inside) cost nothing and are not counted.
 */
export function odsCellCount(contentXml: string, stopAt: number): number {
  let rows = 1;
  let cells = 0;
  for (const m of contentXml.matchAll(REPEATED)) {
    const tag = m[2]!;
    if (m[1] === 'row') {
      rows = attr(tag, 'table:number-rows-repeated');
      continue;
    }
    const empty = m[3] === '/' && !tag.includes('value-type=');
    if (empty) continue;
    cells += attr(tag, 'table:number-columns-repeated') * rows;
    if (cells > stopAt) return cells;
  }
  return cells;
}

function pickSheet(wb: WorkBook, sheet: string | undefined): { name: string; ws: WorkSheet } {
  const names = wb.SheetNames;
  if (names.length === 0) throw new AppError('import.no_sheets');
  const hidden = (name: string) => (wb.Workbook?.Sheets ?? []).find((s) => s.name === name)?.Hidden;
  const name = sheet !== undefined ? names.find((n) => n === sheet) : (names.find((n) => !hidden(n)) ?? names[0]);
  const ws = name === undefined ? undefined : wb.Sheets[name];
  if (name === undefined || !ws) throw new AppError('import.sheet_not_found', { sheet: sheet ?? '', sheets: names });
  return { name, ws };
}

const valueOf = (cell: CellObject | undefined): unknown => (cell && cell.t !== 'e' && cell.t !== 'z' ? cell.v : null);

/**
 * Reads one sheet of an .ods (`bytes` is the stored archive `unzipBounded` wrote) or .xls:
 * `sheet` by name, else the first visible sheet. Throws `import.*` AppErrors like `readXlsx`.
 */
export async function readWithSheetJs(
  bytes: Uint8Array,
  kind: 'ods' | 'xls',
  fileName: string,
  sheet: string | undefined,
  maxRows: number,
): Promise<XlsxTable> {
  const xlsx = await load();
  let wb: WorkBook;
  try {
    wb = xlsx.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellText: false,
      bookVBA: false,
      // Rows past the limit are not kept: the refusal below only needs to know there are some.
      sheetRows: maxRows + 1,
    });
  } catch {
    throw new AppError(kind === 'xls' ? 'import.office_unreadable' : 'import.workbook_broken', { fileName });
  }
  const { name, ws } = pickSheet(wb, sheet);
  const data = ws['!data'] ?? [];
  if (data.length > maxRows) throw new AppError('import.too_many_rows', { limit: maxRows });
  const rows: string[][] = [];
  const lineOf: number[] = [];
  // forEach skips the holes of these sparse arrays: a cell far away costs one step, not a million.
  data.forEach((row, r) => {
    if (!row) return;
    const cells: string[] = [];
    row.forEach((cell, c) => {
      if (c >= MAX_COLUMNS) return;
      const text = cellText(valueOf(cell));
      if (text === '') return;
      while (cells.length < c) cells.push('');
      cells[c] = text;
    });
    if (cells.length === 0) return;
    rows.push(cells);
    lineOf.push(r + 1);
  });
  return { sheet: name, sheets: wb.SheetNames, rows, lineOf };
}
