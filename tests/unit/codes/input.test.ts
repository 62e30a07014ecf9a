import { describe, expect, it } from 'vitest';
import {
  checkCodeInput,
  codeInputResult,
  codeQueryGuess,
  looksLikeName,
  codeReadings,
  formatCode,
  isValidCode,
  normalizeCodeInput,
} from '../../../src-shared/codes/index.ts';
import { LATIN_TO_RUSSIAN_KEY } from '../../../src-shared/text.ts';
import { generateCode } from '../../../src-main/core/codes/index.ts';

describe('normalizeCodeInput', () => {
  it('round-trips: format → normalize gives back the clean code', () => {
    for (let n = 0; n < 5000; n++) {
      const code = generateCode();
      expect(normalizeCodeInput(formatCode(code))).toBe(code);
      expect(normalizeCodeInput(code)).toBe(code);
      expect(normalizeCodeInput(formatCode(code).toUpperCase())).toBe(code);
    }
  });

  it('ignores case, spaces of every kind, hyphens and dashes', () => {
    const want = 'k7m2x9q4tk';
    const messy = [
      'K7M2-X9Q-4TK',
      '  k7m2 x9q 4tk  ',
      'k7m2\u00a0x9q\u00a04tk', // no-break spaces
      'k7m2\u202fx9q\u20094tk', // narrow no-break, thin space
      'k7m2\u2013x9q\u20144tk', // en dash, em dash
      'k7m2\u2010x9q\u2011 4tk', // hyphen, non-breaking hyphen
      'k7m2\u2212x9q--4tk', // minus sign
      'k\u200b7m2x9q4tk', // zero-width space
      '\tk7m2\nx9q\r\n4tk',
      'K7m2 - X9q - 4Tk',
      'ｋ７ｍ２ｘ９ｑ４ｔｋ', // full-width
    ];
    for (const m of messy) expect(normalizeCodeInput(m), JSON.stringify(m)).toBe(want);
  });

  it('reads o as 0 and i, l as 1', () => {
    expect(normalizeCodeInput('0123-456-789')).toBe('0123456789');
    expect(normalizeCodeInput('o123-456-789')).toBe('0123456789');
    expect(normalizeCodeInput('OI23-456-789')).toBe('0123456789');
    expect(normalizeCodeInput('0L23-456-789')).toBe('0123456789');
    expect(normalizeCodeInput('0l23 456 789')).toBe('0123456789');
    expect(isValidCode('0123456789')).toBe(true);
  });

  it('reads Cyrillic look-alikes (Russian keyboard layout) as their Latin twins', () => {
    // к м х с е а р т у в н о → k m x c e a p t y b h 0
    expect(normalizeCodeInput('к7м2-х9q-4тк')).toBe('k7m2x9q4tk');
    expect(normalizeCodeInput('К7М2-Х9Q-4ТК')).toBe('k7m2x9q4tk');
    expect(normalizeCodeInput('сеар-тув-но0')).toBe('ceaptybh00');
  });

  it('rejects what is not 10 code symbols', () => {
    const code = generateCode();
    const bad = [
      '',
      '   ',
      '---',
      code.slice(0, 9),
      code + 'a',
      code.slice(0, 9) + 'u',
      'u' + code.slice(1),
      code.slice(0, 5) + '.' + code.slice(5),
      code.slice(0, 5) + '_' + code.slice(5, 9),
      code.slice(0, 9) + 'ж',
      code.slice(0, 9) + '!',
      '<img src=x>',
    ];
    for (const b of bad) expect(normalizeCodeInput(b), JSON.stringify(b)).toBeNull();
  });
});

describe('checkCodeInput', () => {
  it('accepts a messy but correct code', () => {
    expect(checkCodeInput(' K7M2 – X9Q – 4TK ')).toEqual({ ok: true, code: 'k7m2x9q4tk' });
  });

  it('says the code is empty', () => {
    const r = checkCodeInput('  - ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toEqual({ kind: 'empty' });
      expect(r.message).toMatch(/Введите код/);
    }
  });

  it('names the first invalid character and its position among code symbols', () => {
    const r = checkCodeInput('k7m2-x9q-4tu');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toEqual({ kind: 'invalid_char', position: 10, char: 'u' });
      expect(r.message).toContain('Знак 10');
      expect(r.message).toContain('«u»');
    }
    const r2 = checkCodeInput('k7m2-ж9q-4tk');
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      expect(r2.problem).toEqual({ kind: 'invalid_char', position: 5, char: 'ж' });
      expect(r2.message).toBe('Знак 5: «ж» не может встречаться в коде. В коде только латинские буквы и цифры.');
    }
    const r3 = checkCodeInput('k7m2\u0007x9q4tk');
    expect(!r3.ok && r3.message).toContain('U+0007');
  });

  it('says the length is wrong', () => {
    const short = checkCodeInput('k7m2-x9q-4t');
    expect(!short.ok && short.problem).toEqual({ kind: 'length', length: 9 });
    expect(!short.ok && short.message).toBe('В коде 10 знаков, а введено 9. Проверьте, не пропущен ли знак.');
    const long = checkCodeInput('k7m2-x9q-4tkk');
    expect(!long.ok && long.problem).toEqual({ kind: 'length', length: 11 });
    expect(!long.ok && long.message).toContain('лишнего');
  });

  it('says the checksum does not match for a typo or a swap', () => {
    for (const typo of ['k7m2-x9q-4tm', 'k7m2-x9q-t4k', '7km2-x9q-4tk', 'k7m2-x9q-4kt']) {
      const r = checkCodeInput(typo);
      expect(!r.ok && r.problem, typo).toEqual({ kind: 'checksum' });
      expect(!r.ok && r.message).toMatch(/опечатка/);
    }
  });

  it('codeInputResult is an invalid_input Result for the RPC layer', () => {
    expect(codeInputResult('k7m2-x9q-4tk')).toEqual({ ok: true, value: 'k7m2x9q4tk' });
    const r = codeInputResult('k7m2-x9q-4tm', 'rows.2.code');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.field).toBe('rows.2.code');
      expect(r.error.issues?.[0]?.path).toBe('rows.2.code');
    }
  });
});

