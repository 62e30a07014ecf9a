// The lists for class teachers and the deputy director (#9) as a printout (the print path's HTML: no
// scripts, inline style) and as XLSX (exceljs, which the importer already uses), one sheet per list.
import { html, trusted } from '../../../src-node/html.ts';
import { ruDeskAccounts } from '../../../src-shared/i18n/ru-desk-accounts.ts';
import type { AccountListsRow } from '../../../src-shared/sync/views.ts';
import { PRINT_CSP } from '../print/layout.ts';

const l = ruDeskAccounts.lists;

const CSS = `
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans", "PT Sans", Arial, "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #111827; }
h1 { font-size: 13pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 5mm 0 1mm; }
p { margin: 0 0 2mm; color: #4b5563; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.2mm solid #9ca3af; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } tr { break-inside: avoid; }
`;

type Columns = { header: string; value: (r: AccountListsRow) => string }[];

const role = (r: AccountListsRow) => (r.role === 'parent' && r.children.length ? l.parentOf(r.children) : l.roles[r.role]);
const phones = (r: AccountListsRow) => r.parentPhones.join(', ');

const COLUMNS: Record<AccountListsRow['list'], Columns> = {
  not_registered: [
    { header: l.columns.className, value: (r) => r.className },
    { header: l.columns.fullName, value: (r) => r.fullName },
    { header: l.columns.role, value: role },
    { header: l.columns.phones, value: phones },
    { header: l.columns.code, value: (r) => (r.codeIssued ? l.codeIssued : l.codeMissing) },
  ],
  cannot_recover: [
    { header: l.columns.className, value: (r) => r.className },
    { header: l.columns.fullName, value: (r) => r.fullName },
    { header: l.columns.role, value: role },
    { header: l.columns.phones, value: phones },
    { header: l.columns.login, value: (r) => r.login ?? '' },
  ],
};

const TITLES: Record<AccountListsRow['list'], string> = { not_registered: l.notRegistered, cannot_recover: l.cannotRecover };
const LISTS = ['not_registered', 'cannot_recover'] as const;

export function listsHtml(school: string, scope: string, made: string, rows: readonly AccountListsRow[]): string {
  const section = (list: AccountListsRow['list']) => {
    const mine = rows.filter((r) => r.list === list);
    const cols = COLUMNS[list];
    const table = mine.length
      ? html`<table>
<thead><tr>${cols.map((c) => html`<th>${c.header}</th>`)}</tr></thead>
<tbody>${mine.map((r) => html`<tr>${cols.map((c) => html`<td>${c.value(r)}</td>`)}</tr>`)}</tbody>
</table>`
      : html`<p>${l.none}</p>`;
    return html`<section data-list="${list}"><h2>${TITLES[list]} (${mine.length})</h2>
${list === 'cannot_recover' ? html`<p>${l.cannotRecoverHint}</p>` : html``}${table}</section>`;
  };
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="referrer" content="no-referrer">
<title>${l.documentTitle(scope)}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<h1>${school}: ${l.documentTitle(scope)}</h1>
<p>${l.made(made)}</p>
${LISTS.map(section)}
</body>
</html>
`.value;
}

export async function listsXlsx(rows: readonly AccountListsRow[]): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  for (const list of LISTS) {
    const ws = wb.addWorksheet(l.sheets[list]);
    const cols = COLUMNS[list];
    ws.columns = cols.map((c) => ({ header: c.header, width: c.header === l.columns.fullName ? 34 : 22 }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows.filter((x) => x.list === list)) ws.addRow(cols.map((c) => c.value(r)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
