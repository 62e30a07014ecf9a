// How many entries an office puts in one push: what the portal's answer header says, within bounds.
import { describe, expect, it } from 'vitest';
import { LARGEST_PUSH, MAX_PUSH_ENTRIES, pushLimitOf } from '../../../src-shared/sync/protocol.ts';

describe('pushLimitOf', () => {
  it('takes the portal at its word within the protocol’s bounds', () => {
    expect(pushLimitOf(String(LARGEST_PUSH))).toBe(LARGEST_PUSH);
    expect(pushLimitOf('1000')).toBe(1000);
    expect(pushLimitOf(' 800 ')).toBe(800);
  });

  it('never goes above what it knows a portal takes, nor below what every v1 portal takes', () => {
    expect(pushLimitOf('1000000')).toBe(LARGEST_PUSH);
    expect(pushLimitOf('10')).toBe(MAX_PUSH_ENTRIES);
    expect(pushLimitOf('0')).toBe(MAX_PUSH_ENTRIES);
  });

  it('falls back to the v1 limit without a header or with one it cannot read', () => {
    for (const header of [null, undefined, '', 'many', '1e9', '-5', '12.5', '99999999']) {
      expect(pushLimitOf(header), String(header)).toBe(MAX_PUSH_ENTRIES);
    }
  });
});
