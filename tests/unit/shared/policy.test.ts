import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../src-shared/auth/password-policy.ts';
import { loginCandidates, loginProblem, readLogin } from '../../../src-shared/auth/login.ts';
import { emailTypoSuggestion } from '../../../src-shared/contacts/email.ts';
import { isCommonPassword } from '../../../src-node/common-passwords.ts';
import { t } from '../../../src-shared/i18n/index.ts';

const person = { login: 'ivanova.m', names: ['Иванова', 'Мария', 'Сергеевна'], birthDates: ['2013-08-10'], isCommon: isCommonPassword };

describe('password policy', () => {
  it('asks for 8 to 128 characters and nothing else about composition', () => {
    expect(passwordProblem('корова7')).toBe('too_short');
    expect(passwordProblem('зелёная корова')).toBeNull();
    expect(passwordProblem('aaaaaaaa')).toBeNull();
    expect(passwordProblem('я'.repeat(128))).toBeNull();
    expect(passwordProblem('я'.repeat(129))).toBe('too_long');
    // Counted in characters, not UTF-16 units: seven emoji are seven characters.
    expect(passwordProblem('😀'.repeat(7))).toBe('too_short');
  });

  it('refuses the login, the name or surname (as typed, transliterated, or on the wrong layout)', () => {
    expect(passwordProblem('IVANOVA.M-2024', person)).toBe('has_login');
    expect(passwordProblem('мария-солнце', person)).toBe('has_name');
    expect(passwordProblem('Ivanova!Sun', person)).toBe('has_name');
    expect(passwordProblem('vfhbz-cjkywt', person)).toBe('has_name');
    expect(passwordProblem('ИВАНОВА-ТОП', person)).toBe('has_name');
    expect(passwordProblem('зелёная корова', person)).toBeNull();
  });

  it('refuses a birth date in any common form', () => {
    for (const p of ['solnce10082013', 'x10.08.2013x', 'x10.8.2013x', 'kot20130810', 'kot100813', 'kot_10/08/13', 'abc-10-08-2013']) {
      expect(passwordProblem(p, person), p).toBe('has_birth_date');
    }
    expect(passwordProblem('kot-2013-sun', person)).toBeNull();
  });

  it('refuses common passwords, Russian ones included', () => {
    for (const p of ['password', '12345678', 'qwertyuiop', 'Qwerty123', 'йцукенгш', '1q2w3e4r5t']) {
      expect(passwordProblem(p, person), p).toBe('common');
    }
    expect(passwordProblem('qwertyuiop')).toBeNull(); // no list given: the form in a browser
  });

  it('says each refusal in plain Russian', () => {
    for (const text of Object.values(t.policy.password.problems)) expect(text).toMatch(/^[А-Я][^]*\.$/u);
  });
});

describe('login policy', () => {
  it('reads capitals and spaces forgivingly, then checks the rules', () => {
    expect(readLogin('  Ivanova.M ')).toBe('ivanova.m');
    expect(loginProblem('ivanova.m')).toBeNull();
    expect(loginProblem('')).toBe('required');
    expect(loginProblem('iv')).toBe('too_short');
    expect(loginProblem('a'.repeat(33))).toBe('too_long');
    expect(loginProblem('иванова')).toBe('not_latin');
    expect(loginProblem('ivan ova')).toBe('bad_chars');
    expect(loginProblem('1ivanova')).toBe('bad_start');
    expect(loginProblem('_ivanova')).toBe('bad_start');
  });

  it('suggests valid logins from the name', () => {
    const c = loginCandidates({ surname: 'Щукина-Ёлкина', name: 'Юлия', birthYear: 2012 });
    expect(c[0]).toBe('shchukinaelkina.iuliia');
    expect(c).toContain('shchukinaelkina.i');
    expect(c.every((l) => loginProblem(l) === null)).toBe(true);
    expect(new Set(c).size).toBe(c.length);
  });
});

describe('email typos', () => {
  it('points out near misses of common domains and leaves the rest alone', () => {
    expect(emailTypoSuggestion('ivan@gmial.com')).toBe('ivan@gmail.com');
    expect(emailTypoSuggestion('ivan@mail.ry')).toBe('ivan@mail.ru');
    expect(emailTypoSuggestion('ivan@yandex.ri')).toBe('ivan@yandex.ru');
    expect(emailTypoSuggestion('ivan@gmail.com')).toBeNull();
    expect(emailTypoSuggestion('ivan@school1399.ru')).toBeNull();
  });

  it('leaves alone the real services of neighbouring countries and Russian regions that look like a typo of a common one', () => {
    for (const real of [
      'yandex.by',
      'yandex.kz',
      'yandex.ua',
      'yandex.uz',
      'mail.ua',
      'mail.kz',
      'ya.by',
      'ok.ru',
      'ro.ru',
      'e1.ru',
      'ngs.ru',
      'list.ua',
      'bk.ua',
      'inbox.lv',
      'gmail.ru',
      'mail.com',
      'tut.by',
      'ukr.net',
    ]) {
      expect(emailTypoSuggestion(`ivan@${real}`), real).toBeNull();
    }
    // Typos of those are still typos of something.
    expect(emailTypoSuggestion('ivan@yandex.ri')).toBe('ivan@yandex.ru');
    expect(emailTypoSuggestion('ivan@gmai.com')).toBe('ivan@gmail.com');
  });
});
