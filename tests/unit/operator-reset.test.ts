// «The only curator forgot their password»: a new one set at the office PC by another process ends
// the curator's sessions in the running app (a second core on the same file stands in for it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src-main/core/core.ts';
import { CURATOR, TEST_COST, makeCore, type TestCore } from '../support/core.ts';

const NEW_PASSWORD = 'Новый-пароль-2027';

describe('operator password reset at the office PC', () => {
  let app: TestCore;
  let cli: Core;

  beforeEach(async () => {
    app = await makeCore();
    cli = await openCore({ dataDir: app.dir, mode: 'cli', clock: app.clock, passwordCost: TEST_COST });
  });
  afterEach(() => {
    cli.close();
    app.close();
  });

  it('ends the operator’s sessions in the running app, clears the throttle, and the new password signs in', async () => {
    await app.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'window-1');
    await app.dispatch('lock', {}, 'window-1');
    await app.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'window-2');
    // Someone guessing meanwhile: the throttle would make the curator wait.
    await expect(app.core.auth.authenticate(CURATOR.login, 'wrong-guess', 'app')).rejects.toMatchObject({
      reason: 'auth.wrong_credentials',
    });

    await cli.operators.resetPasswordAtOffice('CURATOR', NEW_PASSWORD, { osUser: 'office', host: 'pc-204' });

    expect(await app.dispatch('keepAlive', {}, 'window-2')).toMatchObject({ ok: false, error: { reason: 'auth.required' } });
    expect(await app.dispatch('unlock', { password: CURATOR.password }, 'window-1')).toMatchObject({
      ok: false,
      error: { reason: 'auth.required' },
    });
    expect(await app.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'window-3')).toMatchObject({
      ok: false,
      error: { reason: 'auth.wrong_credentials' },
    });
    app.clock.advance(2000);
    expect(await app.dispatch('signIn', { login: CURATOR.login, password: NEW_PASSWORD }, 'window-3')).toMatchObject({ ok: true });
    const [row] = app.core.audit.page({ action: 'operator.password_reset_local' }, 1, 0).rows;
    expect(row).toMatchObject({
      operatorId: null,
      personLabel: `${CURATOR.fullName} (curator)`,
      details: { login: 'curator', osUser: 'office', host: 'pc-204' },
    });
  });

  it('keeps the session that changed its own password, and the policy applies to a reset', async () => {
    await app.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'mine');
    await app.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'other');
    expect(await app.dispatch('changeOwnPassword', { current: CURATOR.password, next: NEW_PASSWORD }, 'mine')).toMatchObject({ ok: true });
    expect(await app.dispatch('keepAlive', {}, 'mine')).toMatchObject({ ok: true });
    expect(await app.dispatch('keepAlive', {}, 'other')).toMatchObject({ ok: false, error: { reason: 'auth.required' } });
    await expect(cli.operators.resetPasswordAtOffice('curator', 'curator2027', { osUser: 'x', host: 'y' })).rejects.toMatchObject({
      reason: 'password.has_login',
    });
    await expect(cli.operators.resetPasswordAtOffice('nobody', NEW_PASSWORD, { osUser: 'x', host: 'y' })).rejects.toMatchObject({
      reason: 'operator.login_not_found',
    });
  });
});
