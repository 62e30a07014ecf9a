import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/rpc/contract.ts';
import { METHOD_NAMES } from '../../src-shared/rpc/methods.ts';
import { createDispatcher } from '../../src-main/core/rpc/dispatch.ts';
import { createHandlers } from '../../src-main/core/rpc/handlers.ts';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';

const auditCount = (t: TestCore) => (t.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('RPC contract', () => {
  it('has exactly the methods the preload exposes', () => {
    expect(Object.keys(contract).sort()).toEqual([...METHOD_NAMES].sort());
  });
});

describe('dispatcher', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('rejects an argument that does not parse, naming the field in Russian, without calling the handler', async () => {
    const before = auditCount(t);
    const r = await t.dispatch('signIn', { login: 'curator', password: 42 }, 'c');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'input.invalid', field: 'password' } });
    if (!r.ok) expect(r.error.message).toMatch(/^Пароль: /);
    const extra = await t.dispatch('signIn', { login: 'curator', password: 'x', admin: true }, 'c');
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.dispatch('getStatus', 'not an object', 'c')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(auditCount(t)).toBe(before);
  });

  it('refuses unknown methods', async () => {
    expect(await t.dispatch('__proto__', {}, 'c')).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'app.unknown_method' } });
    expect(await t.dispatch('constructor', {}, 'c')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('requires a session, an unlocked one, and the curator role where declared', async () => {
    expect(await t.dispatch('listAudit', { filter: {} }, 'c')).toMatchObject({
      error: { code: 'unauthenticated', reason: 'auth.required' },
    });
    await t.dispatch('signIn', { login: 'curator', password: CURATOR.password }, 'c');
    expect(await t.dispatch('listAudit', { filter: {} }, 'c')).toMatchObject({ ok: true });
    await t.dispatch('lock', {}, 'c');
    expect(await t.dispatch('listAudit', { filter: {} }, 'c')).toMatchObject({ error: { code: 'locked', reason: 'auth.locked' } });
    expect(await t.dispatch('unlock', { password: CURATOR.password }, 'c')).toMatchObject({ ok: true });

    const created = await t.dispatch(
      'createOperator',
      { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' },
      'c',
    );
    expect(created).toMatchObject({ ok: true, value: { login: 'petrov', role: 'deputy', active: true } });
    await t.dispatch('signIn', { login: 'petrov', password: 'Zamestitel2026' }, 'd');
    expect(await t.dispatch('listAudit', { filter: {} }, 'd')).toMatchObject({ ok: true });
    expect(await t.dispatch('getSettings', {}, 'd')).toMatchObject({ ok: true });
    expect(await t.dispatch('updateSettings', { schoolName: 'Другая' }, 'd')).toMatchObject({ error: { code: 'forbidden' } });
    expect(await t.dispatch('listOperators', {}, 'd')).toMatchObject({ error: { code: 'forbidden', reason: 'auth.forbidden' } });
  });

  it('answers only status and setup before first-run setup', async () => {
    const fresh = await makeCore({ setup: false });
    expect(await fresh.dispatch('getStatus', {}, 'c')).toMatchObject({ ok: true, value: { setupDone: false } });
    expect(await fresh.dispatch('signIn', { login: 'a', password: 'b' }, 'c')).toMatchObject({
      error: { code: 'setup_required', reason: 'setup.required' },
    });
    // The same setup each time, but for the one field a case changes.
    const setup = (over: { schoolName?: string; registrationUrl?: string; login?: string; password?: string } = {}) =>
      fresh.dispatch(
        'completeSetup',
        {
          schoolName: over.schoolName ?? 'Школа',
          registrationUrl: over.registrationUrl ?? 'https://1399.ejgur.ru/hello',
          curatorContact: 'каб. 1',
          operator: { fullName: 'Иванова Анна', login: over.login ?? 'ivanova', password: over.password ?? 'Kurator2026' },
        },
        'c',
      );
    const weak = await setup({ password: 'short' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'operator.password' } });
    const badUrl = await setup({ registrationUrl: 'javascript:alert(1)' });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'registrationUrl' } });
    const done = await setup();
    expect(done).toEqual({ ok: true, value: { login: 'ivanova' } });
    const again = await setup({ schoolName: 'Вторая', login: 'other' });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up', reason: 'setup.done' } });
    fresh.close();
  });

  it('turns a service’s reason into the Russian message, keeping field and wait', async () => {
    expect(await t.dispatch('signIn', { login: 'curator', password: 'wrong-1234' }, 'c')).toEqual({
      ok: false,
      error: { code: 'unauthenticated', reason: 'auth.wrong_credentials', message: 'Неверный логин или пароль.', field: 'password' },
    });
    expect(await t.dispatch('signIn', { login: 'curator', password: CURATOR.password }, 'c')).toMatchObject({
      ok: false,
      error: {
        code: 'throttled',
        reason: 'auth.throttled',
        message: expect.stringMatching(/^Слишком много неудачных попыток\. Повторите через \d+ секунд/),
        retryAfterMs: expect.any(Number),
      },
    });
  });

  it('turns unexpected failures into a Russian message without internals', async () => {
    const logged: unknown[] = [];
    const handlers = createHandlers(t.core);
    handlers.getStatus = () => {
      throw new Error('SQLITE_CORRUPT at /secret/path');
    };
    const dispatch = createDispatcher(t.core, handlers, (e) => logged.push(e));
    const r = await dispatch('getStatus', {}, 'c');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'internal', reason: 'app.internal', message: expect.stringContaining('Внутренняя ошибка') },
    });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });
});
