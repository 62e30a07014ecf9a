import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  FORMATTED_CODE_RE,
  checkSymbol,
  formatCode,
  isValidCode,
  withCheckSymbol,
} from '../../../src-shared/codes/index.ts';
import { generateCode } from '../../../src-main/core/codes/index.ts';

/** Carry-less multiplication mod x^5 + x^2 + 1: an independent GF(32) for cross-checking. */
function gfMul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 5; i++) if ((b >> i) & 1) r ^= a << i;
  for (let bit = 8; bit >= 5; bit--) if ((r >> bit) & 1) r ^= 0b100101 << (bit - 5);
  return r;
}
function gfPow(a: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = gfMul(r, a);
  return r;
}
/** Σ αⁱ·sᵢ with α = x, computed the slow way. */
function referenceSyndrome(word: string): number {
  let s = 0;
  for (let i = 0; i < word.length; i++) s ^= gfMul(gfPow(2, i), CODE_ALPHABET.indexOf(word[i] ?? ''));
  return s;
}

function randomData(): string {
  return generateCode().slice(0, 9);
}

describe('alphabet', () => {
  it('is lower-case Crockford base32 without i, l, o, u', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_ALPHABET).toBe('0123456789abcdefghjkmnpqrstvwxyz');
    for (const c of 'ilou') expect(CODE_ALPHABET).not.toContain(c);
  });
  it('α = x generates GF(32)*: x^5 + x^2 + 1 is primitive', () => {
    const powers = new Set<number>();
    for (let k = 0; k < 31; k++) powers.add(gfPow(2, k));
    expect(powers.size).toBe(31);
    expect(gfPow(2, 31)).toBe(1);
  });
});

describe('check symbol', () => {
  it('is stable (printed codes must stay valid across versions)', () => {
    expect(checkSymbol('000000000')).toBe('0');
    expect(checkSymbol('100000000')).toBe('n');
    expect(checkSymbol('000000001')).toBe('j');
    expect(checkSymbol('k7m2x9q4t')).toBe('k');
    expect(checkSymbol('abcdefghj')).toBe('w');
    expect(checkSymbol('zzzzzzzzz')).toBe('g');
  });

  it('agrees with an independent GF(32) implementation', () => {
    for (let n = 0; n < 2000; n++) {
      const code = withCheckSymbol(randomData());
      expect(referenceSyndrome(code)).toBe(0);
      expect(isValidCode(code)).toBe(true);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => checkSymbol('12345678')).toThrow();
    expect(() => checkSymbol('1234567890')).toThrow();
    expect(() => checkSymbol('u23456789')).toThrow();
    expect(() => checkSymbol('A23456789')).toThrow();
  });

  it('has exactly one valid check symbol for every data', () => {
    for (let n = 0; n < 500; n++) {
      const data = randomData();
      const valid = [...CODE_ALPHABET].filter((c) => isValidCode(data + c));
      expect(valid).toEqual([checkSymbol(data)]);
    }
  });

  it('catches every single-symbol substitution and every adjacent swap, for 3,000 random codes', () => {
    let substitutions = 0;
    let swaps = 0;
    for (let n = 0; n < 3000; n++) {
      const code = generateCode();
      expect(isValidCode(code)).toBe(true);
      const chars = [...code];
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (const c of CODE_ALPHABET) {
          if (c === chars[i]) continue;
          const bad = [...chars];
          bad[i] = c;
          if (isValidCode(bad.join(''))) throw new Error(`substitution not caught: ${code} → ${bad.join('')}`);
          substitutions++;
        }
      }
      for (let i = 0; i + 1 < CODE_LENGTH; i++) {
        if (chars[i] === chars[i + 1]) continue;
        const bad = [...chars];
        [bad[i], bad[i + 1]] = [chars[i + 1] ?? '', chars[i] ?? ''];
        if (isValidCode(bad.join(''))) throw new Error(`swap not caught: ${code} → ${bad.join('')}`);
        swaps++;
      }
    }
    expect(substitutions).toBe(3000 * 10 * 31);
    expect(swaps).toBeGreaterThan(3000 * 9 * 0.9);
  });

  it('catches every adjacent swap of every symbol pair at every position (exhaustive, incl. data ↔ check)', () => {
    // Linearity: a swap changes the syndrome by a term that depends only on the pair and the
    // position, so checking all pairs at all positions on one base word is a complete proof.
    const base = [...'0000000000'];
    for (let i = 0; i + 1 < CODE_LENGTH; i++) {
      for (const a of CODE_ALPHABET) {
        for (const b of CODE_ALPHABET) {
          if (a === b) continue;
          const w = [...base];
          w[i] = a;
          w[i + 1] = b;
          const before = referenceSyndrome(w.join(''));
          [w[i], w[i + 1]] = [b, a];
          expect(referenceSyndrome(w.join(''))).not.toBe(before);
        }
      }
    }
  });

  it('also catches jump swaps (i ↔ i+2) and twin errors (aa → bb)', () => {
    for (let n = 0; n < 500; n++) {
      const chars = [...generateCode()];
      for (let i = 0; i + 2 < CODE_LENGTH; i++) {
        if (chars[i] === chars[i + 2]) continue;
        const bad = [...chars];
        [bad[i], bad[i + 2]] = [chars[i + 2] ?? '', chars[i] ?? ''];
        expect(isValidCode(bad.join(''))).toBe(false);
      }
      for (let i = 0; i + 1 < CODE_LENGTH; i++) {
        if (chars[i] !== chars[i + 1]) continue;
        for (const c of CODE_ALPHABET) {
          if (c === chars[i]) continue;
          const bad = [...chars];
          bad[i] = c;
          bad[i + 1] = c;
          expect(isValidCode(bad.join(''))).toBe(false);
        }
      }
    }
  });

  it('isValidCode wants the clean form', () => {
    const code = generateCode();
    expect(isValidCode(code)).toBe(true);
    expect(isValidCode(code.toUpperCase())).toBe(code === code.toUpperCase());
    expect(isValidCode(formatCode(code))).toBe(false);
    expect(isValidCode(code.slice(0, 9))).toBe(false);
    expect(isValidCode(code + '0')).toBe(false);
    expect(isValidCode('')).toBe(false);
  });
});

describe('formatCode', () => {
  it('prints 4-3-3 groups', () => {
    expect(formatCode('k7m2x9q4tk')).toBe('k7m2-x9q-4tk');
    const code = generateCode();
    const printed = formatCode(code);
    expect(printed).toMatch(/^[0-9a-z]{4}-[0-9a-z]{3}-[0-9a-z]{3}$/);
    expect(printed.replaceAll('-', '')).toBe(code);
    expect([...printed.matchAll(FORMATTED_CODE_RE)].map((m) => m[0])).toEqual([printed]);
  });
  it('throws on anything but a clean code', () => {
    expect(() => formatCode('k7m2-x9q-4tk')).toThrow();
    expect(() => formatCode('K7M2X9Q4TK')).toThrow();
    expect(() => formatCode('k7m2x9q4t')).toThrow();
    expect(() => formatCode('k7m2x9q4tu')).toThrow();
  });
  it('FORMATTED_CODE_RE finds printed codes in text and nothing longer', () => {
    const text = 'Код: k7m2-x9q-4tk, ещё 0000-000-000; не код: k7m2-x9q-4tkk, ak7m2-x9q-4tk, k7m2-x9q-4tu';
    expect([...text.matchAll(FORMATTED_CODE_RE)].map((m) => m[0])).toEqual(['k7m2-x9q-4tk', '0000-000-000']);
  });
});
