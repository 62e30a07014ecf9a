import { describe, expect, it } from 'vitest';
import {
  checkStudentBirthDate,
  cleanText,
  compareClasses,
  dateObjectToIso,
  excelSerialToIso,
  isoDay,
  joinFullName,
  matchKey,
  nameKey,
  nameKeyFolder,
  normalizeClass,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeSex,
  parseDate,
  parseTypedDate,
  splitFullName,
  studentKey,
} from '../../../src-shared/roster/normalize.ts';

describe('cleanText', () => {
  it('trims and collapses every kind of space', () => {
    expect(cleanText('  Иванова   Мария ')).toBe('Иванова Мария');
    expect(cleanText('Иванова\u00A0Мария\tПетровна\r\n')).toBe('Иванова Мария Петровна');
    expect(cleanText('\uFEFFКласс\u200B')).toBe('Класс');
    expect(cleanText('')).toBe('');
    expect(cleanText('   ')).toBe('');
  });
  it('returns clean text unchanged', () => {
    expect(cleanText('Иванова Мария')).toBe('Иванова Мария');
  });
});

describe('normalizeName', () => {
  it('fixes ALL CAPS and all lower case', () => {
    expect(normalizeName('ИВАНОВА')).toBe('Иванова');
    expect(normalizeName('иванова')).toBe('Иванова');
    expect(normalizeName('КАРПОВ ВЯЧЕСЛАВ ГРИГОРЬЕВИЧ')).toBe('Карпов Вячеслав Григорьевич');
  });
  it('capitalizes every part of a hyphenated name', () => {
    expect(normalizeName('римская-корсакова')).toBe('Римская-Корсакова');
    expect(normalizeName('РИМСКАЯ - КОРСАКОВА')).toBe('Римская-Корсакова');
    expect(normalizeName('Анна-Мария')).toBe('Анна-Мария');
  });
  it('leaves mixed case and ё as typed', () => {
    expect(normalizeName('МакКартни')).toBe('МакКартни');
    expect(normalizeName('Семёнов')).toBe('Семёнов');
    expect(normalizeName('СЕМЁНОВ')).toBe('Семёнов');
    expect(normalizeName('Семенов')).toBe('Семенов');
    expect(normalizeName('де Голль')).toBe('де Голль');
    // In a mixed value, only a word typed in capitals is re-cased.
    expect(normalizeName('ВОРОНИНА Олеся Ярославовна')).toBe('Воронина Олеся Ярославовна');
    expect(normalizeName('Петров ИВАН')).toBe('Петров Иван');
    expect(normalizeName('Иванова мария')).toBe('Иванова мария');
  });
  it('cleans spaces', () => {
    expect(normalizeName('  Иванова   Мария ')).toBe('Иванова Мария');
  });
  it('keeps Turkic patronymic particles in lower case', () => {
    expect(normalizeName('МАМЕДОВ ЭЛЬЧИН РАУФ ОГЛЫ')).toBe('Мамедов Эльчин Рауф оглы');
    expect(normalizeName('Алиева Айгуль Руслан кызы')).toBe('Алиева Айгуль Руслан кызы');
  });
  it('replaces Latin look-alike letters inside Cyrillic words', () => {
    expect(normalizeName('Oлег')).toBe('Олег'); // Latin O
    expect(normalizeName('Ивaнов')).toBe('Иванов'); // Latin a
    expect(normalizeName('John')).toBe('John');
    expect(normalizeName('JOHN SMITH')).toBe('John Smith');
  });
  it('keeps a value that is not a name exactly as typed (it is data)', () => {
    expect(normalizeName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(normalizeName('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(normalizeName('иванов2')).toBe('иванов2');
  });
  it('keeps initials', () => {
    expect(normalizeName('Иванов И. П.')).toBe('Иванов И. П.');
  });
});

describe('splitFullName', () => {
  it('splits surname, name and patronymic', () => {
    expect(splitFullName('Иванова Мария Петровна')).toEqual({ surname: 'Иванова', name: 'Мария', patronymic: 'Петровна' });
    expect(splitFullName('  ИВАНОВА   МАРИЯ ')).toEqual({ surname: 'Иванова', name: 'Мария', patronymic: null });
  });
  it('keeps every word after the name as the patronymic', () => {
    expect(splitFullName('Мамедов Эльчин Рауф оглы')).toEqual({ surname: 'Мамедов', name: 'Эльчин', patronymic: 'Рауф оглы' });
    expect(splitFullName('Алиева Айгуль Руслан Кызы')).toEqual({ surname: 'Алиева', name: 'Айгуль', patronymic: 'Руслан Кызы' });
  });
  it('needs at least two words', () => {
    expect(splitFullName('Иванов')).toBeNull();
    expect(splitFullName('   ')).toBeNull();
  });
  it('joins back', () => {
    expect(joinFullName({ surname: 'Ли', name: 'Вера', patronymic: null })).toBe('Ли Вера');
    expect(joinFullName({ surname: 'Ли', name: 'Вера', patronymic: 'Ивановна' })).toBe('Ли Вера Ивановна');
  });
});

describe('matchKey', () => {
  it('ignores case, ё/е and spaces', () => {
    expect(matchKey('Семёнов  Игорь ')).toBe('семенов игорь');
    expect(matchKey('СЕМЕНОВ ИГОРЬ')).toBe(matchKey('Семёнов Игорь'));
    expect(matchKey('Римская - Корсакова')).toBe('римская-корсакова');
  });
  it('treats Latin look-alikes in a Cyrillic word as Cyrillic', () => {
    expect(matchKey('Ивaнов')).toBe(matchKey('Иванов'));
  });
  it('keys people and students', () => {
    expect(nameKey({ surname: 'Семёнов', name: 'Лев', patronymic: null })).toBe('семенов лев');
    expect(studentKey({ surname: 'Семёнов', name: 'Лев', patronymic: 'Игоревич' }, '2019-03-05')).toBe('семенов лев игоревич|2019-03-05');
  });
});

describe('nameKeyFolder: nameKey with each distinct name part folded once', () => {
  const names = [
    ['Семёнов', 'Лев', null],
    ['СЕМЁНОВ', 'ЛЕВ', 'ИГОРЕВИЧ'],
    ['Римская-Корсакова', 'Анна', 'Ёвна'],
    ['Мамедов', 'Ильхам', 'Рауф оглы'],
    ['Ивaнов', 'Иван', null], // a Latin «a»
    ['Иванов ', 'Иван', null],
    ['Римская -', 'Анна', null],
    ['Ли', ' Вера', ''],
    ['-Ли', 'Вера', 'Ивановна'],
    ['Ли', 'Вера', 'Ивановна-'],
    ['О’Нил', 'Мария', null],
    ['Smith', 'John', null],
    ['Ли', 'Вера\u00a0Мария', null],
    ['', 'Вера', null],
  ] as const;
  it.each(names)('gives what nameKey gives for %j %j %j, twice', (surname, name, patronymic) => {
    const keyOf = nameKeyFolder();
    const p = { surname, name, patronymic };
    expect(keyOf(p)).toBe(nameKey(p));
    expect(keyOf(p)).toBe(nameKey(p));
  });
  it('keeps the parts of one name apart from another name with the same words', () => {
    const keyOf = nameKeyFolder();
    expect(keyOf({ surname: 'Иванов', name: 'Пётр', patronymic: null })).toBe('иванов петр');
    expect(keyOf({ surname: 'Пётр', name: 'Иванов', patronymic: 'Иванович' })).toBe('петр иванов иванович');
  });
});

describe('normalizeClass', () => {
  it.each([
    ['6А', '6А'],
    ['6 А', '6А'],
    ['6а', '6А'],
    ['6-А', '6А'],
    ['6"А"', '6А'],
    ['6 «а»', '6А'],
    ['6A', '6А'], // Latin A
    ['6a', '6А'],
    ['11B', '11В'], // Latin B
    ['10 Б класс', '10Б'],
    [' 1 б ', '1Б'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeClass(input)).toBe(expected);
  });
  it.each(['', '12А', '0А', '6', 'А', '6АБ', '06А', 'шестой', '6 А 1'])('rejects %j', (input) => {
    expect(normalizeClass(input)).toBeNull();
  });
  it('orders classes by grade, then letter', () => {
    expect(['10А', '2Б', '1Б', '2А', '11А', '1А'].sort(compareClasses)).toEqual(['1А', '1Б', '2А', '2Б', '10А', '11А']);
  });
});

describe('parseDate', () => {
  it.each([
    ['05.03.2012', '2012-03-05'],
    ['5.3.2012', '2012-03-05'],
    ['2012-03-05', '2012-03-05'],
    ['05/03/2012', '2012-03-05'],
    ['05-03-2012', '2012-03-05'],
    ['05.03.2012 0:00:00', '2012-03-05'],
    ['2012-03-05T00:00:00', '2012-03-05'],
    ['5.3.2012 г.', '2012-03-05'],
    [' 29.02.2012 ', '2012-02-29'],
    ['40973', '2012-03-05'], // Excel serial, as a CSV export of a date cell holds it
    ['40973.75', '2012-03-05'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });
  it('reads Excel serial numbers and Date objects', () => {
    expect(parseDate(40973)).toEqual({ ok: true, value: '2012-03-05' });
    expect(parseDate(new Date(Date.UTC(2012, 2, 5)))).toEqual({ ok: true, value: '2012-03-05' });
    expect(excelSerialToIso(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(excelSerialToIso(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(excelSerialToIso(60)).toEqual({ ok: false, reason: 'impossible' }); // Excel's fictitious 1900-02-29
    expect(dateObjectToIso(new Date(Number.NaN))).toEqual({ ok: false, reason: 'format' });
  });
  it.each(['31.02.2013', '29.02.2013', '31.04.2012', '2013-13-01', '00.01.2012', '01.01.1899', '01.01.2101'])(
    '%s is impossible',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, reason: 'impossible' });
    },
  );
  it.each(['', 'завтра', '2012', '05.03.12', '05.03', '12.2012', '=TODAY()', '1e5', '1008201', '100820133'])(
    '%j is not a date',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, reason: 'format' });
    },
  );
  it('reads eight digits as ДДММГГГГ (a date typed without dots)', () => {
    expect(parseDate('10082013')).toEqual({ ok: true, value: '2013-08-10' });
    expect(parseDate('01122026')).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseDate('31022013')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDate('20130810')).toEqual({ ok: false, reason: 'impossible' }); // never read as ГГГГММДД
  });
});

describe('parseTypedDate: a date a person types into a form', () => {
  it.each([
    ['10.8.2013', '2013-08-10'],
    ['10082013', '2013-08-10'],
    ['1.12.2026', '2026-12-01'],
    ['2013-08-10', '2013-08-10'],
  ])('%s → %s, the same reading as the importer', (input, expected) => {
    expect(parseTypedDate(input)).toEqual({ ok: true, value: expected });
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });
  // A phone's number keypad (inputmode=numeric) often has no dot; a Russian one's decimal key is a comma.
  it.each([
    ['15,03,2014', '2014-03-15'],
    ['15 03 2014', '2014-03-15'],
    ['15, 03, 2014', '2014-03-15'],
    ['5,3,2014', '2014-03-05'],
  ])('%s → %s: commas and spaces between day, month and year, as phone keypads type them', (input, expected) => {
    expect(parseTypedDate(input)).toEqual({ ok: true, value: expected });
  });
  it('refuses impossible dates and what is no date, never reading a number as a spreadsheet serial', () => {
    expect(parseTypedDate('31.02.2013')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseTypedDate('32.13.2026')).toEqual({ ok: false, reason: 'impossible' });
    expect(parseTypedDate('40973')).toEqual({ ok: false, reason: 'format' });
    expect(parseTypedDate('вчера')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('checkStudentBirthDate', () => {
  const today = '2026-11-22';
  it('accepts children from 5 to 25 full years old', () => {
    expect(checkStudentBirthDate('2019-12-26', today)).toBe('ok');
    expect(checkStudentBirthDate('2021-11-22', today)).toBe('ok'); // exactly 5
    expect(checkStudentBirthDate('2000-11-23', today)).toBe('ok'); // 25 and 364 days
  });
  it('rejects the future, the too young and the too old', () => {
    expect(checkStudentBirthDate('2026-11-23', today)).toBe('future');
    expect(checkStudentBirthDate('2021-11-23', today)).toBe('too_young');
    expect(checkStudentBirthDate('2024-05-01', today)).toBe('too_young');
    expect(checkStudentBirthDate('2000-11-22', today)).toBe('too_old'); // 26
    expect(checkStudentBirthDate('1980-01-01', today)).toBe('too_old');
  });
  it('formats today', () => {
    expect(isoDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['8 (902) 170-28-76', '+79021702876'],
    ['+7 902 170 28 76', '+79021702876'],
    ['89021702876', '+79021702876'],
    ['79021702876', '+79021702876'],
    ['9021702876', '+79021702876'],
    ['8-902-1702876', '+79021702876'],
    ['7 902 170-28-76', '+79021702876'],
    ['+7(902)170.28.76', '+79021702876'],
    ['8 (495) 123-45-67', '+74951234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
  it('reads phones stored as numbers', () => {
    expect(normalizePhone(89021702876)).toBe('+79021702876');
    expect(normalizePhone(9021702876)).toBe('+79021702876');
    expect(normalizePhone(9021702876.5)).toBeNull();
  });
  it.each([
    '',
    '12-34-56',
    '+380 44 123 45 67',
    '+8 902 170 28 76',
    '8 902 170 28 76 доб. 12',
    '902170287',
    '890217028761',
    '0021702876',
    'нет',
    '8902+1702876',
  ])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it('trims and lowers case', () => {
    expect(normalizeEmail(' OREST_POLYAKOVA98@GMAIL.COM ')).toBe('orest_polyakova98@gmail.com');
    expect(normalizeEmail('mailto:Ivan@Mail.ru')).toBe('ivan@mail.ru');
    expect(normalizeEmail('ivan.petrov+school@ya.ru')).toBe('ivan.petrov+school@ya.ru');
    expect(normalizeEmail('директор@школа.рф')).toBe('директор@школа.рф');
  });
  it('reads plain ASCII addresses (a fast path) exactly as the expression does', () => {
    expect(normalizeEmail('a-b.c_d+e@sub-1.mail.ru')).toBe('a-b.c_d+e@sub-1.mail.ru');
    expect(normalizeEmail('ivan@school.xn--p1ai')).toBe('ivan@school.xn--p1ai');
    expect(normalizeEmail(`ivan@${'b'.repeat(63)}.ru`)).toBe(`ivan@${'b'.repeat(63)}.ru`);
    expect(normalizeEmail('ivan@мвд.рф')).toBe('ivan@мвд.рф');
  });
  it.each([
    '=HYPERLINK("http://evil.example","x")',
    'orlova@',
    '@mail.ru',
    'ivan@mail',
    'ivan petrov@mail.ru',
    'a@b.ru, c@d.ru',
    'a@b.ru;c@d.ru',
    'ivan..petrov@mail.ru',
    '+ivan@mail.ru',
    '-ivan@mail.ru',
    '<script>@x.ru',
    '',
    'ivan.@mail.ru',
    '.ivan@mail.ru',
    'ivan@-mail.ru',
    'ivan@mail-.ru',
    'ivan@mail..ru',
    'ivan@mail.ru.',
    'ivan@mail.r',
    'ivan@mail.r1',
    `ivan@${'b'.repeat(64)}.ru`,
    'ivan@@mail.ru',
  ])('rejects %j', (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });
});

describe('normalizeSex', () => {
  it.each([
    ['М', 'M'],
    ['м', 'M'],
    ['муж', 'M'],
    ['Муж.', 'M'],
    ['мужской', 'M'],
    ['M', 'M'], // Latin
    ['male', 'M'],
    ['Ж', 'F'],
    ['ж', 'F'],
    ['жен', 'F'],
    ['женский', 'F'],
    ['F', 'F'],
    ['female', 'F'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSex(input)).toBe(expected);
  });
  it.each(['', 'x', 'мужской?', 'МЖ', '1'])('rejects %j', (input) => {
    expect(normalizeSex(input)).toBeNull();
  });
});
