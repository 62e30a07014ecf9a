import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, isValidCode } from '../../../src-shared/codes/index.ts';
import { generateCode, generateCodes } from '../../../src-main/core/codes/index.ts';

describe('generateCode', () => {
  it('makes valid clean codes', () => {
    for (let n = 0; n < 10_000; n++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
      expect(isValidCode(code)).toBe(true);
    }
  });

  it('one million draws are unique (up to the birthday bound) and uniform per position', () => {
    // 2^45 codes: the expected number of repeats among 10^6 draws is 10^12 / 2^46 ≈ 0.014, and
    // P(more than 2 repeats) < 10^-6. More would mean a broken random source.
    const N = 1_000_000;
    const seen = new Set<string>();
    const counts = Array.from({ length: 9 }, () => new Array<number>(32).fill(0));
    let repeats = 0;
    // Without the redraw about 9 of them would be all digits: 10^6 · (10/32)^10 ≈ 9.
    let allDigits = 0;
    const t0 = performance.now();
    for (let n = 0; n < N; n++) {
      const code = generateCode();
      if (/^\d+$/.test(code)) allDigits++;
      if (seen.has(code)) repeats++;
      else seen.add(code);
      for (let i = 0; i < 9; i++) {
        const row = counts[i];
        if (row) row[CODE_ALPHABET.indexOf(code[i] ?? '')]! += 1;
      }
    }
    const ms = performance.now() - t0;
    console.log(`1,000,000 codes drawn and checked in ${Math.round(ms)} ms, repeats: ${repeats}`);
    expect(repeats).toBeLessThanOrEqual(2);
    expect(allDigits).toBe(0);
    expect(seen.size).toBeGreaterThanOrEqual(N - 2);
    // Each symbol at each position: expected 31,250, sd ≈ 174. Allow ±7 sd.
    for (const row of counts) for (const c of row) expect(Math.abs(c - N / 32)).toBeLessThan(7 * 174);
  });

  it('generateCodes gives exactly n distinct codes, avoiding taken ones', () => {
    const taken = new Set(generateCodes(1000));
    const batch = generateCodes(5000, taken);
    expect(batch).toHaveLength(5000);
    expect(new Set(batch).size).toBe(5000);
    for (const c of batch) expect(taken.has(c)).toBe(false);
    expect(generateCodes(0)).toEqual([]);
    expect(() => generateCodes(-1)).toThrow();
    expect(() => generateCodes(1.5)).toThrow();
  });
});
