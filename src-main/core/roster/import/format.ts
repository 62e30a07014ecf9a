// The header row, the column mapping and the layout of a table; every detection can be overridden.

import { AppError } from '../../../../src-shared/result.ts';
import { cleanText } from '../../../../src-shared/roster/normalize.ts';
import { adaptMappingToLayout, detectLayout, detectMapping, isFieldKey, mappedFields } from '../../../../src-shared/roster/headers.ts';
import type { ColumnMapping, DetectedFormat, ImportOptions } from '../../../../src-shared/roster/types.ts';
import { HEADER_SCAN_ROWS, SAMPLE_ROWS } from './limits.ts';
import { isBlankRow } from './table.ts';
import type { Table } from './table.ts';

export interface LocatedFormat {
  format: DetectedFormat;
  /** Index in `table.rows` of the header row; data rows follow it. */
  headerIndex: number;
}

/**
 * The header row: among the first non-blank rows, the one where the most columns are recognized
 * (the earliest on a tie). A title line or blank lines above the header are skipped. When nothing
 * is recognized, the first non-blank row is taken as the header.
 */
export function locateHeader(rows: readonly string[][]): { index: number; mapping: ColumnMapping } {
  let best: { index: number; mapping: ColumnMapping; score: number } | null = null;
  let seen = 0;
  for (let i = 0; i < rows.length && seen < HEADER_SCAN_ROWS; i++) {
    const row = rows[i]!;
    if (isBlankRow(row)) continue;
    seen++;
    const mapping = detectMapping(row.map(cleanText));
    const score = mappedFields(mapping).size;
    if (!best || score > best.score) best = { index: i, mapping, score };
  }
  if (!best) throw new AppError('import.empty');
  if (best.score === 0) {
    const first = rows.findIndex((r) => !isBlankRow(r));
    return { index: first, mapping: {} };
  }
  return { index: best.index, mapping: best.mapping };
}

/** Header, mapping, layout and a sample of a table, honouring the overrides in `options`. */
export function locateFormat(table: Table, options: ImportOptions = {}): LocatedFormat {
  const located = locateHeader(table.rows);
  const header = (table.rows[located.index] ?? []).map(cleanText);
  const userMapping = options.mapping ? normalizeMapping(options.mapping, header.length) : null;
  const layout = options.layout ?? detectLayout(userMapping ?? located.mapping);
  const mapping = adaptMappingToLayout(userMapping ?? located.mapping, layout);
  const sample: string[][] = [];
  let dataRows = 0;
  for (let i = located.index + 1; i < table.rows.length; i++) {
    const row = table.rows[i]!;
    if (isBlankRow(row)) continue;
    dataRows++;
    if (sample.length < SAMPLE_ROWS) sample.push([...row]);
    else break;
  }
  if (dataRows === 0) throw new AppError('import.header_only');
  return {
    headerIndex: located.index,
    format: {
      kind: table.kind,
      encoding: table.encoding,
      garbled: table.garbled,
      betterEncoding: table.betterEncoding,
      separator: table.separator,
      sheet: table.sheet,
      sheets: table.sheets,
      layout,
      header,
      mapping,
      sample,
    },
  };
}

/** A mapping from the wizard (keys arrive as strings over RPC): integer columns and known fields only. */
function normalizeMapping(mapping: ColumnMapping, width: number): ColumnMapping {
  const out: ColumnMapping = {};
  for (const [k, v] of Object.entries(mapping)) {
    const col = Number(k);
    if (Number.isInteger(col) && col >= 0 && col < Math.max(width, 1024) && isFieldKey(v)) out[col] = v;
  }
  return out;
}
