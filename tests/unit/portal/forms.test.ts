// A field's error is what a screen reader must say first: a reader says the described-by texts in the
// order listed, and a password's hint (the whole policy) before its error buried the error. On screen
// the error stays where the eye finds it, right above the field.
import { describe, expect, it } from 'vitest';
import { field } from '../../../src-portal/http/forms.ts';

describe('a form field with a hint and an error', () => {
  const markup = field({
    name: 'password',
    label: 'Пароль',
    type: 'password',
    hint: 'Не короче 8 знаков.',
    error: 'Пароль слишком короткий.',
  }).toString();

  it('names the error before the hint in aria-describedby', () => {
    expect(/aria-describedby="([^"]*)"/.exec(markup)?.[1]).toBe('f-password-error f-password-hint');
    expect(markup).toContain('aria-invalid="true"');
  });

  it('without an error, the hint alone', () => {
    const plain = field({ name: 'login', label: 'Логин', hint: 'Латинские буквы и цифры.' }).toString();
    expect(/aria-describedby="([^"]*)"/.exec(plain)?.[1]).toBe('f-login-hint');
    expect(plain).not.toContain('aria-invalid');
  });
});
