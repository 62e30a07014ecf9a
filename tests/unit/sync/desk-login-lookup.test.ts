// The desk's search by login (a parent at the desk remembers `mamontova…`): exact and by its beginning,
// through an index — a search box asks on every query, and a large school has a quarter of a million
// accounts (a scan of them took 17 ms and 27 ms per query).
import { describe, expect, it, vi } from 'vitest';
import { dbAtVersion } from '../../support/migrations.ts';
import { LATEST_VERSION } from '../../../src-main/core/db/migrations/index.ts';
import { peopleByLoginStart, personByLogin } from '../../../src-main/core/sync/desk.ts';

function withAccounts(logins: [string, number][]) {
  const db = dbAtVersion(LATEST_VERSION);
  const person = db.prepare(
    `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
     VALUES ('guardian', 'Мамонтова', ?, 'мамонтова', NULL, NULL, 't', 't') RETURNING id, uid`,
  );
  const account = db.prepare(
    `INSERT INTO portal_accounts (uid, person_uid, login, kind, email_confirmed, phone_confirmed, registered_at, disabled, cursor)
     VALUES (?, ?, ?, 'parent', 0, 0, 't', ?, 1)`,
  );
  const ids = new Map<string, number>();
  for (const [login, disabled] of logins) {
    const p = person.get(login) as { id: number; uid: string };
    account.run(`acc-${login}`, p.uid, login, disabled);
    ids.set(login, p.id);
  }
  return { db, ids };
}

describe('the desk finds people by their portal login', () => {
  it('by the whole login in any case, and by its beginning (enabled accounts first, then by login)', () => {
    const { db, ids } = withAccounts([
      ['mamontova.a', 0],
      ['mamontova', 1],
      ['mamontova_1', 0],
      ['mamontov', 0],
      ['mamont', 0],
      ['zamontova', 0],
    ]);
    expect(personByLogin(db, ' Mamontova.A ')).toBe(ids.get('mamontova.a'));
    expect(personByLogin(db, 'mamontova.b')).toBeNull();
    expect(peopleByLoginStart(db, 'MAMONTOV', 10).map((r) => r.login)).toEqual(['mamontov', 'mamontova.a', 'mamontova_1', 'mamontova']);
    expect(peopleByLoginStart(db, 'mamontov', 2).map((r) => r.login)).toEqual(['mamontov', 'mamontova.a']);
    expect(peopleByLoginStart(db, 'mamontova_', 10).map((r) => r.login)).toEqual(['mamontova_1']);
    expect(peopleByLoginStart(db, 'mamontova%', 10)).toEqual([]);
    expect(peopleByLoginStart(db, 'z', 10).map((r) => r.login)).toEqual(['zamontova']);
  });

  it('looks logins up through their index, not by reading every account', () => {
    const { db } = withAccounts([['mamontova', 0]]);
    const asked: string[] = [];
    const prepare = db.prepare.bind(db);
    vi.spyOn(db, 'prepare').mockImplementation(((text: string) => {
      asked.push(text);
      return prepare(text);
    }) as typeof db.prepare);
    personByLogin(db, 'mamontova');
    peopleByLoginStart(db, 'mamont', 5);
    const lookups = asked.filter((q) => q.includes('portal_accounts'));
    expect(lookups).toHaveLength(2);
    const plans = lookups.map((q) =>
      (
        prepare(`EXPLAIN QUERY PLAN ${q}`).all(...(q.includes('@typed') ? [{ typed: 'mamont', limit: 5 }] : ['mamontova'])) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | '),
    );
    for (const plan of plans) expect(plan).toMatch(/SEARCH a USING INDEX portal_accounts_login \(login/);
  });
});
