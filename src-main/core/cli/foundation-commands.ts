import fs from 'node:fs';
import path from 'node:path';
import { completeSetup } from '../services/setup.ts';
import { errorMessage, t } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { SetupInput } from '../../../src-shared/schemas/settings.ts';
import { AuditFilter } from '../../../src-shared/schemas/audit.ts';
import { Login } from '../../../src-shared/schemas/operators.ts';
import { verifyText } from '../../../src-shared/audit/verify.ts';
import { parseTypedDate } from '../../../src-shared/roster/normalize.ts';
import { invalidInput } from '../errors.ts';
import { verifyDetails } from '../sync/anchor.ts';
import { readLine, readPassword, NoTerminalError } from './prompt.ts';
import { backupCheckText } from '../../../src-shared/audit/backup-check.ts';
import { writePrivateFile } from '../security/files.ts';
import { UsageError, command, optionalString, requireCurator, requireString } from './command.ts';

async function newPassword(): Promise<string> {
  const fromEnv = process.env.KURATOR_PASSWORD;
  if (fromEnv) return fromEnv;
  try {
    const first = await readPassword(t.cli.prompts.newPassword);
    const second = await readPassword(t.cli.prompts.repeatPassword);
    if (first !== second) throw new UsageError(t.errors.passwordsDiffer);
    return first;
  } catch (e) {
    if (e instanceof NoTerminalError) throw new UsageError(t.cli.errors.needPassword);
    throw e;
  }
}

