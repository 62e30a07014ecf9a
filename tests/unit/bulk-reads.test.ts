// Issue #11: a deputy could read every class with parents' phones and emails, every live invitation
// code and search results without a journal row. Bulk reads are journaled compactly (who, what scope,
// how many people), and the journal's own view can hide them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../support/core.ts';
import { DESK, auditRows, importBytes, wide } from './roster/helpers.ts';
import type { AuditPageResult } from '../../src-shared/rpc/types.ts';

const DEPUTY = { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy' as const, password: 'Zamestitel2026' };

describe('bulk reads of personal data', () => {
  let t: TestCore;
  let classId: number;
  const call = async (method: string, args: unknown) => {
    const r = await t.dispatch(method, args, 'deputy-tab');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  beforeEach(async () => {
    t = await makeCore();
    await importBytes(
      t.core,
      wide(
        '6А;Семёнов;Пётр;Ильич;05.03.2014;М;Семёнова Анна Петровна;+7 902 170-28-76;anna@example.ru;;;',
        '6А;Семёнова;Мария;Ильинична;07.07.2015;Ж;Семёнова Анна Петровна;+7 902 170-28-76;anna@example.ru;;;',
        '6А;Миронов;Олег;;01.02.2014;М;Миронова Ольга;+7 916 555-44-33;;Миронов Игорь;+7 916 555-44-34;',
      ),
    );
    classId = t.core.roster.classes()[0]!.id;
    t.core.codes.issue(DESK, { classId }, { audience: 'all', onlyMissing: false });
    t.core.settings.update(DESK, { idleLockMinutes: 60 }); // the test waits past the ten-minute window
    await t.core.operators.create(DESK, DEPUTY);
    await t.dispatch('signIn', { login: DEPUTY.login, password: DEPUTY.password }, 'deputy-tab');
  });
  afterEach(() => t.close());

  it('journals a class opened (its people counted), once while it stays open, again later', async () => {
    await call('getClass', { id: classId });
    await call('getClass', { id: classId });
    let rows = auditRows(t.core, 'roster.class_view');
    expect(rows).toHaveLength(1);
    // 3 students, 3 parents (the Semyonovs share their mother)
    expect(rows[0]).toMatchObject({ operatorLogin: 'petrov', details: { class: '6А', people: 6 } });
    t.clock.advance(11 * 60_000);
    await call('getClass', { id: classId });
    rows = auditRows(t.core, 'roster.class_view');
    expect(rows).toHaveLength(2);
  });

  it('journals the invitation codes of a class or the whole school, with how many codes and people', async () => {
    const ofClass = (await call('listCodes', { classId, liveOnly: true })) as unknown[];
    const all = (await call('listCodes', {})) as unknown[];
    expect(ofClass).toHaveLength(7); // 3 students, 4 parent–child links
    const rows = auditRows(t.core, 'codes.view');
    expect(rows.map((r) => r.details)).toEqual([
      { scope: 'all', codes: all.length, people: 6 },
      { class: '6А', codes: 7, people: 6 },
    ]);
  });

  it('sums up searches: a row per operator and five minutes with the searches made and the people shown', async () => {
    for (const query of ['с', 'се', 'сем', 'семёнов', 'миронов']) await call('searchPeople', { query, limit: 12 });
    expect(auditRows(t.core, 'roster.search_summary')).toHaveLength(0); // not a row per keystroke
    t.clock.advance(5 * 60_000);
    await call('searchPeople', { query: 'петр', limit: 12 });
    const rows = auditRows(t.core, 'roster.search_summary');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operatorLogin: 'petrov', details: { searches: 5, people: expect.any(Number) } });
    expect(rows[0]!.details.people).toBeGreaterThanOrEqual(4);
    // What is still open is written when the core closes (the app quits).
    t.core.close();
    const reopened = await makeCore({ setup: false, dir: t.dir });
    expect(auditRows(reopened.core, 'roster.search_summary')).toHaveLength(2);
    reopened.core.close();
  });

  it('lets the journal hide reads, to see actions only', async () => {
    await call('getClass', { id: classId });
    await call('listCodes', { classId });
    await call('getPerson', { id: 1 });
    const all = (await call('listAudit', { filter: {} })) as AuditPageResult;
    const actionsOnly = (await call('listAudit', { filter: { hideReads: true } })) as AuditPageResult;
    const reads = ['roster.class_view', 'codes.view', 'person.view'];
    expect(all.rows.map((r) => r.action)).toEqual(expect.arrayContaining(reads));
    expect(actionsOnly.rows.map((r) => r.action)).not.toEqual(expect.arrayContaining(['roster.class_view']));
    expect(actionsOnly.rows.filter((r) => reads.includes(r.action))).toEqual([]);
    expect(actionsOnly.total).toBe(all.total - 3);
  });
});
