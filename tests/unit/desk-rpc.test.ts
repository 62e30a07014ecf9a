// The desk's portal-account actions through the dispatcher (#9): a deputy director may do them as a
// curator does (the school's mail server stays the curator's); each is journaled with the operator,
// the person, the reason and «документ проверен», and waits for the portal.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { t as tr } from '../../src-shared/i18n/index.ts';
import { wide } from './roster/helpers.ts';
import type { Actor } from '../../src-main/core/services/audit.ts';

const DESK: Actor = { operatorId: 1, login: 'curator', via: 'app' };

describe('desk requests through the dispatcher', () => {
  let t: TestCore;
  let mother: number;
  beforeAll(async () => {
    t = await makeCore();
    await t.core.roster.importFile(DESK, wide('6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;;;;'), 'list.csv');
    mother = t.core.roster.find('Иванова Мария').hits[0]!.id;
    const uid = (t.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(mother) as { uid: string }).uid;
    t.core.db
      .prepare(
        `INSERT INTO portal_accounts (uid, person_uid, login, kind, email_confirmed, phone_confirmed, registered_at, disabled, cursor)
         VALUES (?, ?, 'maria', 'parent', 0, 0, '2026-09-02T10:00:00.000Z', 0, 1)`,
      )
      .run(randomUUID(), uid);
    await t.dispatch('signIn', { login: 'curator', password: CURATOR.password }, 'c');
    await t.dispatch(
      'createOperator',
      { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' },
      'c',
    );
    await t.dispatch('signIn', { login: 'petrov', password: 'Zamestitel2026' }, 'd');
  });
  afterAll(() => t.close());

  it('lets a deputy director lock an account and fix its contacts, journaled, waiting for the portal', async () => {
    const lock = await t.dispatch(
      'deskRequest',
      { action: 'lock', personId: mother, reason: 'телефон украден', documentChecked: true },
      'd',
    );
    expect(lock).toMatchObject({ ok: true, value: { action: 'lock', state: 'waiting', operator: 'petrov', documentChecked: true } });
    const contacts = await t.dispatch(
      'deskRequest',
      { action: 'contacts', personId: mother, reason: 'новая почта', documentChecked: true, email: 'Maria@Mail.ru' },
      'd',
    );
    expect(contacts).toMatchObject({ ok: true, value: { email: 'maria@mail.ru', phone: null } });
    const bad = await t.dispatch(
      'deskRequest',
      { action: 'contacts', personId: mother, reason: 'новая почта', documentChecked: true, phone: '12' },
      'd',
    );
    expect(bad).toMatchObject({ ok: false, error: { reason: 'desk.bad_phone', field: 'phone' } });
    // A mobile with a digit missing reads as a 10-digit number in another code: not a phone an SMS reaches.
    for (const phone of ['8 902 555 12 3', '8 (495) 123-45-67']) {
      const short = await t.dispatch(
        'deskRequest',
        { action: 'contacts', personId: mother, reason: 'новый телефон', documentChecked: true, phone },
        'd',
      );
      expect(short, phone).toMatchObject({ ok: false, error: { reason: 'desk.bad_phone', field: 'phone' } });
    }
    // Both mistyped: both said, each on its field (only the email was, and the phone waited for a second try).
    const both = await t.dispatch(
      'deskRequest',
      { action: 'contacts', personId: mother, reason: 'новая почта', documentChecked: true, email: 'maria@@mail', phone: '12' },
      'd',
    );
    expect(both).toMatchObject({
      ok: false,
      error: {
        issues: [
          { path: 'email', message: tr.reasons['desk.bad_email'] },
          { path: 'phone', message: tr.reasons['desk.bad_phone'] },
        ],
      },
    });
    const noWhy = await t.dispatch('deskRequest', { action: 'unlock', personId: mother, reason: '', documentChecked: false }, 'd');
    expect(noWhy).toMatchObject({ ok: false, error: { reason: 'desk.reason_required' } });
    const listed = await t.dispatch('listDeskRequests', { id: mother }, 'd');
    expect((listed as { ok: true; value: { action: string }[] }).value.map((r) => r.action)).toEqual(['contacts', 'lock']);
    const row = t.core.audit.page({ action: 'desk.lock' }, 10, 0).rows[0]!;
    expect(row.details).toMatchObject({ reason: 'телефон украден', documentChecked: true, login: 'maria' });
    expect(JSON.stringify(row)).toContain('petrov');
    // Queued for the portal only once this database is paired (the snapshot then carries what waits).
    expect(t.core.db.prepare("SELECT count(*) AS n FROM sync_outbox WHERE entity = 'desk'").get()).toEqual({ n: 0 });
  });

  it('refuses a reset slip before the office is paired; keeps the mail server the curator’s', async () => {
    const reset = await t.dispatch('deskReset', { personId: mother, reason: 'забыла пароль', documentChecked: true }, 'd');
    expect(reset).toMatchObject({ ok: false, error: { reason: 'sync.not_paired' } });
    const server = { host: 'smtp.school.test', port: 587, secure: false, user: null, from: 'Школа <k@school.test>' };
    expect(await t.dispatch('setMailServer', { server }, 'd')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.dispatch('setMailServer', { server, password: 'p' }, 'c')).toMatchObject({ ok: true, value: { mailServer: server } });
    expect(await t.dispatch('getRegistrationProgress', {}, 'd')).toMatchObject({ ok: true });
  });
});
