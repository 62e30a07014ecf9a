import type { Core } from '../core.ts';
import type { HandlerGroup } from './types.ts';
import { toCsv, type Cell } from '../../../src-node/csv.ts';
import { errorMessage, t } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { MAX_IMPORT_BYTES, tooLarge } from '../roster/import/index.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';
import type { ImportControl } from '../roster/import-runner.ts';
import type { ClassDetail } from '../../../src-shared/roster/views.ts';
import { searchBox } from '../services/search-box.ts';

function reportCsv(fileName: string, r: ImportReport): string {
  const rows: Cell[][] = [];
  const kinds = [
    [t.rosterImport.kinds.classes, r.classes],
    [t.rosterImport.kinds.students, r.students],
    [t.rosterImport.kinds.guardians, r.guardians],
    [t.rosterImport.kinds.links, r.links],
    [t.rosterImport.kinds.staff, r.staff],
  ] as const;
  for (const [label, c] of kinds)
    rows.push([
      t.rosterImport.report.summary,
      null,
      null,
      label,
      `${t.rosterImport.added} ${c.added}, ${t.rosterImport.updated} ${c.updated}, ${t.rosterImport.unchanged} ${c.unchanged}`,
    ]);
  for (const d of r.duplicates)
    rows.push([t.rosterImport.report.duplicate, d.line, null, '', t.rosterImport.duplicateOf(d.line, d.duplicateOf)]);
  for (const e of r.errors) rows.push([t.rosterImport.report.error, e.line, e.who ?? null, e.field, e.message]);
  for (const w of r.warnings) rows.push([t.rosterImport.report.warning, w.line, w.who ?? null, w.field, w.message]);
  for (const c of r.conflicts) rows.push([t.rosterImport.report.conflict, c.line, null, c.field, c.message]);
  for (const m of r.missing) rows.push([t.rosterImport.report.missing, null, m.fullName, m.className, `№ ${m.id}`]);
  const a = t.data.reimport;
  for (const p of r.archived) {
    const fate = r.dryRun ? (p.restored ? a.willReturn : a.staysArchived) : p.restored ? a.returned : a.keptArchived;
    rows.push([a.csvKind, null, p.fullName, p.className ?? a.kind[p.kind] ?? p.kind, `№ ${p.id}: ${fate}`]);
  }
  const { kind, line, who, field, message } = t.rosterImport.report;
  return toCsv([kind, line, who, field, `${message} — ${fileName}`], rows);
}

/** Students and their (distinct) parents: the people a class page shows. */
const peopleOfClass = (c: ClassDetail): number => c.students.length + new Set(c.students.flatMap((s) => s.guardians.map((g) => g.id))).size;

function decodeUpload(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(bytes.length);
  return bytes;
}

export function rosterHandlers(
  core: Core,
): HandlerGroup<
  | 'rosterStats'
  | 'listClasses'
  | 'getClass'
  | 'searchPeople'
  | 'getPerson'
  | 'setArchived'
  | 'updatePerson'
  | 'addGuardian'
  | 'importAnalyze'
  | 'importApply'
  | 'importReportFile'
> {
  const { roster, uploads } = core;
  const follow = <T>(owner: string, task: 'analyze' | 'import', run: (control: ImportControl) => Promise<T>) =>
    core.work.run(owner, task, true, (control) => run({ ...control, handover: roster.search }));
  return {
    rosterStats: () => roster.stats(),
    listClasses: () => roster.classes(),
    getClass: (ctx, { id }) => {
      const detail = roster.classDetail(id);
      core.reads.classViewed(ctx.actor(), detail.name, peopleOfClass(detail));
      return detail;
    },
    searchPeople: (ctx, input) => {
      const result = searchBox(core, ctx.actor(), input.query, { limit: input.limit, archived: input.archived });
      core.reads.searched(
        ctx.actor(),
        result.hits.map((h) => h.id),
      );
      return result;
    },
    getPerson: (ctx, { id }) => roster.card(ctx.actor(), id),
    setArchived: (ctx, input) => ({ changed: roster.setArchived(ctx.actor(), input.ids, input.archived) }),
    updatePerson: (ctx, input) => roster.updatePerson(ctx.actor(), input),
    addGuardian: (ctx, input) => roster.addGuardian(ctx.actor(), input),
    importAnalyze: async (ctx, input) => {
      const upload =
        input.contentBase64 !== undefined
          ? uploads.put(ctx.owner(), { fileName: input.fileName, bytes: decodeUpload(input.contentBase64) })
          : uploads.get(ctx.owner(), input.uploadId!);
      const { format, report, problem } = await follow(ctx.owner(), 'analyze', (control) =>
        core.jobs.analyze(upload.bytes, upload.fileName, input.options, control),
      );
      if (report) upload.report = report;
      return { uploadId: upload.id, format, report, problem: problem && errorMessage(problem) };
    },
    importApply: async (ctx, input) => {
      const upload = uploads.get(ctx.owner(), input.uploadId);
      const { report } = await follow(ctx.owner(), 'import', (control) =>
        core.jobs.importFile(ctx.actor(), upload.bytes, upload.fileName, input.options, control),
      );
      upload.report = report;
      return { report };
    },
    importReportFile: (ctx, { uploadId }) => {
      const upload = uploads.get(ctx.owner(), uploadId);
      if (!upload.report) throw new AppError('import.upload_expired');
      const base = upload.fileName.replace(/\.[^.]+$/, '');
      return {
        fileName: t.rosterImport.reportFileName(base),
        mimeType: 'text/csv',
        content: reportCsv(upload.fileName, upload.report),
        encoding: 'utf8',
      };
    },
  };
}
