import { describe, expect, it } from 'vitest';
import {
  adaptMappingToLayout,
  detectLayout,
  detectMapping,
  headerKey,
  matchHeader,
  missingRequired,
  parseRelation,
  parseRole,
} from '../../../src-shared/roster/headers.ts';
import { importFieldLabels, importFields, ruImport } from '../../../src-shared/i18n/ru-import.ts';
import { FIELD_KEYS } from '../../../src-shared/roster/types.ts';
import type { FieldKey } from '../../../src-shared/roster/types.ts';

describe('headerKey', () => {
  it('ignores case, ё, spaces and punctuation', () => {
    expect(headerKey('Ф.И.О. ученика')).toBe('фиоученика');
    expect(headerKey('E-mail матери')).toBe('emailматери');
    expect(headerKey(' Мать (ФИО) ')).toBe('матьфио');
    expect(headerKey('Ребёнок')).toBe(headerKey('РЕБЕНОК'));
  });
});

describe('matchHeader', () => {
  const cases: [string, FieldKey][] = [
    ['Класс', 'class'],
    ['Фамилия', 'surname'],
    ['Имя', 'name'],
    ['Отчество', 'patronymic'],
    ['ФИО', 'fullName'],
    ['Ф.И.О. ученика', 'fullName'],
    ['Фамилия, имя, отчество', 'fullName'],
    ['Дата рождения', 'birthDate'],
    ['Д.р.', 'birthDate'],
    ['Дата рождения ученика', 'birthDate'],
    ['Пол', 'sex'],
    ['Мать (ФИО)', 'motherFullName'],
    ['ФИО матери', 'motherFullName'],
    ['Мать', 'motherFullName'],
    ['Телефон матери', 'motherPhone'],
    ['Тел. мамы', 'motherPhone'],
    ['Email матери', 'motherEmail'],
    ['E-mail матери', 'motherEmail'],
    ['Эл. почта матери', 'motherEmail'],
    ['Отец (ФИО)', 'fatherFullName'],
    ['ФИО отца', 'fatherFullName'],
    ['Телефон отца', 'fatherPhone'],
    ['E-mail отца', 'fatherEmail'],
    ['ФИО законного представителя', 'guardianFullName'],
    ['Телефон опекуна', 'guardianPhone'],
    ['Роль', 'role'],
    ['Кем приходится', 'relation'],
    ['Телефон', 'phone'],
    ['Эл. почта', 'email'],
    ['E-mail', 'email'],
    ['Ребёнок', 'childFullName'],
    ['ФИО ребенка', 'childFullName'],
    ['Дата рождения ребенка', 'childBirthDate'],
    ['Класс ребенка', 'childClass'],
    ['class', 'class'],
    ['Last Name', 'surname'],
    ['surname', 'surname'],
    ['First name', 'name'],
    ['Middle name', 'patronymic'],
    ['Full name', 'fullName'],
    ['Birth date', 'birthDate'],
    ['DOB', 'birthDate'],
    ['sex', 'sex'],
    ['Gender', 'sex'],
    ['Mother', 'motherFullName'],
    ["Mother's phone", 'motherPhone'],
    ['mother email', 'motherEmail'],
    ['Father', 'fatherFullName'],
    ['Father phone', 'fatherPhone'],
    ['phone', 'phone'],
    ['email', 'email'],
    ['role', 'role'],
    ['child', 'childFullName'],
    ['Student ID', 'externalId'],
    ['ID', 'externalId'],
    ['Телефон матери (моб.)', 'motherPhone'],
    ['Фамилия*', 'surname'],
  ];
  it.each(cases)('%s → %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });
  it.each(['№', 'Примечание', 'Комментарий', 'Адрес', '', 'Колонка1'])('%j → nothing', (header) => {
    expect(matchHeader(header)).toBeNull();
  });
});

describe('detectMapping and detectLayout', () => {
  it('maps a wide header, keeps the first of two columns with one meaning', () => {
    const mapping = detectMapping(['№', 'Класс', 'ФИО', 'Дата рождения', 'Мать', 'Телефон матери', 'Класс']);
    expect(mapping).toEqual({ 1: 'class', 2: 'fullName', 3: 'birthDate', 4: 'motherFullName', 5: 'motherPhone' });
    expect(detectLayout(mapping)).toBe('wide');
  });
  it('a role column makes the layout long', () => {
    expect(detectLayout(detectMapping(['Роль', 'ФИО', 'Телефон', 'Ребёнок']))).toBe('long');
    expect(detectLayout(detectMapping(['Кем приходится', 'ФИО', 'Телефон', 'Ребёнок']))).toBe('long');
    expect(detectLayout(detectMapping(['Класс', 'ФИО', 'Дата рождения']))).toBe('wide');
  });
  it('in a wide file the child columns are the student', () => {
    const mapping = detectMapping(['ФИО ребёнка', 'Дата рождения ребёнка', 'Класс ребёнка', 'ФИО матери']);
    expect(adaptMappingToLayout(mapping, 'wide')).toEqual({ 0: 'fullName', 1: 'birthDate', 2: 'class', 3: 'motherFullName' });
    expect(adaptMappingToLayout(mapping, 'long')).toEqual(mapping);
  });
  it('lists missing required columns', () => {
    expect(missingRequired({}, 'wide')).toEqual(['class', 'fullName', 'birthDate']);
    expect(missingRequired({ 0: 'class', 1: 'surname', 2: 'birthDate' }, 'wide')).toEqual(['name']);
    expect(missingRequired({ 0: 'class', 1: 'fullName', 2: 'birthDate' }, 'wide')).toEqual([]);
    expect(missingRequired({ 0: 'fullName' }, 'long')).toEqual(['role']);
    expect(missingRequired({ 0: 'relation', 1: 'surname', 2: 'name' }, 'long')).toEqual([]);
  });
});

describe('roles', () => {
  it.each([
    ['ученик', 'student'],
    ['Учащийся', 'student'],
    ['student', 'student'],
    ['мать', 'mother'],
    ['Мама', 'mother'],
    ['mother', 'mother'],
    ['отец', 'father'],
    ['папа', 'father'],
    ['father', 'father'],
    ['опекун', 'guardian'],
    ['Законный представитель', 'guardian'],
    ['guardian', 'guardian'],
    ['other', 'guardian'],
    ['родитель', 'parent'],
    ['учитель', 'teacher'],
    ['Классный руководитель', 'classTeacher'],
    ['кл. руководитель', 'classTeacher'],
    ['teacher', 'teacher'],
  ])('%s → %s', (value, role) => {
    expect(parseRole(value)).toBe(role);
  });
  it('unknown roles and relations', () => {
    expect(parseRole('директор')).toBeNull();
    expect(parseRelation('мать')).toBe('mother');
    expect(parseRelation('папа')).toBe('father');
    expect(parseRelation('бабушка')).toBe('other');
    expect(parseRelation('сосед')).toBeNull();
  });
});

describe('ru-import', () => {
  it('labels every field for the mapping step', () => {
    expect(importFields.map((f) => f.key)).toEqual(Object.keys(importFieldLabels));
    expect(importFields.map((f) => f.key)).toEqual([...FIELD_KEYS]);
    for (const f of importFields) expect(f.label).toMatch(/[А-Яа-яЁё]/);
  });
  it('names missing columns and the headers found', () => {
    expect(ruImport.file.missingColumns(['class', 'fullName'], ['A', 'B'])).toBe(
      'Нет обязательных столбцов: «Класс», «ФИО (или Фамилия и Имя)». Заголовки в файле: «A», «B». Переименуйте столбцы или укажите, какой из них что значит (в окне загрузки или, в командной строке, --map "Заголовок=Класс").',
    );
    expect(ruImport.summary(550, 774, 0, 2)).toBe('550 учеников, 774 родителя, 2 строки отклонены');
    expect(ruImport.summary(1, 1, 1, 1)).toBe('1 ученик, 1 родитель, 1 сотрудник, 1 строка отклонена');
  });
});
