// `accounts show`, `accounts reset` (#9): the walk-in desk from the command line.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, command, type Command, optionalClass, optionalString, requireString, type Values } from './command.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { recoveryVerdict } from '../../../src-shared/accounts/verdict.ts';
import { AppError } from '../../../src-shared/result.ts';
import { personByLogin } from '../sync/desk.ts';
import { prepareReset } from '../sync/desk-print.ts';
import { renderPrintJob } from '../codes/printing.ts';
import { writePrivateFile } from '../security/files.ts';
import type { Core } from '../core.ts';
import { listsFile, listsPrintJob } from '../sync/lists-files.ts';
import { mailCodes } from '../codes/mailing.ts';
import { localDateTime } from '../../../src-shared/dates.ts';
import { displayPhone } from '../../../src-shared/roster/keys.ts';
import { requestState } from '../../../src-shared/sync/desk-words.ts';
import { recoveryLine } from '../../../src-shared/sync/recovery-words.ts';

const d = t.deskAccounts;

function personArg(values: Values): number {
  const raw = requireString(values, 'person');
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(d.cli.badPerson(raw));
  return id;
}

function personOf(core: Core, values: Values): number {
  const login = optionalString(values, 'login');
  if (login !== undefined && values.person !== undefined) throw new UsageError(d.cli.personOrLogin);
  if (login === undefined) return personArg(values);
  const id = personByLogin(core.db, login);
  if (id === null) throw new AppError('desk.login_unknown', { login });
  return id;
}

