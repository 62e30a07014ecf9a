// Issue #11: a password typed into the login field must not be recoverable from the journal or the
// throttle table. Every operator reads the journal; a wordlist of digests (unsalted SHA-256 and its
// prefixes) must find nothing there.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../support/core.ts';

const WORDLIST = ['123456', 'qwerty', 'password', 'kurator2026', 'Kurator2026', 'smirnova', 'школа1399'];
const digests = (word: string): string[] => {
  const hex = createHash('sha256').update(word).digest('hex');
  const lower = createHash('sha256').update(word.toLowerCase()).digest('hex');
  return [hex, lower, hex.slice(0, 16), lower.slice(0, 16), hex.slice(0, 8), lower.slice(0, 8)];
};

describe('an unknown login in the journal', () => {
  const cores: TestCore[] = [];
  afterEach(() => cores.splice(0).forEach((c) => c.close()));

  async function failWith(t: TestCore, login: string): Promise<{ journal: string; throttle: string }> {
    await expect(t.core.auth.signIn('tab', login, 'whatever1')).rejects.toMatchObject({ reason: 'auth.wrong_credentials' });
    const row = t.core.audit.page({ action: 'auth.sign_in_failed' }, 1, 0).rows[0]!;
    const throttle = t.core.db.prepare('SELECT login FROM login_throttle').pluck().all() as string[];
    return { journal: String(row.details.loginDigest), throttle: throttle.join('\n') };
  }

  it('is kept only as a digest keyed with the office key: a wordlist of plain hashes finds nothing', async () => {
    const t = await makeCore();
    cores.push(t);
    const { journal, throttle } = await failWith(t, 'Kurator2026');
    expect(journal).toMatch(/^[0-9a-f]{16}$/);
    const stored = `${journal}\n${throttle}`.toLowerCase();
    for (const word of WORDLIST) for (const d of digests(word)) expect(stored).not.toContain(d);
    expect(stored).not.toContain('kurator2026');
  });

  it('gets the same digest in every process of the office (throttling holds) and another in another office', async () => {
    const a = await makeCore();
    cores.push(a);
    const first = await failWith(a, 'Kurator2026');
    const sameOffice = await makeCore({ setup: false, dir: a.dir });
    cores.push(sameOffice);
    await expect(sameOffice.core.auth.signIn('tab', 'Kurator2026', 'whatever1')).rejects.toMatchObject({ code: 'throttled' });
    const other = await makeCore();
    cores.push(other);
    const elsewhere = await failWith(other, 'Kurator2026');
    expect(elsewhere.journal).not.toBe(first.journal);
  });
});
