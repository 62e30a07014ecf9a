// Spreadsheet files (anything that is not text): XLSX and ODS (ZIP archives), XLS (an OLE compound
// file). Which one it is comes from the content, never from the file name.
import { AppError } from '../../../../src-shared/result.ts';
import { MAX_SHEET_CELLS, MAX_UNPACKED_BYTES } from './limits.ts';
import { readWithSheetJs, odsCellCount } from './sheetjs.ts';
import { readXlsx, type XlsxTable } from './xlsx.ts';
import { BrokenZip, storedZip, unzipBounded, zipNames, type ZipPart } from './zip.ts';

export type WorkbookKind = 'xlsx' | 'ods' | 'xls';

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** XLSX or ODS by the part names of a ZIP (read from its directory, nothing inflated); null for neither. */
function zipKind(names: readonly string[]): 'xlsx' | 'ods' | null {
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.includes('content.xml')) return 'ods';
  return null;
}

function odsChecks(parts: readonly ZipPart[], fileName: string, maxRows: number): void {
  const mimetype = parts
    .find((p) => p.name === 'mimetype')
    ?.data.toString('latin1')
    .trim();
  // A text document (.odt) has content.xml too.
  if (mimetype !== undefined && mimetype !== ODS_MIMETYPE) throw new AppError('import.zip_not_sheet', { fileName });
  const content = parts.find((p) => p.name === 'content.xml')!.data.toString('latin1');
  if (odsCellCount(content, MAX_SHEET_CELLS) > MAX_SHEET_CELLS) throw new AppError('import.too_many_rows', { limit: maxRows });
}

async function readZip(bytes: Uint8Array, fileName: string, sheet: string | undefined, maxRows: number) {
  const names = zipNames(bytes);
  if (names === null) throw new AppError('import.workbook_broken', { fileName });
  const kind = zipKind(names);
  if (kind === null) throw new AppError('import.zip_not_sheet', { fileName });
  let parts: ZipPart[];
  try {
    parts = await unzipBounded(bytes, fileName, MAX_UNPACKED_BYTES);
  } catch (e) {
    if (e instanceof BrokenZip) throw new AppError('import.workbook_broken', { fileName });
    throw e;
  }
  if (kind === 'ods') odsChecks(parts, fileName, maxRows);
  const stored = storedZip(parts);
  parts.length = 0; // the stored archive holds them now
  const table =
    kind === 'xlsx' ? await readXlsx(stored, fileName, sheet, maxRows) : await readWithSheetJs(stored, 'ods', fileName, sheet, maxRows);
  return { kind, table };
}

/** Reads one sheet of a spreadsheet file that `sniff` called `zip` or `ole`. */
export async function readWorkbook(
  bytes: Uint8Array,
  container: 'zip' | 'ole',
  fileName: string,
  sheet: string | undefined,
  maxRows: number,
): Promise<{ kind: WorkbookKind; table: XlsxTable }> {
  if (container === 'zip') return readZip(bytes, fileName, sheet, maxRows);
  return { kind: 'xls', table: await readWithSheetJs(bytes, 'xls', fileName, sheet, maxRows) };
}
