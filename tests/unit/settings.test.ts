// School settings: a code validity date that has already passed is refused at the boundary with
// the field named, and nothing is stored; a future date or none is fine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, SCHOOL, makeCore, type TestCore } from '../support/core.ts';
import { completeSetup } from '../../src-main/core/services/setup.ts';

describe('school settings', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore(); // the clock reads 2026-09-01
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
  });
  afterEach(() => t.close());

  it('refuses a code validity date in the past, naming the field, and keeps the stored settings', async () => {
    const before = t.core.settings.get();
    const r = await t.dispatch('updateSettings', { codesValidUntil: '2026-08-31' }, 'desk');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'settings.validity_past', field: 'codesValidUntil' },
    });
    expect(t.core.settings.get()).toEqual(before);
  });

  it('accepts a future date, today, or none (the end of the school year)', async () => {
    for (const date of ['2027-06-30', '2026-09-01', null]) {
      const r = await t.dispatch('updateSettings', { codesValidUntil: date }, 'desk');
      expect(r, String(date)).toMatchObject({ ok: true, value: { codesValidUntil: date } });
    }
  });

  it('a date that passed since it was set does not block saving other settings', async () => {
    expect(await t.dispatch('updateSettings', { codesValidUntil: '2026-12-31' }, 'desk')).toMatchObject({ ok: true });
    t.clock.advance(200 * 86_400_000);
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password); // the session locked meanwhile
    expect(await t.dispatch('updateSettings', { curatorContact: 'каб. 214' }, 'desk')).toMatchObject({
      ok: true,
      value: { curatorContact: 'каб. 214', codesValidUntil: '2026-12-31' },
    });
  });

  it('explains lengths and numbers in plain Russian, field by field', async () => {
    const r = await t.dispatch('updateSettings', { schoolName: 'Ш', idleLockMinutes: 0, curatorContact: 'к'.repeat(301) }, 'desk');
    expect(r.ok).toBe(false);
    const issues = Object.fromEntries(
      (r as { error: { issues: { path: string; message: string }[] } }).error.issues.map((i) => [i.path, i.message]),
    );
    expect(issues).toEqual({
      schoolName: 'Слишком коротко: нужно не меньше 2 знаков',
      idleLockMinutes: 'Нужно число не меньше 1',
      curatorContact: 'Слишком длинно: можно не больше 300 знаков',
    });
  });
});

describe('the registration address must be https (codes travel in its QR code)', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore({ setup: false });
  });
  afterEach(() => t.close());

  const setup = (registrationUrl: string) =>
    t.dispatch(
      'completeSetup',
      {
        schoolName: 'ГБОУ Школа № 1399',
        registrationUrl,
        curatorContact: '',
        operator: { ...CURATOR },
      },
      'desk',
    );

  it('setup and settings refuse plain http, by the portal’s own rule, and name the field', async () => {
    const refused = await setup('http://1399.ejgur.ru/hello');
    expect(refused).toMatchObject({ ok: false, error: { reason: 'input.invalid', field: 'registrationUrl' } });
    expect((refused as { error: { message: string } }).error.message).toContain('https://');
    expect(await setup('https://1399.ejgur.ru/hello')).toMatchObject({ ok: true });
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
    for (const bad of ['http://1399.ejgur.ru/hello', 'https://1399.ejgur.ru/', 'https://1399.ejgur.ru/hello?x=1', 'ftp://a.ru/hello']) {
      expect(await t.dispatch('updateSettings', { registrationUrl: bad }, 'desk'), bad).toMatchObject({
        ok: false,
        error: { field: 'registrationUrl' },
      });
    }
    // This computer may serve registration over plain http (a test set-up), as on the portal.
    expect(await t.dispatch('updateSettings', { registrationUrl: 'http://127.0.0.1:8080/s/1399/hello' }, 'desk')).toMatchObject({
      ok: true,
    });
  });
});

describe('setup called on the core directly (not through the RPC or the CLI)', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore({ setup: false });
  });
  afterEach(() => t.close());

  // Settings the schema refuses would leave a school both set up (an operator exists) and not
  // (`settings.get()` refuses what is stored): the core checks its input with the same schema.
  it('refuses what the setup form refuses, naming the field, and stores nothing', async () => {
    const cases = [
      [{ ...SCHOOL, schoolName: 'Ш', operator: { ...CURATOR } }, 'schoolName'],
      [{ ...SCHOOL, registrationUrl: 'http://1399.ejgur.ru/hello', operator: { ...CURATOR } }, 'registrationUrl'],
      [{ ...SCHOOL, curatorContact: 'к'.repeat(301), operator: { ...CURATOR } }, 'curatorContact'],
      [{ ...SCHOOL, operator: { ...CURATOR, login: 'ab' } }, 'operator.login'],
      [{ ...SCHOOL, operator: { ...CURATOR, fullName: 'Ян' } }, 'operator.fullName'],
    ] as const;
    for (const [input, field] of cases) {
      await expect(completeSetup(t.core, input, 'app'), field).rejects.toMatchObject({ reason: 'input.invalid', field });
      expect(t.core.operators.count(), field).toBe(0);
      expect(t.core.settings.read(), field).toBeNull();
    }
    // What it stores is what the schema makes of the input: trimmed, the login in lower case.
    await completeSetup(t.core, { ...SCHOOL, schoolName: `  ${SCHOOL.schoolName} `, operator: { ...CURATOR, login: 'Curator' } }, 'app');
    expect(t.core.settings.get().schoolName).toBe(SCHOOL.schoolName);
    expect(await t.core.auth.signIn('desk', 'curator', CURATOR.password)).toBeTruthy();
  });
});
