// Recovery events (#8) the office pulls from the portal: kept once per event whatever is pulled twice,
// read for the person's card newest first, and said in words («восстановление пароля по SMS 12.09 10:41»).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { DESK, wide } from '../roster/helpers.ts';
import { applyPage } from '../../../src-main/core/sync/pull.ts';
import { recoveryLine, recoveryNetwork, recoveryWhen } from '../../../src-shared/sync/recovery-words.ts';
import type { RecoveryEventView } from '../../../src-shared/sync/views.ts';

const ROSTER = wide('6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;');

describe('recovery events at the desk', () => {
  let office: TestCore;
  let studentId: number;
  let personUid: string;
  const accountUid = randomUUID();
  let cursor = 0;

  const page = (...changes: ({ type: string } & Record<string, unknown>)[]) => {
    const numbered = changes.map((c) => ({ cursor: ++cursor, ...c }));
    return { changes: numbered, next: cursor, more: false };
  };
  const apply = (p: ReturnType<typeof page>) => applyPage({ ...office.core, personRef: () => undefined }, p);
  const event = (at: string, action: string, channel: string, outcome: string, network = 'ip:203.0.113.7') => ({
    type: 'recovery',
    uid: randomUUID(),
    accountUid,
    login: 'petr.ivanov',
    at,
    action,
    channel,
    outcome,
    network,
  });

  beforeEach(async () => {
    office = await makeCore();
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    studentId = office.core.roster.find('Иванов Пётр').hits[0]!.id;
    personUid = (office.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(studentId) as { uid: string }).uid;
    cursor = 0;
    apply(
      page({
        type: 'account',
        uid: accountUid,
        login: 'petr.ivanov',
        kind: 'student',
        personUid,
        childUids: [],
        email: 'p@mail.ru',
        emailConfirmed: true,
        phone: '+79021702876',
        phoneConfirmed: true,
        registeredAt: '2026-09-01T10:00:00.000Z',
        lastSignInAt: null,
        disabled: false,
      }),
    );
  });
  afterEach(() => office.close());

  it('keeps each pulled event once and shows the newest first on the person', () => {
    const first = page(
      event('2026-09-12T07:41:00.000Z', 'sms_code', 'sms', 'sent'),
      event('2026-09-12T07:44:00.000Z', 'password_reset', 'sms', 'done'),
      event('2026-09-10T09:00:00.000Z', 'reset_link', 'email', 'sent', 'ip6:2001:db8:0:1'),
    );
    expect(apply(first)).toBe(3);
    // The same page again (an answer lost on the way): the cursor passes it over …
    expect(apply(first)).toBe(0);
    // … and were the cursor lost too, the events' uids keep them single.
    office.core.db.prepare('UPDATE sync_state SET pull_cursor = 1').run();
    expect(apply(first)).toBe(3);
    const shown = office.core.accounts.recoveryEvents(studentId);
    expect(shown.map((e) => [e.action, e.outcome])).toEqual([
      ['password_reset', 'done'],
      ['sms_code', 'sent'],
      ['reset_link', 'sent'],
    ]);
    expect(shown[0]).toMatchObject({ login: 'petr.ivanov', channel: 'sms', network: 'ip:203.0.113.7' });
  });

  it('shows the events of this person only, at most ten', () => {
    const other = randomUUID();
    apply(page({ ...event('2026-09-12T07:41:00.000Z', 'sms_code', 'sms', 'sent'), accountUid: other }));
    expect(office.core.accounts.recoveryEvents(studentId)).toEqual([]);
    const many = Array.from({ length: 12 }, (_, i) =>
      event(`2026-09-12T08:${String(i).padStart(2, '0')}:00.000Z`, 'sms_digits', 'sms', 'wrong'),
    );
    apply(page(...many));
    const shown = office.core.accounts.recoveryEvents(studentId);
    expect(shown).toHaveLength(10);
    expect(shown[0]!.at).toBe('2026-09-12T08:11:00.000Z');
  });

  it('goes through the RPC the card calls', async () => {
    apply(page(event('2026-09-12T07:41:00.000Z', 'login_reminder', 'email', 'limited')));
    expect(await office.dispatch('getPersonRecoveryEvents', { id: studentId }, 'c')).toMatchObject({ ok: false });
    await office.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'c');
    expect(await office.dispatch('getPersonRecoveryEvents', { id: studentId }, 'c')).toMatchObject({
      ok: true,
      value: [{ action: 'login_reminder', channel: 'email', outcome: 'limited', login: 'petr.ivanov' }],
    });
  });
});

describe('recovery events in words', () => {
  const at = (iso: string): RecoveryEventView => ({
    uid: 'x',
    at: iso,
    login: 'petr',
    action: 'sms_code',
    channel: 'sms',
    outcome: 'sent',
    network: 'ip:203.0.113.7',
  });
  const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();
  const now = new Date(2026, 10, 2, 12, 0);

  it('says what, when and how it ended, in the office’s local time', () => {
    expect(recoveryLine(at(local(2026, 9, 12, 10, 41)), now)).toBe('восстановление пароля по SMS 12.09 10:41 — код отправлен');
    const e = (action: RecoveryEventView['action'], channel: RecoveryEventView['channel'], outcome: RecoveryEventView['outcome']) =>
      recoveryLine({ ...at(local(2026, 9, 12, 10, 41)), action, channel, outcome }, now);
    expect(e('login_reminder', 'email', 'sent')).toBe('напоминание логина по почте 12.09 10:41 — логин отправлен');
    expect(e('login_reminder', 'sms', 'limited')).toBe(
      'напоминание логина по SMS 12.09 10:41 — не отправлено: слишком много сообщений за час',
    );
    expect(e('reset_link', 'email', 'sent')).toBe('восстановление пароля по почте 12.09 10:41 — ссылка для смены пароля отправлена');
    expect(e('sms_digits', 'sms', 'wrong')).toBe('восстановление пароля по SMS 12.09 10:41 — неверные цифры номера телефона');
    expect(e('sms_code', 'sms', 'wrong')).toBe('восстановление пароля по SMS 12.09 10:41 — неверный код из SMS');
    expect(e('sms_code', 'sms', 'exhausted')).toContain('больше не действует');
    expect(e('password_reset', 'email', 'done')).toBe('восстановление пароля по почте 12.09 10:41 — пароль изменён');
  });

  it('adds the year only when it is not this one, and names the network', () => {
    expect(recoveryWhen(new Date(2025, 11, 31, 23, 5), now)).toBe('31.12.2025 23:05');
    expect(recoveryWhen(new Date(2026, 0, 1, 0, 5), now)).toBe('01.01 00:05');
    expect(recoveryNetwork('ip:203.0.113.7')).toBe('с адреса 203.0.113.7');
    expect(recoveryNetwork('ip6:2001:db8:0:1')).toBe('из сети 2001:db8:0:1::/64');
  });
});
