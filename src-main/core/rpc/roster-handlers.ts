import type { Core } from '../core.ts';
import type { Ctx, HandlerGroup } from './types.ts';
import type { ParsedInputOf } from '../../../src-shared/rpc/contract.ts';
import type { SearchResult } from '../../../src-shared/roster/search.ts';
import { toCsv, type Cell } from '../../../src-node/csv.ts';
import { errorMessage, t } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { MAX_IMPORT_BYTES, tooLarge } from '../roster/import/index.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';
import type { ImportControl } from '../roster/import-runner.ts';
import type { ClassDetail } from '../../../src-shared/roster/views.ts';
import { codeQueryGuess, looksLikeName } from '../../../src-shared/codes/index.ts';
import { loginProblem, readLogin } from '../../../src-shared/auth/login.ts';
import { personByLogin } from '../sync/desk.ts';

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

/** Someone who remembers their portal login: the person whose account it is comes first (#9). */
function withLogin(core: Core, query: string, found: SearchResult): SearchResult {
  const login = readLogin(query);
  if (loginProblem(login) !== null) return found;
  const id = personByLogin(core.db, login);
  const person = id === null ? undefined : core.roster.search.current().hitById(id);
  if (!person) return found;
  const rest = found.hits.filter((h) => h.id !== person.id);
  const total = found.total + (rest.length === found.hits.length ? 1 : 0);
  return { ...found, hits: [person, ...rest], total, login };
}

/** The search box: people, or — when the query is an invitation code on file — whose code it is. */
function searchPeople(core: Core, ctx: Ctx, input: ParsedInputOf<'searchPeople'>): SearchResult {
  const { roster } = core;
  const found = withLogin(core, input.query, roster.find(input.query, { limit: input.limit, archived: input.archived }));
  if (found.login) return found;
  const guess = codeQueryGuess(input.query);
  if (guess === 'no') return found;
  // Someone holds out a slip: the code typed into the search box says whose it is.
  const { code, problem } = core.codes.lookup(ctx.actor(), input.query);
  // Not a code on file, while people match it: it was a name after all (`иванова 5б`); ten
  // digits that are no code on file were a phone number.
  if (!code && (guess === 'digits' || (guess !== 'likely' && found.total > 0))) return found;
  // A name nobody has is «nobody found», never «a code with a typo» (`Карасёва Ек`, `Щукина 5б`).
  if (!code && looksLikeName(input.query)) return found;
  if (!code) return problem ? { ...found, codeProblem: problem } : found;
  const person = roster.search.current().hitById(code.guardianId ?? code.studentId);
  return {
    hits: person ? [person] : [],
    total: person ? 1 : 0,
    code: {
      code: code.code,
      state: code.state,
      kind: code.kind,
      studentName: code.studentName,
      className: code.className,
      guardianName: code.guardianName,
    },
  };
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
      const result = searchPeople(core, ctx, input);
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
