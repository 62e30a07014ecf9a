// The lists as files: the printout (a print job for preview/printer/PDF) and the XLSX, for a class or
// the whole school. Shared by the desk (RPC) and the CLI.
import type { Core } from '../core.ts';
import type { Actor } from '../services/audit.ts';
import type { PrintJobData } from '../codes/print-jobs.ts';
import { listsHtml, listsXlsx } from './lists-export.ts';
import { t } from '../../../src-shared/i18n/index.ts';

const l = t.deskAccounts.lists;

function scopeOf(core: Core, classId: number | null): { classId: number; className: string } | null {
  if (classId === null) return null;
  const name = core.roster.classes().find((c) => c.id === classId)?.name ?? String(classId);
  return { classId, className: name };
}

export function listsPrintJob(core: Core, actor: Actor, classId: number | null): PrintJobData {
  const scope = scopeOf(core, classId);
  const rows = core.accounts.lists(actor, scope);
  const label = scope?.className ?? l.all;
  const html = listsHtml(core.settings.get().schoolName, label, core.clock.now().toLocaleDateString('ru-RU'), rows);
  return { kind: 'lists', html, codeIds: [], fileName: l.fileName(label, 'pdf'), details: { class: label } };
}

export async function listsFile(core: Core, actor: Actor, classId: number | null): Promise<{ fileName: string; bytes: Buffer }> {
  const scope = scopeOf(core, classId);
  const rows = core.accounts.lists(actor, scope);
  return { fileName: l.fileName(scope?.className ?? l.all, 'xlsx'), bytes: await listsXlsx(rows) };
}
