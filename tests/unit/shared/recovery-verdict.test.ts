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
  it('name the school first, a long name cut so the message stays short', () => {
    const sms = t.portal.recover.smsText;
    expect(sms.code('Школа № 1399', '123456')).toMatch(/^Школа № 1399\. Код для нового пароля: 123456\./);
    const long = 'Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1399»';
    const text = sms.confirm(long, '654321');
    expect(text.indexOf('.')).toBeLessThanOrEqual(30);
    expect(text).toMatch(/^Государственное бюджетное общ…\. Код подтверждения телефона: 654321\./);
  });
});
