// Reading tables: encodings, separators, line ends, physical line numbers.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseRoster, readTable } from '../../../src-main/core/roster/import/index.ts';
import { decodeText, detectEncoding, looksGarbled } from '../../../src-main/core/roster/import/decode.ts';
import { detectSeparator } from '../../../src-main/core/roster/import/csv.ts';
import { env, fixture, utf8 } from './helpers.ts';

describe('encodings', () => {
  it('valid UTF-8 (with or without BOM) is UTF-8, anything else Windows-1251', () => {
    expect(detectEncoding(utf8('Класс;ФИО'))).toBe('utf8');
    expect(detectEncoding(utf8('\uFEFFКласс'))).toBe('utf8');
    expect(detectEncoding(iconv.encode('Класс;ФИО', 'win1251'))).toBe('cp1251');
    expect(detectEncoding(utf8('class;name'))).toBe('utf8');
  });
  it('decodes, dropping the BOM; honours a forced encoding', () => {
    expect(decodeText(utf8('\uFEFFКласс'))).toEqual({ text: 'Класс', encoding: 'utf8' });
    expect(decodeText(iconv.encode('Ёлкин', 'win1251'))).toEqual({ text: 'Ёлкин', encoding: 'cp1251' });
    expect(decodeText(utf8('Ёлкин'), 'cp1251')).toEqual({ text: 'РЃР»РєРёРЅ', encoding: 'cp1251' });
  });
  it('reads UTF-16 with a BOM (Excel «Unicode text»), reported as encoding null', async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Класс\tФИО\r\n5А\tЛи Ян\r\n', 'utf16le')]));
    const t = await readTable(bytes, 'x.txt');
    expect(t).toMatchObject({ kind: 'csv', encoding: null, separator: '\t', rows: [['Класс', 'ФИО'], ['5А', 'Ли Ян'], ['']] });
  });
});

describe('text read in the wrong encoding', () => {
  const cp1251Fixture = fixture('roster-wide-cp1251.csv');
  const text = iconv.decode(cp1251Fixture, 'win1251');
  const utf8Fixture = utf8(text);

  it('is not seen in real Russian text: names, «кавычки», тире, №, ё after С, Ukrainian letters here and there', () => {
    expect(looksGarbled(text)).toBe(false);
    for (const t of [
      'Сёмин Сёма; СЁМИНА АЛЁНА — 5 «А», № 3, 25 °C',
      'Іваненко Ївга Ґалина; Петров Пётр Петрович; Сидоров Сидор',
      'class;name\n5a;Li Yan',
    ])
      expect(looksGarbled(t), t).toBe(false);
  });
  it('is not seen in a Belarusian or Ukrainian list, a file without Cyrillic, or a good file with one broken letter', () => {
    const belarusian = 'Клас;Прозвішча;Імя\n5А;Іваноў;Міхаіл\n5А;Шаўчэнка;Святлана\n5Б;Кавалёў;Ўладзімір\n5Б;Ясючэня;Алесь\n';
    const ukrainian = 'ПІБ;Клас\nІваненко Ігор;5А\n';
    const english = 'class;name;note\n5a;Smith;moved in…\n5a;Lee;…\n5b;Park;…\n5С—1;x;©\n';
    const oneBroken = 'Класс;ФИО\n' + '5А;Петрова Анна Ильинична\n'.repeat(50) + '5А;Петр\ufffdва Анна\n';
    for (const t of [belarusian, ukrainian, english, oneBroken]) expect(looksGarbled(t), t).toBe(false);
  });
  it('is seen for UTF-8 read as Windows-1251, Windows-1251 read as UTF-8, and DOS (866) read as Windows-1251', () => {
    expect(looksGarbled(decodeText(utf8Fixture, 'cp1251').text)).toBe(true);
    expect(looksGarbled(decodeText(utf8('Иванов Пётр;6А'), 'cp1251').text)).toBe(true);
    expect(looksGarbled(decodeText(cp1251Fixture, 'utf8').text)).toBe(true);
    expect(looksGarbled(decodeText(iconv.encode(text, 'cp866'), 'cp1251').text)).toBe(true);
  });
  it('the table says so, and names the encoding that reads the same bytes cleanly', async () => {
    expect(await readTable(cp1251Fixture, 'a.csv')).toMatchObject({ encoding: 'cp1251', garbled: false, betterEncoding: null });
    expect(await readTable(utf8Fixture, 'a.csv')).toMatchObject({ encoding: 'utf8', garbled: false, betterEncoding: null });
    expect(await readTable(cp1251Fixture, 'a.csv', { encoding: 'utf8' })).toMatchObject({
      encoding: 'utf8',
      garbled: true,
      betterEncoding: 'cp1251',
    });
    expect(await readTable(utf8Fixture, 'a.csv', { encoding: 'cp1251' })).toMatchObject({
      encoding: 'cp1251',
      garbled: true,
      betterEncoding: 'utf8',
    });
    // A long file: only its beginning is looked at.
    const long = utf8('Класс;ФИО;Дата рождения\n' + '5А;Ёлкин Пётр Ильич;01.02.2015\n'.repeat(6000));
    expect(long.length).toBeGreaterThan(128 * 1024);
    expect(await readTable(long, 'a.csv', { encoding: 'cp1251' })).toMatchObject({ garbled: true, betterEncoding: 'utf8' });
    // Neither of the two encodings reads a DOS file: the wizard asks for it to be saved again.
    expect(await readTable(iconv.encode(text, 'cp866'), 'a.csv')).toMatchObject({
      encoding: 'cp1251',
      garbled: true,
      betterEncoding: null,
    });
  });
});

