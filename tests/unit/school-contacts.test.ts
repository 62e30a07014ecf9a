// The deputy director's contact and the support hours: school settings the curator sets, which the
// office sends to the portal in its `school` entry and prints on the slips and family sheets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { prepareInvitations } from '../../src-main/core/codes/printing.ts';
import { bodyOf } from '../../src-main/core/sync/entries.ts';
import { readNow, type OutboxRow } from '../../src-main/core/sync/store.ts';

const CSV = [
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Мать (ФИО);Телефон матери',
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;Иванова Мария Петровна;89021702876',
].join('\n');
const actor = { operatorId: 1, login: 'curator', via: 'app' as const };
const DEPUTY = 'Петрова Анна Ивановна, каб. 101, +7 (495) 765-43-21';
const HOURS = 'вт и чт 15:00–18:00';

describe('the deputy director’s contact and support hours', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
  });
  afterEach(() => t.close());

  it('are school settings: empty at first, set and audited like the others, bounded with the field named', async () => {
    expect(t.core.settings.get()).toMatchObject({ deputyContact: '', supportHours: '' });
    const r = await t.dispatch('updateSettings', { deputyContact: `  ${DEPUTY} `, supportHours: HOURS }, 'desk');
    expect(r).toMatchObject({ ok: true, value: { deputyContact: DEPUTY, supportHours: HOURS } });
    expect(t.core.audit.page({ action: 'settings.update' }, 1, 0).rows[0]?.details).toMatchObject({
      changed: { deputyContact: DEPUTY, supportHours: HOURS },
    });
    const long = await t.dispatch('updateSettings', { supportHours: 'ч'.repeat(301) }, 'desk');
    expect(long).toMatchObject({ ok: false, error: { reason: 'input.invalid', field: 'supportHours' } });
    expect(t.core.settings.get().supportHours).toBe(HOURS);
  });

  it('travel to the portal in the school entry once paired (null when not set)', async () => {
    const outbox = () => t.core.db.prepare("SELECT entity, key FROM sync_outbox WHERE entity = 'school'").all();
    const schoolEntry = () => {
      const row: OutboxRow = { seq: 1, entity: 'school', key: 'school', gone: null };
      return bodyOf(t.core.db, row, readNow(t.core.db, [row]), Buffer.alloc(32));
    };
    expect(schoolEntry()).toMatchObject({ entity: 'school', deputyContact: null, supportHours: null });
    t.core.db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001'").run();
    expect(outbox()).toEqual([]);
    await t.dispatch('updateSettings', { deputyContact: DEPUTY }, 'desk');
    expect(outbox()).toEqual([{ entity: 'school', key: 'school' }]); // a change of either is sent
    t.core.db.prepare("DELETE FROM sync_outbox WHERE entity = 'school'").run();
    await t.dispatch('updateSettings', { supportHours: HOURS }, 'desk');
    expect(outbox()).toHaveLength(1);
    expect(schoolEntry()).toEqual({
      entity: 'school',
      name: t.core.settings.get().schoolName,
      curatorContact: t.core.settings.get().curatorContact,
      deputyContact: DEPUTY,
      supportHours: HOURS,
    });
  });

  it('are printed on the slips and the family sheets, phones unbroken', async () => {
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    const classId = t.core.codes.classIdByName('6А');
    t.core.codes.issue(actor, { classId }, { audience: 'all', onlyMissing: true });
    const print = async (kind: 'invitations' | 'families') =>
      (await prepareInvitations(t.core, { kind, scope: { classId }, audience: 'all', layout: 4 })).job.html;
    for (const kind of ['invitations', 'families'] as const) expect(await print(kind), kind).not.toContain('Заместитель директора');
    await t.dispatch('updateSettings', { deputyContact: DEPUTY, supportHours: HOURS }, 'desk');
    for (const kind of ['invitations', 'families'] as const) {
      const doc = await print(kind);
      expect(doc, kind).toContain(
        'Заместитель директора: <span class="contact">Петрова Анна Ивановна, каб. 101, <span class="nobr">+7 (495) 765-43-21</span></span>',
      );
      expect(doc, kind).toContain(`Часы приёма: <span class="contact">${HOURS}</span>`);
    }
  });
});
