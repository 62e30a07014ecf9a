// The portal's hashing queue: never more than its limit at once, and a sign-in waiting goes before new
// passwords that came earlier.
import { describe, expect, it } from 'vitest';
import { HashQueue } from '../../../src-portal/accounts/hashing.ts';

describe('the hashing queue', () => {
  it('keeps to its limit and lets sign-ins go first', async () => {
    const q = new HashQueue(2);
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(name);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
    };
    const all = [
      q.run('new-password', job('r1')),
      q.run('new-password', job('r2')),
      q.run('new-password', job('r3')),
      q.run('new-password', job('r4')),
      q.run('sign-in', job('s1')),
    ];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['r1', 'r2']);
    while (order.length < 5 || gates.length > 0) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(order).toEqual(['r1', 'r2', 's1', 'r3', 'r4']);
    expect(most).toBe(2);
  });
});
