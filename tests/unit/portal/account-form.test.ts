// The account form's checks as a parent meets them: every problem at once, each on its field, and
// a phone a digit short said so (not «needs a mobile number»).
import { describe, expect, it } from 'vitest';
import { checkAccountForm, checkPhone, readAccountForm, type AccountRules } from '../../../src-portal/registration/validate.ts';
import { errorMessage } from '../../../src-shared/i18n/index.ts';

const RULES: AccountRules = {
  emailRequired: true,
  needFullName: false,
  consentRequired: true,
  names: ['Варвара', 'Боброва'],
  birthDates: [],
};
const form = (fields: Record<string, string>) =>
  readAccountForm({ code: 'X', login: 'bobrova.v', email: 'v@mail.ru', consent: 'yes', ...fields });

describe('the account form', () => {
  it('a refused password and a second password that differs are both said at once', () => {
    const { errors } = checkAccountForm(form({ password: 'varvara2014', password2: 'другой пароль' }), RULES);
    expect(errors.password?.reason).toBeDefined();
    expect(errors.password2?.reason).toBe('register.password_mismatch');
  });

  it('a good password typed twice alike passes; typed differently, only the second field is refused', () => {
    expect(checkAccountForm(form({ password: 'зелёный чай утром', password2: 'зелёный чай утром' }), RULES).errors).toEqual({});
    const { errors } = checkAccountForm(form({ password: 'зелёный чай утром', password2: 'зелёный чай' }), RULES);
    expect(Object.keys(errors)).toEqual(['password2']);
  });

  it('a mobile number a digit short or long names how many digits it has', () => {
    for (const [typed, count] of [
      ['8 928 775 74 5', 10],
      ['+7 928 775-74-5', 10],
      ['928 775 74 5', 9],
      ['8 928 775 74 511', 12],
    ] as const) {
      const { error } = checkPhone(typed);
      expect(error?.reason, typed).toBe('register.phone_digits');
      expect(errorMessage(error!), typed).toContain(`${count} цифр`);
    }
  });

  it('a well-formed mobile passes; a landline is still «needs a mobile», letters «written with an error»', () => {
    expect(checkPhone('8 928 775 74 51')).toEqual({ phone: '+79287757451', error: null });
    expect(checkPhone('928 775 74 51').phone).toBe('+79287757451');
    expect(checkPhone('+7 495 123-45-67').error?.reason).toBe('register.phone_not_mobile');
    expect(checkPhone('телефон мамы').error?.reason).toBe('register.phone_invalid');
  });
});
