// The parser reads each distinct class, sex and birth date of a file once.
import { describe, expect, it } from 'vitest';
import { memoize } from '../../../src-main/core/roster/import/memo.ts';

describe('memoize', () => {
  it('calls the function once per distinct argument and returns the same result again', () => {
    const calls: string[] = [];
    const upper = memoize((s) => {
      calls.push(s);
      return s === 'x' ? null : s.toUpperCase();
    });
    expect([upper('6а'), upper('6а'), upper('7б'), upper('x'), upper('x')]).toEqual(['6А', '6А', '7Б', null, null]);
    expect(calls).toEqual(['6а', '7б', 'x']); // a remembered null is not worked out again
  });

  it('keeps results apart between two memoized functions', () => {
    const a = memoize((s) => `a${s}`);
    const b = memoize((s) => `b${s}`);
    expect([a('1'), b('1'), a('1')]).toEqual(['a1', 'b1', 'a1']);
  });
});
