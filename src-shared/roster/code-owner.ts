// Whose an invitation code is, in the words the search box and `kurator find` both print.
import { t } from '../i18n/index.ts';
import type { SearchResult } from './search.ts';

export function codeOwner(c: NonNullable<SearchResult['code']>): string {
  const child = `${c.studentName}, ${c.className}`;
  if (c.kind === 'student') return `${t.codes.kindCap.student}: ${child}`;
  return `${t.codes.kindCap.parent}${c.guardianName ? ` (${c.guardianName})` : ''}: ${child}`;
}
