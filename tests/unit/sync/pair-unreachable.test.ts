// Pairing needs the portal: when it cannot be reached nothing is paired, and the office says so —
// not the sync's «work as usual, changes will be sent», which is for a database already paired.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { errorMessage } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';

// A port of this helper's range that nothing listens on: the connection is refused at once.
const NOWHERE = 'http://127.0.0.1:47599/s47/hello';
const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('pairing with a portal that cannot be reached', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    t.core.settings.update(actor, { registrationUrl: NOWHERE });
    t.core.sync.timeoutMs = 5_000;
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
  });
  afterEach(() => t.close());

  it('refuses with its own reason, asking to check the address and the connection; nothing is paired', async () => {
    const e = await t.core.sync.pair(actor, NOWHERE, 'ABCD-EFGH-JKLM').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).reason).toBe('sync.pair_unreachable');
    const text = errorMessage(e as AppError);
    expect(text).toMatch(/^Подключиться не удалось: портал недоступен \(ECONNREFUSED\)/);
    expect(text).toContain('Проверьте адрес и связь и повторите');
    expect(text).not.toContain('Работайте как обычно');
    expect(t.core.sync.isPaired()).toBe(false);
    // The settings screen shows the same words.
    const r = await t.dispatch('pairPortal', { url: NOWHERE, key: 'ABCD-EFGH-JKLM' }, 'desk');
    expect(r).toMatchObject({ ok: false, error: { reason: 'sync.pair_unreachable' } });
  });
});