describe('KOI8-R', () => {
  const text = iconv.decode(fixture('roster-wide-cp1251.csv'), 'win1251');
  const koi8 = iconv.encode(text, 'koi8-r');

  it('a KOI8-R file is flagged as read in the wrong encoding, and KOI8-R offered', async () => {
    expect(await readTable(koi8, 'a.csv')).toMatchObject({ encoding: 'cp1251', garbled: true, betterEncoding: 'koi8r' });
    // A short one too: three names are enough.
    const short = iconv.encode('ФИО;Класс\nИванов Иван Иванович;5А\nПетрова Мария Сергеевна;5Б\nЩукин Эдуард Юрьевич;6А\n', 'koi8-r');
    expect(await readTable(short, 'a.csv')).toMatchObject({ garbled: true, betterEncoding: 'koi8r' });
  });

  it('read as KOI8-R it is the roster; Windows-1251 read as KOI8-R is flagged the other way', async () => {
    const r = await parseRoster(koi8, 'a.csv', { encoding: 'koi8r' }, env);
    expect(r.format).toMatchObject({ encoding: 'koi8r', garbled: false, betterEncoding: null });
    expect([r.students.length, r.guardians.length, r.links.length]).toEqual([550, 774, 887]);
    expect(await readTable(fixture('roster-wide-cp1251.csv'), 'a.csv', { encoding: 'koi8r' })).toMatchObject({
      garbled: true,
      betterEncoding: 'cp1251',
    });
  });

  it('names typed with Caps Lock on in Windows-1251 are not taken for KOI8-R', async () => {
    const capsLock = [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    expect(await readTable(iconv.encode(capsLock, 'win1251'), 'a.csv')).toMatchObject({ encoding: 'cp1251', garbled: false });
  });
});

describe('separators', () => {
  it('picks the separator with consistent counts outside quotes', () => {
    expect(detectSeparator('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectSeparator('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectSeparator('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    // commas inside quotes do not count
    expect(detectSeparator('a;b;c\n"x, y, z";2;3\n"1,2";"3,4";5\n')).toBe(';');
    expect(detectSeparator('a,b\n"x;y;z",2\n"1;2;3",4\n')).toBe(',');
    // unquoted commas in text: the consistent `;` wins
    expect(detectSeparator('ФИО;Примечание\nИванов;болеет, справка\nПетров;ок\n')).toBe(';');
    expect(detectSeparator('одна колонка\nзначение\n')).toBe(';');
  });
});

describe('physical lines', () => {
  it('CRLF, LF and a quoted multi-line record', async () => {
    const text = 'h1;h2\r\n\r\na;"x\r\ny\r\nz"\r\nb;"он сказал ""да"""\r\nc;d\r\n';
    const t = await readTable(utf8(text), 'x.csv');
    expect(t.rows).toEqual([['h1', 'h2'], [''], ['a', 'x\r\ny\r\nz'], ['b', 'он сказал "да"'], ['c', 'd'], ['']]);
    expect(t.lineOf).toEqual([1, 2, 3, 6, 7, 8]);
    const lf = await readTable(utf8(text.replaceAll('\r\n', '\n')), 'x.csv');
    expect(lf.lineOf).toEqual([1, 2, 3, 6, 7, 8]);
  });
  it('CRLF rows with a lone LF inside a quoted cell (Excel Alt+Enter)', async () => {
    const t = await readTable(utf8('h1;h2\r\na;"x\ny"\r\nb;c\r\n'), 'x.csv');
    expect(t.rows.slice(0, 3)).toEqual([
      ['h1', 'h2'],
      ['a', 'x\ny'],
      ['b', 'c'],
    ]);
    expect(t.lineOf.slice(0, 3)).toEqual([1, 2, 4]);
  });
});
