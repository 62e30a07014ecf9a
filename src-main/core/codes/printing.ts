// From a scope and an audience to a printout: the HTML document (preview, printer, PDF) and the
// codes on it. Shared by the desk (RPC) and the CLI.
import type { Core } from '../core.ts';
import { familySheetsHtml, htmlToPdf, invitationsHtml, type SlipsPerPage } from '../print/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { Audience, CodeScope, FamilyGap } from '../../../src-shared/codes/views.ts';
import type { PrintJobData } from './print-jobs.ts';
import { stoppable, type WorkControl } from '../work.ts';

export interface PrintRequest {
  kind: 'invitations' | 'families';
  scope: CodeScope;
  audience: Audience;
  layout: SlipsPerPage;
  /** Only codes never printed yet (invitations; family sheets always show a parent's every code). */
  onlyUnprinted?: boolean;
  /** Only these codes of the scope: the ones just reissued. */
  codeIds?: readonly number[];
}

export async function prepareInvitations(
  core: Core,
  req: PrintRequest,
  /** The bar (slips drawn of all) and its cancel: nothing is written while slips are prepared. */
  control?: WorkControl,
): Promise<{
  job: PrintJobData;
  missing: number;
  /** Children the family sheets leave out (see `Codes.familyGaps`). */ familyGaps: FamilyGap[];
}> {
  const settings = core.settings.get();
  const school = {
    name: settings.schoolName,
    registrationUrl: core.settings.registrationAddress(),
    curatorContact: settings.curatorContact,
    deputyContact: settings.deputyContact,
    supportHours: settings.supportHours,
  };
  const audience: Audience = req.kind === 'families' ? 'parents' : req.audience;
  const printable = core.codes.printable(req.scope, audience);
  if (req.codeIds) {
    const wanted = new Set(req.codeIds);
    printable.rows = printable.rows.filter((r) => wanted.has(r.id));
  }
  const { missing } = printable;
  const onlyUnprinted = req.kind === 'invitations' && req.onlyUnprinted === true;
  const rows =
    req.kind === 'families'
      ? req.codeIds
        ? printable.rows.filter((r) => r.kind === 'parent')
        : core.codes.familyRows(req.scope, printable.rows)
      : onlyUnprinted
        ? printable.rows.filter((r) => r.printCount === 0)
        : printable.rows;
  if (rows.length === 0) throw new AppError(onlyUnprinted && printable.rows.length > 0 ? 'print.all_printed' : 'print.nothing');
  const first = rows[0]!;
  const where =
    'classId' in req.scope
      ? `${first.grade}${first.letter}`
      : 'all' in req.scope
        ? t.codes.scopeAll
        : 'guardianId' in req.scope
          ? (first.guardianSurname ?? t.printFiles.parent)
          : first.studentSurname;
  const progress = control && stoppable(control.progress, () => control.signal.aborted, 'print.cancelled');
  let html: string;
  let fileName: string;
  if (req.kind === 'families') {
    const families = core.codes.families(rows);
    html = await familySheetsHtml({ school, families, ...(progress ? { progress } : {}) });
    fileName = t.printFiles.families(where);
  } else {
    html = await invitationsHtml({ school, slips: core.codes.slips(rows), layout: req.layout, ...(progress ? { progress } : {}) });
    fileName = t.printFiles.invitations(where, t.printFiles.audience[audience]);
  }
  const scope = 'classId' in req.scope ? t.codes.scopeClass(where) : where;
  return {
    job: {
      kind: req.kind,
      html,
      codeIds: rows.filter((r) => req.kind === 'invitations' || r.kind === 'parent').map((r) => r.id),
      fileName,
      details: {
        kind: req.kind,
        scope,
        audience,
        ...(req.kind === 'invitations' ? { layout: req.layout } : {}),
        ...(onlyUnprinted ? { onlyUnprinted } : {}),
        ...(req.codeIds ? { selectedCodes: req.codeIds.length } : {}),
      },
    },
    missing,
    familyGaps: req.kind === 'families' && !req.codeIds ? core.codes.familyGaps(req.scope) : [],
  };
}

/** HTML → PDF through Chromium (browser mode and the CLI; Electron uses its own printToPDF). */
export async function renderPrintJob(html: string): Promise<Buffer> {
  try {
    return await htmlToPdf(html);
  } catch (e) {
    if (e instanceof Error && /Chromium|chromium|executable/.test(e.message)) throw new AppError('print.no_chromium');
    throw e;
  }
}
