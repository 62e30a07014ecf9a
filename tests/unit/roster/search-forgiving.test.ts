// The search box forgives what people type: a wrong, missing or extra letter in a surname, Russian
// case endings, a Latin look-alike inside a Cyrillic word, a two-digit year. Exact matches first;
// a query that is clearly a name never shows a code warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src-main/core/roster/search.ts';
import type { SearchSourceRow } from '../../../src-main/core/dal/roster.ts';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { importBytes, wide } from './helpers.ts';

let nextId = 1;
const row = (kind: SearchSourceRow['kind'], full: string, extra: Partial<SearchSourceRow> = {}): SearchSourceRow => {
  const [surname, name, patronymic] = full.split(' ');
  return {
    id: nextId++,
    kind,
    surname: surname!,
    name: name!,
    patronymic: patronymic ?? null,
    birthDate: null,
    classId: null,
    phone: null,
    email: null,
    archived: 0,
    ...extra,
  };
};

const people = [
  row('student', 'Миронова Ольга Петровна', { classId: 1, birthDate: '2014-05-15' }),
  row('guardian', 'Миронова Елена Павловна', { phone: '+79161234567' }),
  row('guardian', 'Миронов Пётр Ильич'),
  row('student', 'Миронов Игорь Петрович', { classId: 1, birthDate: '2016-01-20' }),
  row('student', 'Белая Мария Андреевна', { classId: 1, birthDate: '2015-03-03' }),
  row('student', 'Толстой Лев Николаевич', { classId: 1, birthDate: '2013-09-09' }),
  row('student', 'Иванов Андрей Сергеевич', { classId: 1, birthDate: '1999-05-15' }),
  row('student', 'Ольгина Ирина', { classId: 1, birthDate: '2014-05-16' }),
  row('student', 'Миранов Глеб', { classId: 1, birthDate: '2015-06-06' }),
];
const index = new SearchIndex({ people, classes: [{ id: 1, grade: 6, letter: 'А', teacherId: null }], guardianClasses: [] });
const names = (q: string) => index.search(q).hits.map((h) => h.fullName);

describe('the search box forgives typing', () => {
  it('one wrong, missing, extra or swapped letter in a surname', () => {
    for (const q of ['Мирнова', 'Мироннова', 'Миорнова', 'миронва ольга', 'Миранова Ольга']) {
      expect(names(q)[0], q).toMatch(/^Миронова /);
      expect(index.search(q).note, q).toEqual({ forgiving: true });
    }
    // Two letters wrong is another name.
    expect(names('Маранава')).toEqual([]);
  });

  it('Russian case endings of surnames, first names and patronymics', () => {
    expect(names('Мироновой')).toEqual(['Миронова Елена Павловна', 'Миронова Ольга Петровна']);
    expect(names('Миронову')).toEqual([
      'Миронов Игорь Петрович',
      'Миронов Пётр Ильич',
      'Миронова Елена Павловна',
      'Миронова Ольга Петровна',
    ]);
    expect(names('Миронову Ольгу')).toEqual(['Миронова Ольга Петровна']);
    expect(names('Мироновой Ольги Петровны')).toEqual(['Миронова Ольга Петровна']);
    expect(names('Миронову Игорю')).toEqual(['Миронов Игорь Петрович']);
    expect(names('Мироновым Петром Ильичом')).toEqual(['Миронов Пётр Ильич']);
    expect(names('Белой Марии')).toEqual(['Белая Мария Андреевна']);
    expect(names('Толстому')).toEqual(['Толстой Лев Николаевич']);
    expect(names('Толстого Льва')).toEqual(['Толстой Лев Николаевич']); // a vowel that drops out
    expect(names('Белую Машу')).toEqual([]); // a nickname is no case form
    expect(names('Мироновой Еву')).toEqual([]); // three letters: an ending is forgiven (Еву → Ева), nobody here is Ева
    expect(names('Ольгу Мироновой')).toEqual(['Миронова Ольга Петровна']);
  });

  it('a Latin look-alike letter inside a Cyrillic word', () => {
    const r = index.search('Мироновa'); // the last letter is Latin
    expect(r.hits.map((h) => h.fullName)).toEqual(['Миронова Елена Павловна', 'Миронова Ольга Петровна']);
    expect(r.note).toBeUndefined(); // read exactly, not forgiven
    expect(names('MИРOНOВ ИГOРЬ')).toEqual(['Миронов Игорь Петрович']); // Latin M and O typed in capitals
  });

  it('dates with a two-digit year', () => {
    expect(names('15.5.14')).toEqual(['Миронова Ольга Петровна']);
    expect(names('15.05.14')).toEqual(['Миронова Ольга Петровна']);
    expect(names('15.5.99')).toEqual(['Иванов Андрей Сергеевич']);
    expect(names('миронова 15.5.14')).toEqual(['Миронова Ольга Петровна']);
    expect(names('16.5.14')).toEqual(['Ольгина Ирина']);
  });

  it('exact matches rank first; the forgiving reading is used only when nothing matches as typed', () => {
    // «Ольга» is one person's first name; «Ольгина», a letter off… and a surname that is no typo of it.
    expect(names('Ольга')).toEqual(['Миронова Ольга Петровна']);
    expect(index.search('Ольга').note).toBeUndefined();
    expect(names('Ольгин')).toEqual(['Ольгина Ирина']);
    // In a forgiving reading a case ending outranks a typo: «Миранова» is first Миранов's genitive.
    expect(names('Миранова')).toEqual(['Миранов Глеб', 'Миронова Елена Павловна', 'Миронова Ольга Петровна']);
    expect(names('Мирнова Ольга')).toEqual(['Миронова Ольга Петровна']);
    expect(names('Миронову Ольгина')).toEqual([]);
  });
});

describe('a query that is clearly a name never shows a code warning', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
    await importBytes(t.core, wide('6А;Миронова;Ольга;Петровна;15.05.2014;Ж;;;;;;'));
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const r = await t.dispatch('searchPeople', { query }, 'desk');
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { hits: { fullName: string }[]; codeProblem?: string; code?: unknown };
  };

  it('finds the person through the RPC, and says nothing about codes', async () => {
    for (const q of ['Миранова', 'Мирнова', 'Мироновой', 'Миронову', 'Миронову Ольгу', 'Мироновa', '15.5.14']) {
      const v = await search(q);
      expect(
        v.hits.map((h) => h.fullName),
        q,
      ).toEqual(['Миронова Ольга Петровна']);
      expect(v.codeProblem, q).toBeUndefined();
    }
    // Names nobody has: still no «looks like a code» — ten look-alike letters, a name with a class.
    for (const q of ['Карасева Ек', 'Карасёва Ек', 'Щукина 5б', 'Фёдоровой 10а']) {
      const v = await search(q);
      expect(v.hits, q).toEqual([]);
      expect(v.codeProblem, q).toBeUndefined();
    }
    // A code with a slip of the finger still says what is wrong.
    expect((await search('k7m2-x9q-4uz')).codeProblem).toContain('«u»');
  });
});
