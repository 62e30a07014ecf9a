// A PDF of invitation slips is a file of live codes: saving one is journaled, whether or not the
// operator then says the pages were printed (a tester saved a class's family sheets, answered «Нет,
// ещё не печатал(а)», and the journal had nothing).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, valueOf, type TestCore } from '../../support/core.ts';
import { fixture } from '../../unit/roster-import/helpers.ts';
import { importBytes } from '../../unit/roster/helpers.ts';

describe('saving slips as a PDF', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    await importBytes(t.core, fixture('roster-wide-cp1251.csv'));
  });
  afterEach(() => t.close());

  const journal = (action: string) =>
    (t.core.db.prepare('SELECT details FROM audit_log WHERE action = ? ORDER BY id').pluck().all(action) as string[]).map(
      (d) => JSON.parse(d) as Record<string, unknown>,
    );

  it('is journaled with the number of codes, and the codes are not marked printed', async () => {
    const tab = 'http:tab';
    valueOf(await t.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, tab));
    const classId = t.core.db.prepare("SELECT id FROM classes WHERE grade = 1 AND letter = 'А'").pluck().get() as number;
    valueOf(await t.dispatch('issueCodes', { scope: { classId }, audience: 'parents' }, tab));
    const { printId, codes } = valueOf<{ printId: string; codes: number }>(
      await t.dispatch('preparePrint', { kind: 'families', scope: { classId } }, tab),
    );
    expect(codes).toBeGreaterThan(0);
    const pdf = valueOf<{ content: string }>(await t.dispatch('printPdf', { printId }, tab));
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(journal('codes.pdf')).toEqual([expect.objectContaining({ kind: 'families', codes })]);
    expect(journal('codes.print')).toEqual([]);
    expect(t.core.db.prepare('SELECT count(*) FROM invitation_codes WHERE printed_at IS NOT NULL').pluck().get()).toBe(0);
  });
});
