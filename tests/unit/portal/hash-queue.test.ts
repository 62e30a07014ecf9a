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

  it('never starves new passwords behind a steady stream of sign-ins: one in every few slots is theirs', async () => {
    // Seen in the portal bench with a 2-thread pool: five clients signing in again and again kept
    // every slot, and 300 registrations took 87 minutes (0.1 a second).
    const q = new HashQueue(1);
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const job = (name: string) => async () => {
      order.push(name);
      await new Promise<void>((resolve) => gates.push(resolve));
    };
    let signIns = 0;
    let stop = false;
    // Three sign-in clients: each asks again as soon as its last sign-in is done.
    const clients = Array.from({ length: 3 }, async () => {
      while (!stop) await q.run('sign-in', job(`s${++signIns}`));
    });
    await new Promise((r) => setTimeout(r, 0));
    const registrations = [q.run('new-password', job('r1')), q.run('new-password', job('r2'))];
    let done = 0;
    void Promise.all(registrations).then(() => (done = 1));
    for (let i = 0; i < 40 && !done; i++) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    const doneWhileSigningIn = done;
    stop = true;
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all([...registrations, ...clients]);
    expect(doneWhileSigningIn, order.join(' ')).toBe(1);
    // Sign-ins still go first: the registrations waited, each behind a few sign-ins, not behind all of them.
    const r1 = order.indexOf('r1');
    const r2 = order.indexOf('r2');
    expect(r1).toBeGreaterThan(1);
    expect(r2 - r1).toBeGreaterThan(1);
    expect(r2).toBeLessThanOrEqual(1 + 2 * 4);
  });
});
