// «The journal reads like Russian»: after a realistic day at the desk (and at the command line, whose
// commands run here in-process), every row's details read in words — no JSON, no English keys or
// codes — on screen and in the CSV, whose times are the school's local time with the zone named.
import { ruDeskAccounts } from '../../src-shared/i18n/ru-desk-accounts.ts';
import { ruSync } from '../../src-shared/i18n/ru-sync.ts';
import { ruJournal } from '../../src-shared/i18n/ru-journal.ts';
import { READ_ACTIONS } from '../../src-shared/audit/reads.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { DESK, wide } from './roster/helpers.ts';
import { auditDetailsText, auditFilterText } from '../../src-shared/audit/details.ts';
import { loadCommands } from '../../src-main/core/cli/cli.ts';
import type { CommandContext } from '../../src-main/core/cli/command.ts';
import type { AuditRow } from '../../src-shared/rpc/types.ts';
import { t as tr } from '../../src-shared/i18n/index.ts';

const ROSTER = wide(
  '11А;Орлова;Дарья;Ильинична;05.03.2009;Ж;Орлова Нина Петровна;89020000001;;;;',
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;Иванов Сергей Олегович;89031112233;',
);

/** Runs a CLI command's own code in-process, as the signed-in curator. */
async function cli(t: TestCore, words: string, values: Record<string, string | boolean> = {}, positionals: string[] = []) {
  const command = (await loadCommands()).find((c) => c.name === words)!;
  const ctx: CommandContext = { core: t.core, actor: { operatorId: 1, login: CURATOR.login, via: 'cli' }, out: () => {}, err: () => {} };
  return command.run(ctx, command.parse(values, positionals));
}

/** Latin words that may stand in details: logins, file and host names, addresses, digests. */
const allowedLatin = (text: string) =>
  text
    .replace(/\S*[/\\]\S*/g, '') // paths
    .replace(/\S+@\S+/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b[0-9a-f]{16,}\b/g, '')
    .replace(/…[a-z0-9]{3}\b/g, '') // the last symbols of a code
    .replace(/\b(curator|petrov|office|pc-204|list\.csv|PDF)\b/g, '');

