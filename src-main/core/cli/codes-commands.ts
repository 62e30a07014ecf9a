import fs from 'node:fs';
import path from 'node:path';
import { UsageError, command, optionalClass, optionalString, requireString, type Values } from './command.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { normalizeClass } from '../../../src-shared/roster/normalize.ts';
import { AppError } from '../../../src-shared/result.ts';
import type { Audience, CodeScope } from '../../../src-shared/codes/views.ts';
import type { Core } from '../core.ts';
import { prepareInvitations, renderPrintJob } from '../codes/printing.ts';
import { writePrivateFile } from '../security/files.ts';
import type { SlipsPerPage } from '../print/index.ts';

/** `--class 6А` (any spelling: `6а`, `6 А`, `6A`) or `--all`, exactly one of them. */
function scopeArgs(values: Values): { className: string } | { all: true } {
  const cls = optionalString(values, 'class');
  const all = values.all === true;
  if (cls && all) throw new UsageError(t.cliCodes.classOrAll);
  if (all) return { all: true };
  if (!cls) throw new UsageError(t.cliCodes.classOrAll);
  const name = normalizeClass(cls);
  if (!name) throw new UsageError(t.cliCodes.badClass(cls));
  return { className: name };
}

function resolveScope(core: Core, s: { className: string } | { all: true }): CodeScope {
  return 'all' in s ? { all: true } : { classId: core.codes.classIdByName(s.className) };
}

function outFile(values: Values): string {
  const out = path.resolve(requireString(values, 'out'));
  if (!out.toLowerCase().endsWith('.pdf')) throw new UsageError(t.cliCodes.pdfOnly);
  return out;
}

const scopeOptions = { class: { type: 'string' }, all: { type: 'boolean' } } as const;

const issue = command({
  name: 'codes issue',
  usage: t.cli.usage.codesIssue,
  summary: t.cli.summary.codesIssue,
  options: { ...scopeOptions, 'only-missing': { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({ scope: scopeArgs(values), onlyMissing: values['only-missing'] === true, json: values.json === true }),
  async run({ core, actor, out }, a) {
    const report = core.codes.issue(actor!, resolveScope(core, a.scope), { audience: 'all', onlyMissing: a.onlyMissing });
    out(a.json ? JSON.stringify(report) : `${t.codes.issued(report)} ${t.codesUi.validUntil(report.validUntil)}`);
    return 0;
  },
});

const list = command({
  name: 'codes list',
  usage: t.cli.usage.codesList,
  summary: t.cli.summary.codesList,
  options: { class: { type: 'string' }, history: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const className = optionalClass(values);
    return { className, history: values.history === true, json: values.json === true };
  },
  async run({ core, actor, out }, a) {
    const classId = a.className ? core.codes.classIdByName(a.className) : undefined;
    const codes = core.codes
      .list({ ...(classId !== undefined ? { classId } : {}), liveOnly: !a.history })
      .filter((c) => a.history || c.state !== 'expired');
    core.audit.append(actor!, { action: 'codes.list', details: { class: a.className ?? 'all', codes: codes.length } });
    if (a.json) {
      out(
        JSON.stringify(
          codes.map((c) => ({
            code: c.code,
            kind: c.kind,
            state: c.state,
            personId: c.guardianId ?? c.studentId,
            studentName: c.studentName,
            class: c.className,
            mailedAt: c.mailedAt,
          })),
        ),
      );
      return 0;
    }
    for (const c of codes) {
      const who =
        c.kind === 'student' ? t.codes.kindCap.student : `${t.codes.kindCap.parent}${c.guardianName ? ` (${c.guardianName})` : ''}`;
      out([c.code, c.className.padEnd(4), c.studentName, who, t.codes.state[c.state]].join('  '));
    }
    if (!codes.length) out(t.codesUi.noCodes);
    return 0;
  },
});

async function printTo(
  core: Core,
  actor: NonNullable<Parameters<typeof core.codes.markPrinted>[0]>,
  req: Parameters<typeof prepareInvitations>[1],
  out: string,
) {
  const { job, missing } = await prepareInvitations(core, req);
  const pdf = await renderPrintJob(job.html);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  writePrivateFile(out, pdf);
  core.codes.markPrinted(actor, job.codeIds, { ...job.details, via: 'pdf', file: out });
  return { codes: job.codeIds.length, missing };
}

const printInvitations = command({
  name: 'print invitations',
  usage: t.cli.usage.printInvitations,
  summary: t.cli.summary.printInvitations,
  options: {
    ...scopeOptions,
    audience: { type: 'string' },
    layout: { type: 'string' },
    'only-unprinted': { type: 'boolean' },
    out: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const audience = requireString(values, 'audience');
    if (!['students', 'parents', 'all'].includes(audience)) throw new UsageError(t.cliCodes.badAudience(audience));
    const layout = Number(optionalString(values, 'layout') ?? '2');
    if (![1, 2, 4].includes(layout)) throw new UsageError(t.cliCodes.badLayout(optionalString(values, 'layout') ?? ''));
    const onlyUnprinted = values['only-unprinted'] === true;
    return {
      scope: scopeArgs(values),
      audience: audience as Audience,
      layout: layout as SlipsPerPage,
      onlyUnprinted,
      out: outFile(values),
    };
  },
  async run({ core, actor, out, err }, a) {
    const r = await printTo(
      core,
      actor!,
      { kind: 'invitations', scope: resolveScope(core, a.scope), audience: a.audience, layout: a.layout, onlyUnprinted: a.onlyUnprinted },
      a.out,
    );
    out(t.cliCodes.printed(r.codes, a.out));
    if (r.missing) err(t.codesUi.missing(r.missing));
    return 0;
  },
});

const printFamilies = command({
  name: 'print families',
  usage: t.cli.usage.printFamilies,
  summary: t.cli.summary.printFamilies,
  options: { ...scopeOptions, out: { type: 'string' }, 'issue-missing': { type: 'boolean' }, 'skip-missing': { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const issueMissing = values['issue-missing'] === true;
    const skipMissing = values['skip-missing'] === true;
    if (issueMissing && skipMissing) throw new UsageError(t.cliCodes.issueOrSkip);
    return { scope: scopeArgs(values), out: outFile(values), issueMissing, skipMissing };
  },
  async run({ core, actor, out, err }, a) {
    const scope = resolveScope(core, a.scope);
    // A parent's sheet without some of their children must not go out unnoticed: say who, then
    // issue their codes, print without them, or stop — as told.
    const gaps = core.codes.familyGaps(scope);
    if (gaps.length) {
      err(t.data.familyGaps.cliWarning(gaps.length));
      for (const g of gaps) err(`  ${t.data.familyGaps.line(g.guardianName, g.studentName, g.className)}`);
      if (a.issueMissing) err(t.data.familyGaps.cliIssued(core.codes.issueFamilyGaps(actor!, scope).parents));
      else if (!a.skipMissing) throw new AppError('print.family_gaps', { children: gaps.length });
    }
    const r = await printTo(core, actor!, { kind: 'families', scope, audience: 'parents', layout: 1 }, a.out);
    out(t.cliCodes.printed(r.codes, a.out));
    if (r.missing) err(t.codesUi.missing(r.missing));
    return 0;
  },
});

export const codesCommands = [issue, list, printInvitations, printFamilies];
