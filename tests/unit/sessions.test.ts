// Sessions: counted failures (not attempts in flight), a back-off a token holder cannot stretch to
// minutes, a session key renewed at sign-in, and what a session made going with it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_THROTTLE_MS } from '../../src-main/core/services/auth.ts';
import { printDocumentFor } from '../../src-main/core/codes/print-jobs.ts';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { fixture } from './roster-import/helpers.ts';
import { importBytes } from './roster/helpers.ts';

const DEPUTY = { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' } as const;

describe('sign-in attempts', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('two right passwords at the same moment both sign in', async () => {
    const both = await Promise.allSettled([
      t.core.auth.signIn('tab-1', 'curator', CURATOR.password),
      t.core.auth.signIn('tab-2', 'curator', CURATOR.password),
    ]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(t.core.auth.current('tab-1')?.id).not.toBe(t.core.auth.current('tab-2')?.id);
  });

  it('a burst of wrong guesses keeps the operator out for 30 seconds at most', async () => {
    for (let i = 0; i < 12; i++) {
      await expect(t.core.auth.signIn('attacker', 'curator', `guess-${i}-xyz`)).rejects.toMatchObject({
        reason: 'auth.wrong_credentials',
      });
      t.clock.advance(MAX_THROTTLE_MS); // as soon as allowed
    }
    t.clock.advance(-MAX_THROTTLE_MS);
    const wait = await t.core.auth.signIn('desk', 'curator', CURATOR.password).catch((e: unknown) => e);
    expect(wait).toMatchObject({ reason: 'auth.throttled' });
    expect((wait as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(30_000);
    t.clock.advance(30_000);
    await expect(t.core.auth.signIn('desk', 'curator', CURATOR.password)).resolves.toMatchObject({ locked: false });
  });

  it('after a failure, guesses sent in parallel are counted before they are checked: one goes, the rest wait', async () => {
    await expect(t.core.auth.signIn('k', 'curator', 'wrong-0-xyz')).rejects.toMatchObject({ reason: 'auth.wrong_credentials' });
    t.clock.advance(1000);
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => t.core.auth.signIn(`tab-${i}`, 'curator', `g-${i}-xyz`)));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'unauthenticated')).toHaveLength(1);
    expect(codes.filter((c) => c === 'throttled')).toHaveLength(4);
  });
});

describe('a session is its own, renewed at sign-in', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    await importBytes(t.core, fixture('roster-wide-cp1251.csv'));
  });
  afterEach(() => t.close());

  /** The curator prepares 1А's invitations on the tab; returns the printout's id. */
  async function curatorPrintout(tab: string): Promise<string> {
    expect(await t.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, tab)).toMatchObject({ ok: true });
    const classId = t.core.db.prepare("SELECT id FROM classes WHERE grade = 1 AND letter = 'А'").pluck().get() as number;
    expect(await t.dispatch('issueCodes', { scope: { classId }, audience: 'all' }, tab)).toMatchObject({ ok: true });
    const prepared = await t.dispatch('preparePrint', { kind: 'invitations', scope: { classId } }, tab);
    expect(prepared).toMatchObject({ ok: true });
    return (prepared as { value: { printId: string } }).value.printId;
  }

  it("a deputy who signs in on the curator's tab cannot fetch the curator's printout", async () => {
    const printId = await curatorPrintout('http:shared-tab');
    expect(printDocumentFor(t.core, printId)).toContain('<');
    await t.dispatch('createOperator', { ...DEPUTY }, 'http:shared-tab');
    // The curator walks away; the deputy signs in on the same tab (same client key).
    expect(await t.dispatch('signIn', { login: DEPUTY.login, password: DEPUTY.password }, 'http:shared-tab')).toMatchObject({ ok: true });
    expect(printDocumentFor(t.core, printId)).toBeUndefined();
    expect(await t.dispatch('checkPrint', { printId }, 'http:shared-tab')).toMatchObject({ ok: false, error: { reason: 'print.expired' } });
  });

  it('signing out drops the printouts and uploads; signing in again does not bring them back', async () => {
    const printId = await curatorPrintout('tab');
    const upload = await t.dispatch(
      'importAnalyze',
      { fileName: 'a.csv', contentBase64: Buffer.from(fixture('roster-wide-cp1251.csv')).toString('base64') },
      'tab',
    );
    const uploadId = (upload as { value: { uploadId: string } }).value.uploadId;
    await t.dispatch('signOut', {}, 'tab');
    await t.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, 'tab');
    expect(printDocumentFor(t.core, printId)).toBeUndefined();
    expect(await t.dispatch('checkPrint', { printId }, 'tab')).toMatchObject({ error: { reason: 'print.expired' } });
    expect(await t.dispatch('importApply', { uploadId }, 'tab')).toMatchObject({ error: { reason: 'import.upload_expired' } });
  });

  it('every sign-in is a new session id, even the same operator again on the same tab', async () => {
    await t.core.auth.signIn('tab', 'curator', CURATOR.password);
    const first = t.core.auth.current('tab')!.id;
    await t.core.auth.signIn('tab', 'curator', CURATOR.password);
    expect(t.core.auth.current('tab')!.id).not.toBe(first);
    expect(t.core.auth.bySessionId(first)).toBeUndefined();
  });
});
