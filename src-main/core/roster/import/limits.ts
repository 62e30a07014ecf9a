// Limits of the roster importer: a school's roster is a few thousand rows; anything far beyond is
// a wrong file, and it must not freeze the office computer.

export { MAX_IMPORT_BYTES } from '../../../../src-shared/roster/limits.ts';
/** The most rows (lines of the sheet or CSV records, header included) the importer reads. */
export const MAX_IMPORT_ROWS = 300_000;
/** Data rows in `DetectedFormat.sample`. */
export const SAMPLE_ROWS = 10;
/** The header row is looked for among the first rows (a title or blank lines may come first). */
export const HEADER_SCAN_ROWS = 30;
/** XLSX: the most its parts may take once unpacked (guards against ZIP bombs before exceljs inflates them). */
export const MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024;
