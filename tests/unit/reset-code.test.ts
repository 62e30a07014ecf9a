// A reset slip's short code (src-shared/tokens/reset-code.ts): printed with a check symbol in groups of
// four, read back as forgivingly as an invitation code; a typo and a wrong length are told apart.
import { describe, expect, it } from 'vitest';
import { printedResetCode, readResetCode } from '../../src-shared/tokens/reset-code.ts';

const SECRET = 'k7m2x9q4tz';

describe('reset slip codes', () => {
  it('prints 10 symbols and a check symbol as abcd-efgh-jkm, and reads them back to the secret', () => {
    const printed = printedResetCode(SECRET);
    expect(printed).toMatch(/^k7m2-x9q4-tz[0-9a-z]$/);
    expect(readResetCode(printed)).toEqual({ ok: true, secret: SECRET, legacy: false });
    // Case, spaces, dashes and look-alike letters, Cyrillic ones included, as for invitation codes.
    expect(readResetCode(` ${printed.toUpperCase().replace(/-/g, ' ')} `)).toEqual({ ok: true, secret: SECRET, legacy: false });
    expect(readResetCode(printed.replace('k', 'к').replace('m', 'м'))).toEqual({ ok: true, secret: SECRET, legacy: false });
  });

  it('says a typo (one symbol changed, or two neighbours swapped) apart from a code of the wrong length', () => {
    const clean = printedResetCode(SECRET).replace(/-/g, '');
    for (let i = 0; i < clean.length; i++) {
      const changed = clean.slice(0, i) + (clean[i] === 'a' ? 'b' : 'a') + clean.slice(i + 1);
      expect(readResetCode(changed), `symbol ${i + 1} changed`).toMatchObject({ ok: false, problem: 'typo' });
      if (i + 1 < clean.length && clean[i] !== clean[i + 1]) {
        const swapped = clean.slice(0, i) + clean[i + 1] + clean[i] + clean.slice(i + 2);
        expect(readResetCode(swapped), `symbols ${i + 1} and ${i + 2} swapped`).toMatchObject({ ok: false, problem: 'typo' });
      }
    }
    expect(readResetCode(clean.slice(0, 9))).toEqual({ ok: false, problem: 'length', typed: 9 });
    expect(readResetCode(clean + 'a')).toEqual({ ok: false, problem: 'length', typed: 12 });
    expect(readResetCode(' - ')).toEqual({ ok: false, problem: 'length', typed: 0 });
    expect(readResetCode('k7m2-x9q4-tz!')).toMatchObject({ ok: false, problem: 'typo' });
  });

  it('still reads a slip printed before the check symbol (10 symbols) as its secret', () => {
    expect(readResetCode('k7m2x-9q4tz')).toEqual({ ok: true, secret: SECRET, legacy: true });
  });
});
