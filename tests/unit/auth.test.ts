import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { throttleDelayMs } from '../../src-main/core/services/auth.ts';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';

const actions = (t: TestCore) =>
  (t.core.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);

describe('sign-in, throttling, lock', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('signs in and out, auditing both', async () => {
    const s = await t.core.auth.signIn('tab-1', 'CURATOR', CURATOR.password);
    expect(s.operator.login).toBe('curator');
    expect(s.locked).toBe(false);
    t.core.auth.signOut('tab-1');
    expect(t.core.auth.current('tab-1')).toBeUndefined();
    expect(actions(t)).toEqual(['setup.complete', 'auth.sign_in', 'auth.sign_out']);
  });

  it('makes each next attempt after a wrong password wait longer', async () => {
    expect([1, 2, 3, 4, 10, 20].map(throttleDelayMs)).toEqual([1000, 2000, 4000, 8000, 30_000, 30_000]);
    await expect(t.core.auth.signIn('k', 'curator', 'wrong-1')).rejects.toMatchObject({ reason: 'auth.wrong_credentials' });
    // Right password, but too soon: refused without checking it.
    await expect(t.core.auth.signIn('k', 'curator', CURATOR.password)).rejects.toMatchObject({
      code: 'throttled',
      retryAfterMs: 1000,
    });
    t.clock.advance(1000);
    await expect(t.core.auth.signIn('k', 'curator', 'wrong-2')).rejects.toMatchObject({ reason: 'auth.wrong_credentials' });
    t.clock.advance(1999);
    const err = await t.core.auth.signIn('k', 'curator', CURATOR.password).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'auth.throttled', code: 'throttled', params: { seconds: 1 }, retryAfterMs: 1 });
    t.clock.advance(1);
    await expect(t.core.auth.signIn('k', 'curator', CURATOR.password)).resolves.toMatchObject({ locked: false });
    // Success clears the counter.
    await expect(t.core.auth.signIn('k2', 'curator', 'wrong-3')).rejects.toMatchObject({ reason: 'auth.wrong_credentials' });
    expect(actions(t).filter((a) => a === 'auth.sign_in_failed')).toHaveLength(3);
  });

  it('throttles unknown logins too, and says the same thing as for a wrong password', async () => {
    const e = await t.core.auth.signIn('k', 'nobody', 'whatever1').catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'auth.wrong_credentials', field: 'password' });
    await expect(t.core.auth.signIn('k', 'nobody', 'whatever1')).rejects.toMatchObject({ code: 'throttled' });
  });

  it('throttles guesses sent in parallel: two are checked at once, the others must wait', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => t.core.auth.signIn(`tab-${i}`, 'curator', `guess-${i}-1234`)),
    );
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'unauthenticated')).toHaveLength(2);
    expect(codes.filter((c) => c === 'throttled')).toHaveLength(4);
    await t.core.auth.signIn('k', 'curator', CURATOR.password).catch(() => undefined); // still throttled (two failures: 2 s)
    t.clock.advance(2000);
    await expect(t.core.auth.signIn('k', 'curator', CURATOR.password)).resolves.toMatchObject({ locked: false });
  });

  it('never stores a login no operator has (it may be a password typed into the wrong field)', async () => {
    await expect(t.core.auth.signIn('k', 'Kurator2026', 'whatever1')).rejects.toMatchObject({ reason: 'auth.wrong_credentials' });
    const dump = JSON.stringify([
      t.core.db.prepare('SELECT * FROM audit_log').all(),
      t.core.db.prepare('SELECT * FROM login_throttle').all(),
    ]);
    expect(dump.toLowerCase()).not.toContain('kurator2026');
    expect(t.core.audit.page({ action: 'auth.sign_in_failed' }, 1, 0).rows[0]!.details).toMatchObject({
      reason: 'unknown_login',
      loginDigest: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    // ...and the same mistyped text is still throttled.
    await expect(t.core.auth.signIn('k', 'Kurator2026', 'whatever1')).rejects.toMatchObject({ code: 'throttled' });
  });

  it('checks the current password when changing one’s own (throttled) and ends the other sessions', async () => {
    await t.core.auth.signIn('desk-1', 'curator', CURATOR.password);
    await t.core.auth.signIn('desk-2', 'curator', CURATOR.password);
    const me = { operatorId: 1, login: 'curator', via: 'app' as const };
    await expect(t.core.operators.changeOwn(me, 'wrong-123456', 'Novyi2026pass', 'desk-1')).rejects.toMatchObject({
      reason: 'operator.wrong_current_password',
      code: 'invalid_input',
      field: 'current',
    });
    await expect(t.core.operators.changeOwn(me, CURATOR.password, 'Novyi2026pass', 'desk-1')).rejects.toMatchObject({
      code: 'throttled',
    });
    t.clock.advance(1000);
    await t.core.operators.changeOwn(me, CURATOR.password, 'Novyi2026pass', 'desk-1');
    expect(t.core.auth.current('desk-1')).toBeDefined();
    expect(t.core.auth.current('desk-2')).toBeUndefined();
    expect(actions(t)).toContain('auth.password_change_failed');
  });

  it('locks after the idle minutes, and on demand; unlock needs the password', async () => {
    await t.core.auth.signIn('k', 'curator', CURATOR.password);
    t.clock.advance(9 * 60_000);
    expect(t.core.auth.current('k')?.locked).toBe(false);
    t.core.auth.touch('k');
    t.clock.advance(10 * 60_000);
    expect(t.core.auth.current('k')?.locked).toBe(true);
    await expect(t.core.auth.unlock('k', 'wrong-pass1')).rejects.toMatchObject({ reason: 'auth.wrong_password', field: 'password' });
    t.clock.advance(1000);
    await expect(t.core.auth.unlock('k', CURATOR.password)).resolves.toMatchObject({ locked: false });
    t.core.auth.lock('k');
    expect(actions(t).slice(-5)).toEqual(['auth.sign_in', 'auth.idle_lock', 'auth.unlock_failed', 'auth.unlock', 'auth.lock']);
  });

  it('honours the school’s idle setting', async () => {
    t.core.settings.update({ operatorId: 1, login: 'curator', via: 'app' }, { idleLockMinutes: 2 });
    await t.core.auth.signIn('k', 'curator', CURATOR.password);
    t.clock.advance(2 * 60_000);
    expect(t.core.auth.current('k')?.locked).toBe(true);
  });

  it('refuses a disabled operator even with the right password, and ends their sessions', async () => {
    const curator = { operatorId: 1, login: 'curator', via: 'app' as const };
    const deputy = await t.core.operators.create(curator, {
      fullName: 'Петров Иван Иванович',
      login: 'petrov',
      role: 'deputy',
      password: 'Zamestitel2026',
    });
    await t.core.auth.signIn('deputy-tab', 'petrov', 'Zamestitel2026');
    t.core.operators.update(curator, { id: deputy.id, active: false });
    expect(t.core.auth.current('deputy-tab')).toBeUndefined();
    await expect(t.core.auth.signIn('x', 'petrov', 'Zamestitel2026')).rejects.toMatchObject({ reason: 'auth.disabled', code: 'forbidden' });
  });

  it('keeps at least one active curator', async () => {
    const curator = { operatorId: 1, login: 'curator', via: 'app' as const };
    expect(() => t.core.operators.update(curator, { id: 1, role: 'deputy' })).toThrow(
      expect.objectContaining({ reason: 'operator.last_curator' }),
    );
    expect(() => t.core.operators.update(curator, { id: 1, active: false })).toThrow(
      expect.objectContaining({ reason: 'operator.last_curator' }),
    );
    expect(t.core.operators.list()[0]).toMatchObject({ role: 'curator', active: true });
  });
});

describe('password hashes from the first version', () => {
  it('upgrades an operator scrypt hash to argon2id at the next successful sign-in', async () => {
    const t = await makeCore();
    try {
      const salt = randomBytes(16);
      const key = scryptSync(CURATOR.password, salt, 32, { N: 2 ** 10, r: 8, p: 1 });
      const legacy = ['scrypt', 10, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
      t.core.db.prepare('UPDATE operators SET password_hash = ? WHERE login = ?').run(legacy, CURATOR.login);
      await t.core.auth.signIn('tab', CURATOR.login, CURATOR.password);
      const stored = t.core.db.prepare('SELECT password_hash AS h FROM operators WHERE login = ?').get(CURATOR.login) as { h: string };
      expect(stored.h).toMatch(/^\$argon2id\$v=19\$/);
      t.core.auth.signOut('tab');
      await expect(t.core.auth.signIn('tab', CURATOR.login, CURATOR.password)).resolves.toMatchObject({ locked: false });
    } finally {
      t.close();
    }
  });
});
