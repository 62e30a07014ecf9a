// Links are compared by (guardian, student) pair without a key built per pair, stored parents by contact and name;
// the stored people are read in one pass.
import { afterEach, describe, expect, it } from 'vitest';
import { ContactIndex, IdSet, PairTable } from '../../../src-main/core/roster/apply-lookups.ts';
import * as dal from '../../../src-main/core/dal/roster.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { DESK, importBytes, wide } from './helpers.ts';

describe('PairTable', () => {
  it('finds a value by (guardian, student), not by the swapped pair, and a later set replaces it', () => {
    const t = new PairTable<string>();
    t.set(12, 345, 'mother');
    t.set(12, 346, 'father');
    t.set(345, 12, 'other');
    expect([t.get(12, 345), t.get(12, 346), t.get(345, 12), t.get(12, 347), t.get(13, 345)]).toEqual([
      'mother',
      'father',
      'other',
      undefined,
      undefined,
    ]);
    t.set(12, 345, 'other');
    expect(t.get(12, 345)).toBe('other');
    expect(t.get(1, 0)).toBeUndefined();
  });

  it('keeps ids of any size apart', () => {
    const t = new PairTable<number>();
    t.set(2 ** 26, 1, 1);
    t.set(1, 2 ** 26, 2);
    t.set(2 ** 40, 2 ** 40, 3);
    expect([t.get(2 ** 26, 1), t.get(1, 2 ** 26), t.get(2 ** 40, 2 ** 40), t.get(1, 1)]).toEqual([1, 2, 3, undefined]);
  });
  it('keeps every value when its array grows: a first id far past the end, then smaller and larger ones', () => {
    const t = new PairTable<number>();
    const ids = [20_001, 3, 1023, 1024, 40_000, 2 ** 20 - 1, 2 ** 20, 0];
    ids.forEach((id, i) => t.set(id, id + 1, i));
    expect(ids.map((id) => t.get(id, id + 1))).toEqual(ids.map((_, i) => i));
    expect([t.get(20_000, 20_001), t.get(2 ** 20 - 2, 2 ** 20 - 1), t.get(-1, 0)]).toEqual([undefined, undefined, undefined]);
  });
});

describe('IdSet', () => {
  it('holds ids small and large, growing as needed', () => {
    const s = new IdSet();
    for (const id of [0, 1, 1023, 1024, 100_000, 2 ** 26, 2 ** 40]) s.add(id);
    for (const id of [0, 1, 1023, 1024, 100_000, 2 ** 26, 2 ** 40]) expect(s.has(id)).toBe(true);
    for (const id of [2, 1025, 99_999, 100_001, 2 ** 26 - 1, 2 ** 26 + 1, -1]) expect(s.has(id)).toBe(false);
  });
});

describe('ContactIndex', () => {
  const person = (id: number, nameKey: string) => ({ id, nameKey }) as dal.PersonRecord;

  it('finds a person by contact and name key; namesakes and other names sharing a contact stay apart', () => {
    const index = new ContactIndex();
    const mother = person(1, 'иванова анна');
    const father = person(2, 'иванов пётр');
    index.set('+79021702876', mother);
    index.set('+79021702876', father); // a family phone
    expect(index.get('+79021702876', 'иванова анна')).toBe(mother);
    expect(index.get('+79021702876', 'иванов пётр')).toBe(father);
    expect(index.get('+79021702876', 'петрова анна')).toBeUndefined();
    expect(index.get('+79990000000', 'иванова анна')).toBeUndefined();
  });

  it('a later person with the same contact and name key takes the place of the earlier one', () => {
    const index = new ContactIndex();
    const [a, b, c] = [person(1, 'ли ян'), person(2, 'ли мэй'), person(3, 'ли ян')];
    index.set('li@li.ru', a);
    index.set('li@li.ru', c);
    expect(index.get('li@li.ru', 'ли ян')).toBe(c);
    index.set('li@li.ru', b);
    index.set('li@li.ru', a);
    expect([index.get('li@li.ru', 'ли ян'), index.get('li@li.ru', 'ли мэй')]).toEqual([a, b]);
  });
});

describe('peopleOfEveryKind', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.close());

  it('reads what peopleByKind reads for each kind, in the same order, archived people included', async () => {
    t = await makeCore();
    await importBytes(
      t.core,
      wide(
        '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;;Иванов Пётр Олегович;+7 903 111 22 33;',
        '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;;;',
      ),
    );
    const db = t.core.db;
    const orlov = db.prepare("SELECT id FROM people WHERE surname = 'Орлов'").pluck().get() as number;
    t.core.roster.setArchived(DESK, [orlov], true);
    dal.insertPerson(db, dal.newPerson('staff', { surname: 'Смирнова', name: 'Ольга', patronymic: null }, 'смирнова ольга'), 'now');
    const all = dal.peopleOfEveryKind(db);
    for (const kind of ['student', 'guardian', 'staff'] as const) expect(all[kind]).toEqual(dal.peopleByKind(db, kind));
    expect([all.student.length, all.guardian.length, all.staff.length]).toEqual([2, 3, 1]);
    expect(all.student.find((s) => s.id === orlov)?.archivedAt).not.toBeNull();
  });
});
