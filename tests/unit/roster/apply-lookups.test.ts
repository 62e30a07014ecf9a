// Links are compared by one key per (guardian, student) pair, stored parents by contact and name;
// the stored people are read in one pass.
import { afterEach, describe, expect, it } from 'vitest';
import { ContactIndex, pairKey } from '../../../src-main/core/roster/apply.ts';
import * as dal from '../../../src-main/core/dal/roster.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { DESK, importBytes, wide } from './helpers.ts';

describe('pairKey', () => {
  it('is a number for ids of any school, the same for the same pair and different for swapped ids', () => {
    expect(typeof pairKey(12, 345)).toBe('number');
    expect(pairKey(12, 345)).toBe(pairKey(12, 345));
    expect(pairKey(12, 345)).not.toBe(pairKey(345, 12));
    expect(pairKey(1, 0)).not.toBe(pairKey(0, 1));
    expect(Number.isSafeInteger(pairKey(2 ** 26 - 1, 2 ** 26 - 1))).toBe(true);
  });

  it('falls back to a string for ids too large to pack, without colliding with a packed pair', () => {
    const big = pairKey(2 ** 26, 1);
    expect(big).toBe(`${2 ** 26}|1`);
    expect(new Set([big, pairKey(1, 1), pairKey(2 ** 26 - 1, 2 ** 26 - 1), pairKey(1, 2 ** 26)]).size).toBe(4);
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
