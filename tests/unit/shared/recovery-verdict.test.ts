import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, recoveryVerdict } from '../../../src-shared/accounts/verdict.ts';
import { t } from '../../../src-shared/i18n/index.ts';

const none = { email: null, emailConfirmed: false, phone: null, phoneConfirmed: false, disabled: false };

describe('the desk’s recovery verdict', () => {
  it('masks an email to its first letter and domain, a phone as the portal shows it (operator code and last two digits)', () => {
    expect(maskEmail('ivanova@mail.ru')).toBe('i***@mail.ru');
    expect(maskEmail('a@b.ru')).toBe('a***@b.ru');
    expect(maskEmail('broken')).toBe('***');
    // One rule for the desk and the portal's SMS page: a parent told one form at the desk sees the same.
    expect(maskPhone('+79021702876')).toBe('+7 902 •••-••-76');
  });

  it('says a masked contact in words a screen reader reads as a whole, not symbol by symbol', () => {
    expect(t.deskAccounts.spoken('+7 902 •••-••-76')).toBe('+7 902 (скрыто) 76');
    expect(t.deskAccounts.spoken('i***@mail.ru')).toBe('i (скрыто) @mail.ru');
    const both = recoveryVerdict({ ...none, email: 'x@y.ru', emailConfirmed: true, phone: '+79021702876', phoneConfirmed: true });
    const said = t.deskAccounts.verdict(both, { spoken: true });
    expect(said).toBe('Может восстановить доступ сам: по почте x (скрыто) @y.ru или по телефону +7 902 (скрыто) 76.');
    expect(said).not.toMatch(/[•*]/);
  });

  it('can recover alone only through a confirmed contact', () => {
    const v = recoveryVerdict({ ...none, email: 'ivanova@mail.ru', emailConfirmed: true, phone: '+79021702876' });
    expect(v).toEqual({ alone: true, ways: [{ channel: 'email', masked: 'i***@mail.ru' }] });
    expect(t.deskAccounts.verdict(v)).toBe('Может восстановить доступ сам: по почте i***@mail.ru.');
    const both = recoveryVerdict({ ...none, email: 'x@y.ru', emailConfirmed: true, phone: '+79021702876', phoneConfirmed: true });
    expect(both.alone && both.ways.map((w) => w.channel)).toEqual(['email', 'phone']);
    expect(t.deskAccounts.verdict(both)).toContain('или по телефону +7 902 •••-••-76');
  });

  it('cannot: nothing confirmed (a reset here), or the account is locked', () => {
    const unconfirmed = recoveryVerdict({ ...none, email: 'ivanova@mail.ru', phone: '+79021702876' });
    expect(unconfirmed).toEqual({ alone: false, why: 'no_contact' });
    expect(t.deskAccounts.verdict(unconfirmed)).toBe(
      'Сам восстановить доступ не сможет: нет подтверждённой почты и телефона — нужен сброс здесь.',
    );
    expect(recoveryVerdict({ ...none, email: 'x@y.ru', emailConfirmed: true, disabled: true })).toEqual({ alone: false, why: 'locked' });
  });
});

describe('SMS texts', () => {
  const sms = t.portal.recover.smsText;
  const long = 'Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1399»';
  /** Cyrillic goes as UCS-2: 70 characters in one SMS, 67 in each part of a longer one. */
  const segments = (text: string) => (text.length <= 70 ? 1 : Math.ceil(text.length / 67));

  it('name the school first, a long name cut so the message stays short', () => {
    expect(sms.code('Школа № 1399', '123456')).toMatch(/^Школа № 1399\. Код смены пароля: 123456\./);
    const text = sms.confirm(long, '654321');
    expect(text.indexOf('.')).toBeLessThanOrEqual(30);
    expect(text).toMatch(/^Государственное бюджетное общ…\. Код подтверждения: 654321\./);
  });

  it('take at most two SMS whatever the school name and the login (the school pays per part)', () => {
    const login = 'ivanova.elena-sergeevna.2014abcd'; // 32 characters, the longest a login may be
    expect(login).toHaveLength(32);
    for (const school of ['Школа № 1399', long]) {
      const texts = {
        code: sms.code(school, '123456'),
        confirm: sms.confirm(school, '123456'),
        changed: sms.changed(school, login),
        login: sms.login(school, [login]),
      };
      for (const [kind, text] of Object.entries(texts)) expect(segments(text), `${kind} (${text.length}): ${text}`).toBeLessThanOrEqual(2);
    }
    // The phone's confirmation code, from a school with a short name: one SMS.
    expect(segments(sms.confirm('Гимназия № 1567', '123456'))).toBe(1);
  });

  it('tell whoever did not ask to do nothing, and never to pass the code on', () => {
    expect(sms.code('Школа № 1399', '123456')).toBe(
      'Школа № 1399. Код смены пароля: 123456. Никому не сообщайте. Если это не вы, ничего не делайте: пароль прежний.',
    );
    expect(sms.login('Школа № 1399', ['ivanova'])).toBe(
      'Школа № 1399. Логин в электронном журнале: ivanova. Если это не вы — ничего не делайте.',
    );
    expect(sms.changed('Школа № 1399', 'ivanova')).toBe('Школа № 1399. Пароль ivanova изменён. Если это не вы — обратитесь к куратору.');
  });
});