const setup = command({
  name: 'setup',
  usage: t.cli.usage.setup,
  summary: t.cli.summary.setup,
  options: {
    school: { type: 'string' },
    'registration-url': { type: 'string' },
    operator: { type: 'string' },
    'full-name': { type: 'string' },
    contact: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  signIn: false,
  parse(values) {
    const schoolName = requireString(values, 'school');
    const registrationUrl = requireString(values, 'registration-url');
    const login = requireString(values, 'operator');
    // The login first: a short one would otherwise be reported as a short full name (it stands in
    // for the name when --full-name is not given).
    const loginCheck = Login.safeParse(login);
    if (!loginCheck.success) {
      throw new UsageError(
        t.reasons['input.invalid']({ label: t.fields.login ?? null, problem: loginCheck.error.issues[0]?.message ?? null }),
      );
    }
    const draft = {
      schoolName,
      registrationUrl,
      curatorContact: optionalString(values, 'contact') ?? '',
      operator: { fullName: optionalString(values, 'full-name') ?? login, login, password: '' },
    };
    // Everything but the password is checked before the password is asked for.
    const early = SetupInput.safeParse({ ...draft, operator: { ...draft.operator, password: 'Проверка12345' } });
    if (!early.success) throw new UsageError(errorMessage(invalidInput(early.error)));
    return draft;
  },
  async run({ core, out, err }, draft) {
    if (core.operators.count() > 0) throw new AppError('setup.done');
    const contact = draft.curatorContact;
    const parsed = SetupInput.safeParse({ ...draft, operator: { ...draft.operator, password: await newPassword() } });
    if (!parsed.success) throw new UsageError(errorMessage(invalidInput(parsed.error)));
    const result = await completeSetup(core, parsed.data, 'cli');
    out(t.cli.output.setupDone(parsed.data.schoolName, result.login));
    if (!contact) err(t.cli.output.noContact);
    return 0;
  },
});

const backup = command({
  name: 'backup',
  usage: t.cli.usage.backup,
  summary: t.cli.summary.backup,
  options: { out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const target = path.resolve(requireString(values, 'out'));
    if (fs.existsSync(target)) throw new UsageError(t.cli.errors.fileExists(target));
    return { target };
  },
  async run({ core, actor, out }, { target }) {
    const made = await core.backups.create(actor!, 'manual', target);
    out(t.backup.created(made.path));
    return 0;
  },
});

/** `restore --from FILE [--yes]`: checks the copy and says what it holds, asks, then restores. */
const restore = command({
  name: 'restore',
  usage: t.journal.restore.cli.usage,
  summary: t.journal.restore.cli.summary,
  options: { from: { type: 'string' }, yes: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const source = path.resolve(requireString(values, 'from'));
    if (!fs.existsSync(source)) throw new UsageError(t.journal.restore.cli.notFound(source));
    return { source, yes: values.yes === true };
  },
  async run({ core, actor, out, err }, { source, yes }) {
    requireCurator(core, actor!);
    const check = await core.backups.check(source, actor!);
    out(backupCheckText(check));
    if (!check.anchored) err(t.journal.restore.unanchored);
    if (!yes) {
      let answer: string;
      try {
        answer = await readLine(t.journal.restore.cli.question);
      } catch (e) {
        if (e instanceof NoTerminalError) throw new UsageError(t.journal.restore.cli.needYes);
        throw e;
      }
      if (!/^(да|yes|y|д)$/i.test(answer.trim())) {
        out(t.journal.restore.cli.cancelled);
        return 1;
      }
    }
    const done = await core.backups.restore(actor!, source, { acceptUnanchored: true });
    out(t.journal.restore.cli.done(done.savedAs));
    return 0;
  },
});

const auditVerify = command({
  name: 'audit verify',
  usage: t.cli.usage.auditVerify,
  summary: t.cli.summary.auditVerify,
  options: {},
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: () => null,
  async run({ core, actor, out, err }) {
    const result = await core.sync.verifyJournal();
    core.audit.append(actor!, { action: 'audit.verify', details: verifyDetails(result) });
    if (result.ok) {
      out(verifyText(result));
      return 0;
    }
    err(verifyText(result));
    return 1;
  },
});

/** A local calendar day as the importer reads dates (`1.12.2026`, `01.12.2026`, `2026-12-01`, `01122026`) → its first instant (or the next day's). */
function dayStart(text: string, name: string, nextDay = false): string {
  const r = parseTypedDate(text);
  if (!r.ok) throw new UsageError(r.reason === 'impossible' ? t.cli.errors.noSuchDate(name, text) : t.cli.errors.badDate(name, text));
  const [y, mo, d] = r.value.split('-').map(Number) as [number, number, number];
  const date = new Date(y, mo - 1, d);
  if (nextDay) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

const auditExport = command({
  name: 'audit export',
  usage: t.cli.usage.auditExport,
  summary: t.cli.summary.auditExport,
  options: {
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    action: { type: 'string' },
    operator: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const from = optionalString(values, 'from');
    const to = optionalString(values, 'to');
    const filter = AuditFilter.safeParse({
      ...(from ? { from: dayStart(from, 'from') } : {}),
      ...(to ? { to: dayStart(to, 'to', true) } : {}),
      ...(optionalString(values, 'action') ? { action: optionalString(values, 'action') } : {}),
    });
    if (!filter.success) throw new UsageError(errorMessage(invalidInput(filter.error)));
    return { target: path.resolve(requireString(values, 'out')), filter: filter.data, login: optionalString(values, 'operator') };
  },
  async run({ core, actor, out }, { target, filter, login }) {
    if (login) {
      const operatorId = core.operators.list().find((o) => o.login === login.toLowerCase())?.id;
      if (operatorId === undefined) throw new UsageError(t.cli.errors.unknownOperator(login));
      filter.operatorId = operatorId;
    }
    const names = new Map(core.operators.list().map((o) => [o.id, o.fullName]));
    const { content, rows } = core.audit.exportCsv(filter, { operatorName: (id) => names.get(id) });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writePrivateFile(target, content);
    core.audit.append(actor!, { action: 'audit.export', details: { rows, file: target, filter } });
    out(`${t.audit.exported(rows)} → ${target}`);
    return 0;
  },
});

export const foundationCommands = [setup, backup, restore, auditVerify, auditExport];
