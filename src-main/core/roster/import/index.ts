// The roster importer: CSV (UTF-8 / Windows-1251; `;`, `,` or tab) and XLSX files → a
// `ParsedRoster` for the database layer and the wizard's preview. Pure Node, no Electron, no I/O:
// the caller reads the file and passes its bytes.
//
//   const roster = await parseRoster(bytes, 'Список 2026.csv');            // detect everything
//   const fmt = await detectFormat(bytes, name);                           // wizard: preview + mapping
//   const roster2 = await parseRoster(bytes, name, { mapping: edited });   // with the user's overrides
//
// File-level refusals throw `AppError('import.…')` (reasons in src-shared/errors.ts); row problems
// are data in `ParsedRoster.problems`.

import { AppError } from '../../../../src-shared/result.ts';
import { isoDay } from '../../../../src-shared/roster/normalize.ts';
import { missingRequired } from '../../../../src-shared/roster/headers.ts';
import type { DetectedFormat, ImportOptions, ParsedRoster } from '../../../../src-shared/roster/types.ts';
import type { Clock } from '../../clock.ts';
import type { ProgressHook } from '../../../../src-shared/roster/progress.ts';
import { readTable as readTableImpl } from './table.ts';
import type { Table } from './table.ts';
import { locateFormat } from './format.ts';
import { parseLong } from './long.ts';
import { parseWide } from './wide.ts';

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, SAMPLE_ROWS } from './limits.ts';
export type { Table } from './table.ts';
export { tooLarge } from './limits.ts';
export { missingRequired };

export interface ParseEnv {
  /** The import day for birth-date plausibility; the system clock when unset. */
  clock?: Clock;
  /** The import day itself (`YYYY-MM-DD`), when the caller has fixed it: it wins over `clock`. */
  today?: string;
  /** Told how many rows are parsed (the wizard's bar); it may throw to cancel. */
  progress?: ProgressHook;
}

/** Reads the file as a table of strings (every row, blank ones too) with each row's physical line. */
export function readTable(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<Table> {
  return readTableImpl(bytes, fileName, options);
}

/**
 * What the file is and how it will be read: kind, encoding, separator, sheets, header, mapping,
 * layout and the first data rows. Does not require the mapping to be complete (the wizard lets the
 * user fix it); throws only when the file cannot be read as a table or has no data rows.
 */
export async function detectFormat(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<DetectedFormat> {
  return formatOf(await readTableImpl(bytes, fileName, options), options);
}

/** `detectFormat` of a table already read. */
export function formatOf(table: Table, options: ImportOptions = {}): DetectedFormat {
  return locateFormat(table, options).format;
}

/**
 * The whole import pipeline: read, detect (or take the overrides), check the required columns,
 * parse and normalize the rows, match people inside the file.
 */
export async function parseRoster(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
  env: ParseEnv = {},
): Promise<ParsedRoster> {
  return parseTable(await readTableImpl(bytes, fileName, options), options, env);
}

/** `parseRoster` of a table already read. */
export function parseTable(table: Table, options: ImportOptions = {}, env: ParseEnv = {}): ParsedRoster {
  const { format, headerIndex } = locateFormat(table, options);
  const missing = missingRequired(format.mapping, format.layout);
  if (missing.length > 0) {
    throw new AppError('import.missing_columns', {
      missing,
      found: format.header.filter((h) => h !== ''),
      garbled: table.garbled ? { better: table.betterEncoding } : null,
    });
  }
  const today = env.today ?? isoDay(env.clock?.now() ?? new Date());
  return format.layout === 'long'
    ? parseLong(table.rows, table.lineOf, headerIndex, format, today, env.progress)
    : parseWide(table.rows, table.lineOf, headerIndex, format, today, env.progress);
}