describe('codeQueryGuess (the search box: a code or something else?)', () => {
  it('takes 8–12 letters and digits with at least one of each for a code, typed any way', () => {
    for (const q of ['k7m2-x9q-4tz', 'K7M2 X9Q 4TZ', 'k7m2x9q4', 'к7м2х9q4тz', 'ab12cd34ef56']) expect(codeQueryGuess(q), q).toBe('likely');
  });
  it('takes a surname with a class, or a code with a stray letter, for maybe a code', () => {
    for (const q of ['иванова 5б', 'петров 10а', 'бобров 6а', 'k7m2-x9q-4uz']) expect(codeQueryGuess(q), q).toBe('mixed');
  });
  it('takes ten code symbols without a digit for a possible code (one code in forty has none)', () => {
    for (const q of ['fczg-rjk-mzy', 'FCZG RJK MZY', 'Карасева Ек']) expect(codeQueryGuess(q), q).toBe('letters');
  });
  it('takes ten digits that pass the check symbol for a code only if one is on file (new codes are never all digits)', () => {
    for (const q of ['4339605535', '433-960-5535', '433 960 5535']) expect(codeQueryGuess(q), q).toBe('digits');
    for (const q of ['4339605536', '433960553', '43396055351']) expect(codeQueryGuess(q), q).toBe('no');
  });
  it('leaves names, classes, dates, phones and emails alone', () => {
    for (const q of [
      'Иванов Пётр',
      '6а',
      '05.03.2012',
      '8 (902) 170-28-76',
      '9021702876',
      'ivanova2012@mail.ru',
      'abcdefghjkmn',
      'иван мари',
      'k7m2x9q4tzk7m2',
    ])
      expect(codeQueryGuess(q), q).toBe('no');
  });
  it('agrees with the generator: every fresh code is taken for one', () => {
    for (let n = 0; n < 2000; n++) {
      const code = generateCode();
      expect(codeQueryGuess(formatCode(code)), code).not.toBe('no');
      expect(codeQueryGuess(formatCode(code).toUpperCase().replaceAll('0', 'O')), code).not.toBe('no');
    }
  });
});

describe('looksLikeName (a name never gets a «looks like a code» warning)', () => {
  it('takes Cyrillic names, with a class, a date, digits or initials beside them, for names', () => {
    for (const q of [
      'Миранова',
      'Карасёва Ек',
      'Карасева Ек',
      'Щукина 5б',
      'Фёдоровой 10-А',
      'Мироновa',
      'иванова м.п.',
      'миронова 15.5.14',
    ])
      expect(looksLikeName(q), q).toBe(true);
  });
  it('does not take codes, typed any way, for names', () => {
    for (const q of ['k7m2-x9q-4uz', 'л7ь2-ч9й-4ел', 'л7ь2 ч9й 4ел', 'fczg-rjk-mzy', '15.5.14', '6а', 'ъъъ'])
      expect(looksLikeName(q), q).toBe(false);
    const onRussianKeys = (code: string) => [...code].map((c) => LATIN_TO_RUSSIAN_KEY[c] ?? c).join('');
    for (let n = 0; n < 2000; n++) {
      const code = generateCode();
      if (!/\d/.test(code)) continue; // one code in forty has no digit: it may read as a word
      expect(looksLikeName(onRussianKeys(formatCode(code))), code).toBe(false);
      expect(looksLikeName(formatCode(code)), code).toBe(false);
    }
  });
});

describe('a code typed with the Russian layout on', () => {
  const onRussianKeys = (code: string) => [...code].map((c) => LATIN_TO_RUSSIAN_KEY[c] ?? c).join('');
  it('is read through the keyboard, for every fresh code', () => {
    for (let n = 0; n < 2000; n++) {
      const code = generateCode();
      const typed = onRussianKeys(formatCode(code));
      expect(codeReadings(typed), typed).toContain(code);
      expect(codeQueryGuess(typed), typed).not.toBe('no');
    }
    expect(checkCodeInput('л7ь2-ч9й-4ел')).toEqual({ ok: true, code: 'k7m2x9q4tk' });
    expect(checkCodeInput('Л7Ь2 Ч9Й 4ЕЛ')).toEqual({ ok: true, code: 'k7m2x9q4tk' });
  });
  it('gives both readings when look-alikes make a valid code both ways (the database decides)', () => {
    // jj8c-0ey-0c8 on Russian keys is оо8с-0ун-0с8, which as look-alikes reads 008c-0yh-0c8: also valid.
    expect(codeReadings('оо8с-0ун-0с8')).toEqual(['008c0yh0c8', 'jj8c0ey0c8']);
  });
  it('keeps the message of what was typed when the keyboard does not make a code of it either', () => {
    expect(checkCodeInput('иванова 5б')).toMatchObject({ ok: false, problem: { kind: 'invalid_char', position: 1, char: 'и' } });
  });
});