describe('the journal in words', () => {
  let t: TestCore;
  let rows: AuditRow[];
  const call = (method: string, args: unknown) => t.dispatch(method, args, 'desk');
  const id = (q: string) => t.core.roster.find(q).hits[0]!.id;
  const names = () => new Map(t.core.operators.list().map((o) => [o.id, o.fullName]));

  beforeAll(async () => {
    t = await makeCore();
    await call('signIn', { login: CURATOR.login, password: 'wrong-password' });
    t.clock.advance(2000);
    await call('signIn', { login: 'nobody', password: 'whatever1' });
    t.clock.advance(2000);
    await call('signIn', { login: CURATOR.login, password: CURATOR.password });
    await call('lock', {});
    await call('unlock', { password: CURATOR.password });
    await call('updateSettings', { curatorContact: 'Каб. 110', codesValidUntil: '2027-08-31' });
    await call('createOperator', { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' });
    await call('updateOperator', { id: 2, role: 'curator' });
    await t.core.roster.importFile(DESK, ROSTER, 'list.csv');
    await t.core.roster.importFile({ ...DESK, via: 'cli' }, ROSTER, 'list.csv', {}, true);
    const petr = id('Иванов Пётр');
    await call('getPerson', { id: petr });
    await call('updatePerson', { id: petr, sex: 'F' });
    await call('addGuardian', { studentId: petr, surname: 'Иванова', name: 'Ольга', relation: 'other', phone: '89035556677' });
    await call('addStudent', { classId: t.core.roster.classes()[0]!.id, surname: 'Сидоров', name: 'Олег', birthDate: '2014-04-07' });
    await call('setGuardianRelation', { guardianId: id('Иванов Сергей'), studentId: petr, relation: 'other' });
    await call('setClassTeacher', { classId: t.core.roster.classes()[0]!.id, newTeacher: { surname: 'Петрова', name: 'Елена' } });
    const issued = await call('issueCodes', { scope: { all: true }, audience: 'all', onlyMissing: false });
    expect(issued.ok).toBe(true);
    const live = () => t.core.codes.list({ personId: petr }).filter((c) => c.state === 'active' || c.state === 'printed');
    await call('reissueCode', { codeId: live()[0]!.id, reason: 'потерял бланк' });
    await call('revokeCode', { codeId: live()[1]!.id, reason: 'ошибка' });
    t.core.codes.lookup(DESK, live()[0]!.code);
    await call('unlinkGuardian', { guardianId: id('Иванова Ольга'), studentId: petr });
    t.core.codes.auditPdf(DESK, [live()[0]!.id], { kind: 'invitations', scope: 'класс 6А', audience: 'all', layout: 2 });
    t.core.codes.markPrinted(DESK, [live()[0]!.id], { kind: 'invitations', scope: 'класс 6А', audience: 'all', layout: 2, via: 'printer' });
    await call('setArchived', { ids: [petr], archived: true });
    await call('setArchived', { ids: [petr], archived: false });
    await call('createBackup', {});
    await call('yearEnd', { version: t.core.yearEnd.plan().version });
    await call('exportAudit', {
      filter: { operatorId: 1, action: 'person.view', from: '2026-08-31T21:00:00.000Z', to: '2026-09-30T21:00:00.000Z', hideReads: true },
    });
    await call('verifyAudit', {});
    await call('changeOwnPassword', { current: CURATOR.password, next: 'Новый-пароль-2027' });
    await t.core.operators.resetPasswordAtOffice('petrov', 'Ещё-один-пароль-2027', { osUser: 'office', host: 'pc-204' });
    await cli(t, 'stats');
    await cli(t, 'find', {}, ['орлова']);
    await cli(t, 'codes list', {});
    await cli(t, 'audit verify');
    await cli(t, 'year end', { 'dry-run': true });
    await call('signOut', {});
    rows = t.core.audit.page({}, 500, 0).rows;
  });
  afterAll(() => t.close());

  it('covers the actions of a day at the desk', () => {
    const actions = new Set(rows.map((r) => r.action));
    // All but the failures and the idle lock, which need waiting or mistakes this day did not make.
    // The journal's own actions (keying, backups, restores) have their own tests.
    const skip = [
      'auth.idle_lock',
      'auth.password_change_failed',
      'auth.unlock_failed',
      'security.permissions_tightened', // only when a data folder others could read is found
      'operator.password_reset',
      ...Object.keys(ruJournal.actions),
      ...Object.keys(ruSync.auditActions), // sync has its own tests (tests/integration/sync)
      ...Object.keys(ruDeskAccounts.audit.actions), // so do the desk's portal requests (tests/integration/sync/desk*.test.ts)
    ];
    for (const a of Object.keys(tr.auditActions).filter((x) => !skip.includes(x))) {
      expect(actions, a).toContain(a);
    }
  });

  it('names every key and every changed field in Russian, and shows no JSON or English code', () => {
    const labels = tr.auditDetails.labels;
    for (const r of rows) {
      for (const key of Object.keys(r.details)) {
        if (key !== 'changed') expect(labels[key], `${r.action}: ${key}`).toBeDefined();
      }
      for (const field of Object.keys((r.details.changed as object | undefined) ?? {})) {
        expect(tr.auditDetails.fields[field], `${r.action}: changed.${field}`).toBeDefined();
      }
      const text = auditDetailsText(r.details, { operatorName: (i) => names().get(i) });
      expect(text, r.action).not.toMatch(/[{}"]/);
      expect(allowedLatin(text).match(/[A-Za-z_]{2,}/g), `${r.action}: ${text}`).toBeNull();
    }
  });

  it('says the journal’s own filter in words', () => {
    const exported = rows.find((r) => r.action === 'audit.export')!;
    expect(auditDetailsText(exported.details, { operatorName: (i) => names().get(i) })).toBe(
      `записей: 0; отбор: оператор: ${CURATOR.fullName}, действие: Просмотр карточки, с ${localDay('2026-08-31T21:00:00.000Z')}, по ${localDay('2026-09-30T20:59:59.999Z')}, без просмотров (карточки, классы, коды, поиск)`,
    );
    expect(auditFilterText({})).toBe('все записи');
    const verify = rows.find((r) => r.action === 'audit.verify')!;
    expect(auditDetailsText(verify.details)).toMatch(
      /^журнал цел: да; проверено записей: \d+; отмечена запись №: \d+; через: командная строка$/,
    );
  });

  it('exports the CSV in words, local time, the zone named; card views can be left out', async () => {
    const all = t.core.audit.exportCsv({});
    const actionsOnly = t.core.audit.exportCsv({ hideReads: true });
    expect(actionsOnly.rows).toBe(all.rows - rows.filter((r) => READ_ACTIONS.includes(r.action)).length);
    expect(actionsOnly.content).not.toContain(';person.view;');
    const [header, ...lines] = all.content
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(header).toBe(`№;Время (${zone}, UTC${offset()});Оператор;Код действия;Действие;Кого касается;Номер в базе;Подробности;Хеш`);
    expect(all.content).not.toMatch(/"[a-zA-Z]+"\s*:|wrong_password/);
    const failed = lines.find((l) => l.includes(';auth.sign_in_failed;'))!;
    expect(failed).toMatch(/^\d+;\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d;/);
    expect(failed).toContain('логин: curator; причина: неверный пароль');
    const first = rows[rows.length - 1]!;
    expect(lines[0]!.split(';')[1]).toBe(localDateTime(first.at));
    const page = t.core.audit.page({ hideReads: true }, 500, 0);
    expect(page.rows.some((r) => r.action === 'person.view')).toBe(false);
    expect(page.total).toBe(actionsOnly.rows);
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
};
const localDateTime = (iso: string) => {
  const d = new Date(iso);
  return `${localDay(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
function offset(): string {
  const m = -new Date().getTimezoneOffset();
  const abs = Math.abs(m);
  return `${m < 0 ? '−' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}