const show = command({
  name: 'accounts show',
  usage: d.cli.usage.show,
  summary: d.cli.summary.show,
  options: { person: { type: 'string' }, login: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => {
    if (values.person === undefined && values.login === undefined) throw new UsageError(d.cli.personOrLogin);
    return { values, json: values.json === true };
  },
  async run({ core, actor, out }, a) {
    const personId = personOf(core, a.values);
    const person = core.roster.personRef(personId);
    if (!person) throw new AppError('roster.person_not_found');
    const account = core.accounts.of(personId);
    const requests = core.deskRequests.of(personId);
    // A read of personal data (contacts, sign-ins): journaled like the card's opening.
    core.audit.append(actor!, { action: 'accounts.show', person, details: { login: account?.login ?? null } });
    const verdict = account ? recoveryVerdict(account) : null;
    const recovery = account ? core.accounts.recoveryEvents(personId) : [];
    if (a.json) {
      out(JSON.stringify({ personId, person: person.label, account, verdict, requests, recovery }));
      return 0;
    }
    out(person.label);
    if (!account) {
      out(d.cli.noAccount);
      return 0;
    }
    const s = t.sync.account;
    out(`${s.login}: ${account.login} (${d.card.kinds[account.kind]}, ${account.disabled ? d.card.locked : d.card.active})`);
    const when = (iso: string) => localDateTime(iso, { seconds: false });
    out(`${s.registered}: ${when(account.registeredAt)}`);
    out(`${s.email}: ${account.email ? `${account.email} (${account.emailConfirmed ? s.confirmed : s.notConfirmed})` : s.emailNone}`);
    out(
      `${s.phone}: ${account.phone ? `${displayPhone(account.phone) || account.phone} (${account.phoneConfirmed ? s.phoneConfirmed : s.phoneNotConfirmed})` : s.phoneNone}`,
    );
    out(`${s.lastSignIn}: ${account.lastSignInAt ? when(account.lastSignInAt) : s.neverSignedIn}`);
    if (account.children.length) out(`${d.card.children}: ${account.children.map((c) => c.name).join(', ')}`);
    out(d.verdict(verdict!));
    const now = core.clock.now();
    if (recovery.length) out(`${t.recoveryEvents.title}:`);
    for (const e of recovery) out(`  ${recoveryLine(e, now)}`);
    // The desk's requests: when, what, where it stands (a slip: used, replaced, until when), why.
    for (const r of requests) {
      const why = `${r.reason}${r.documentChecked ? ` · ${d.cli.documentChecked}` : ''}`;
      out(`${when(r.createdAt)}\t${d.actionNames[r.action]}\t${requestState(r, now)}\t${why}`);
    }
    return 0;
  },
});

const reset = command({
  name: 'accounts reset',
  usage: d.cli.usage.reset,
  summary: d.cli.summary.reset,
  options: {
    person: { type: 'string' },
    out: { type: 'string' },
    reason: { type: 'string' },
    'document-checked': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const out = path.resolve(requireString(values, 'out'));
    if (!out.toLowerCase().endsWith('.pdf')) throw new UsageError(t.cliCodes.pdfOnly);
    return {
      personId: personArg(values),
      out,
      reason: optionalString(values, 'reason') ?? d.cli.defaultReason,
      documentChecked: values['document-checked'] === true,
      json: values.json === true,
    };
  },
  async run({ core, actor, out, err }, a) {
    // A slip that still works is replaced by this one: said, so that only the new one is handed over.
    const live = core.deskRequests.of(a.personId).find((x) => x.inForce) ?? null;
    const prepared = await prepareReset(core, actor!, a.personId, { reason: a.reason, documentChecked: a.documentChecked });
    const r = prepared.request;
    // A slip the portal refused does not work: printing it would send a parent away with nothing.
    const refused = r.state === 'refused';
    if (!refused) {
      const pdf = await renderPrintJob(prepared.job.html);
      fs.mkdirSync(path.dirname(a.out), { recursive: true });
      writePrivateFile(a.out, pdf);
    }
    const delivered = r.state === 'done';
    if (a.json) {
      out(
        JSON.stringify({
          personId: a.personId,
          login: prepared.login,
          file: refused ? null : a.out,
          request: r.uid,
          state: r.state,
          refusal: r.refusal,
          delivered,
          expiresAt: r.expiresAt,
          notAfter: r.notAfter,
          replaced: refused ? null : (live?.uid ?? null),
        }),
      );
    } else if (refused) {
      err(`${d.slipRefused.why} ${d.refused(r.refusal)}. ${r.refusal ? d.slipRefused[r.refusal] : ''}`.trim());
    } else {
      out(d.cli.slipSaved(a.out, delivered ? r.expiresAt! : r.notAfter!, delivered));
      if (live) out(d.cli.replaced(live.createdAt));
    }
    return refused ? 1 : 0;
  },
});

const lists = command({
  name: 'accounts lists',
  usage: d.cli.usage.lists,
  summary: d.cli.summary.lists,
  options: { class: { type: 'string' }, out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    const className = optionalClass(values);
    const out = path.resolve(requireString(values, 'out'));
    const ext = path.extname(out).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.pdf') throw new UsageError(d.cli.listsOut);
    return { className, out, pdf: ext === '.pdf' };
  },
  async run({ core, actor, out }, a) {
    const classId = a.className ? core.codes.classIdByName(a.className) : null;
    const bytes = a.pdf ? await renderPrintJob(listsPrintJob(core, actor!, classId).html) : (await listsFile(core, actor!, classId)).bytes;
    fs.mkdirSync(path.dirname(a.out), { recursive: true });
    writePrivateFile(a.out, bytes);
    out(d.cli.listsSaved(a.out));
    return 0;
  },
});

const mail = command({
  name: 'codes mail',
  usage: d.mail.cli.usage,
  summary: d.mail.cli.summary,
  options: { class: { type: 'string' }, person: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse(values) {
    if ((values.class === undefined) === (values.person === undefined)) throw new UsageError(d.mail.cli.classOrPerson);
    const className = optionalClass(values);
    return { className, personId: className ? null : personArg(values), json: values.json === true };
  },
  async run({ core, actor, out }, a) {
    const scope = a.className ? { classId: core.codes.classIdByName(a.className) } : { personId: a.personId! };
    const report = await mailCodes(core, actor!, scope);
    if (a.json) out(JSON.stringify(report));
    else {
      for (const s of report.sent) out(d.mail.cli.sent(s.email, s.codes.length));
      for (const s of report.skipped) out(d.mail.cli.noEmail(s.personId));
    }
    return 0;
  },
});

export const deskAccountsCommands: Command[] = [show, reset, lists, mail];
