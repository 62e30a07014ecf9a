// Limits of the roster importer: a school's roster is a few thousand rows; anything far beyond is
// a wrong file, and it must not freeze the office computer.

import { AppError } from '../../../../src-shared/result.ts';
import { MAX_IMPORT_BYTES } from '../../../../src-shared/roster/limits.ts';

export { MAX_IMPORT_BYTES };
/** The most rows (lines of the sheet or CSV records, header included) the importer reads. */
export const MAX_IMPORT_ROWS = 300_000;
/** The longest value a mapped cell may hold (a full name of three parts fits); longer rows are refused. */
export const MAX_CELL_CHARS = 1000;
/** The longest surname, name or patronymic (the database's limit). */
export const MAX_NAME_PART_CHARS = 200;
/** Data rows in `DetectedFormat.sample`. */
export const SAMPLE_ROWS = 10;
/** The header row is looked for among the first rows (a title or blank lines may come first). */
export const HEADER_SCAN_ROWS = 30;
/**
 * XLSX/ODS: the most their parts may take once inflated, counted as they are inflated (a ZIP's
 * directory may lie). A district of 100,000 students is about 150 MB of OpenDocument XML.
 */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** Columns read from a sheet: a roster has a few dozen; a cell at column 16,384 is not worth a row of 16,384 strings. */
export const MAX_COLUMNS = 512;
/** ODS: cells with a value once repetitions are expanded (a few bytes can ask for billions). */
export const MAX_SHEET_CELLS = 4_000_000;

const MB = 1024 * 1024;

/** The refusal of a file over `MAX_IMPORT_BYTES`, with its size (MB, one decimal). */
export const tooLarge = (byteCount: number): AppError =>
  new AppError('import.too_large', { sizeMb: Math.ceil((byteCount / MB) * 10) / 10, limitMb: MAX_IMPORT_BYTES / MB });
