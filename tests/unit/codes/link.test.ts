import { describe, expect, it } from 'vitest';
import { parseRegistrationUrl, registrationLink } from '../../../src-shared/codes/index.ts';

describe('registrationLink', () => {
  it('adds code= to the address', () => {
    expect(registrationLink('https://1399.ejgur.ru/hello', 'k7m2x9q4tk')).toBe('https://1399.ejgur.ru/hello?code=k7m2x9q4tk');
    expect(registrationLink('  https://x.ru ', 'k7m2x9q4tk')).toBe('https://x.ru/?code=k7m2x9q4tk');
    expect(registrationLink('https://x.ru/?', 'k7m2x9q4tk')).toBe('https://x.ru/?code=k7m2x9q4tk');
  });
  it('keeps existing parameters as typed and the fragment', () => {
    expect(registrationLink('https://x.ru/r?a=b%20c&flag#frag', 'k7m2x9q4tk')).toBe('https://x.ru/r?a=b%20c&flag&code=k7m2x9q4tk#frag');
    const u = new URL(registrationLink('https://x.ru/r?a=1&b=2', 'k7m2x9q4tk'));
    expect([...u.searchParams]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['code', 'k7m2x9q4tk'],
    ]);
  });
  it('replaces an existing code parameter', () => {
    const u = new URL(registrationLink('https://x.ru/r?code=old&a=1', 'k7m2x9q4tk'));
    expect(u.searchParams.getAll('code')).toEqual(['k7m2x9q4tk']);
    expect(u.searchParams.get('a')).toBe('1');
  });
  it('encodes international addresses', () => {
    expect(registrationLink('https://школа.рф/рег', 'k7m2x9q4tk')).toBe('https://xn--80atdl2c.xn--p1ai/%D1%80%D0%B5%D0%B3?code=k7m2x9q4tk');
  });
  it('accepts only absolute http(s) addresses', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://x.ru', '1399.ejgur.ru/hello', '', 'data:text/html,x']) {
      expect(parseRegistrationUrl(bad)).toBeNull();
      expect(() => registrationLink(bad, 'k7m2x9q4tk')).toThrow();
    }
    expect(parseRegistrationUrl('http://x.ru')?.href).toBe('http://x.ru/');
  });
});
