// «The answer is the same page, status and timing whether anything matched or not»: the forgot-password
// and forgot-login answers for an existing account and an unknown one, byte for byte, and their
// median times over 20 tries each (interleaved, so load on the machine hits both alike), every one at
// least the answer floor.
// 20, not 50: every try waits out the 150 ms floor, so the tries were most of the file's time (~70 s).
// The answers of 50 tries each on a 2-core machine at load 14 (all four measurements recorded), resampled
// 20 at a time, gave medians 50 ms apart once in 80 000 draws (15 at a time: 8), while a floor missing
// on one side puts them ~150 ms apart at any count. Run at once, the four measurements disturb each
// other far more (p90 400–540 ms against 190–235 ms one after another), so they stay one after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { seedFamily } from '../../support/portal-roster.ts';
import { addAccount } from '../../support/portal-accounts.ts';
import { RECOVERY_POLICY } from '../../../src-portal/recovery/limits.ts';

const TRIES = 20;
const LOOSE = { free: 100_000, baseMs: 1_000, maxMs: 60_000, forgetMs: 3_600_000 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe.each(ENGINES)('identical answers on %s', (engine) => {
  let s: TestSchool;
  let login: string;
  let email: string;
  beforeAll(async () => {
    // Every try of the known account really sends (no hourly cap here): the full work against none.
    s = await makeSchool(engine, {
      portal: { captcha: false, recoveryPolicy: { network: LOOSE, target: LOOSE, messagesPerHour: 100_000 } },
    });
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    login = `timing.${engine}`;
    email = `timing.${engine}@mail.ru`;
    await addAccount(s.portal.db, { schoolId: s.schoolId, personUid: f.guardianUid, login, email, children: [f.studentUid] });
  });
  afterAll(() => s.close());

  async function compare(path: string, known: Record<string, string>, unknown: Record<string, string>) {
    const c = s.client();
    await c.get(path);
    const times = { known: [] as number[], unknown: [] as number[] };
    const bodies = { known: new Set<string>(), unknown: new Set<string>() };
    const statuses = new Set<number>();
    for (let i = 0; i < TRIES; i++) {
      for (const which of i % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const started = performance.now();
        const page = await c.post(path, which === 'known' ? known : unknown, { csrf: c.last!.csrf() ?? undefined });
        times[which].push(performance.now() - started);
        // The answer is a 303 to the result page: where it leads and what it says, the same either way.
        bodies[which].add(`${page.location} ${page.body}`);
        statuses.add(page.status);
        await c.get(path);
      }
    }
    expect([...statuses]).toEqual([303]);
    expect(bodies.known.size).toBe(1);
    expect([...bodies.known]).toEqual([...bodies.unknown]);
    const difference = Math.abs(median(times.known) - median(times.unknown));
    console.log(`${engine} ${path}: median known ${median(times.known).toFixed(1)} ms, unknown ${median(times.unknown).toFixed(1)} ms`);
    expect(difference).toBeLessThan(50);
    // The floor itself, on both sides (equal medians would also come from no floor at all). A timer may
    // fire up to a millisecond early by the clock the client reads.
    expect(Math.min(...times.known, ...times.unknown)).toBeGreaterThanOrEqual(RECOVERY_POLICY.answerFloorMs - 1);
    return times;
  }

  it('forgot password: an existing login with a confirmed email and an unknown one', async () => {
    await compare('/recover/password', { login }, { login: `nobody.${engine}` });
    const sent = await s.portal.db.selectFrom('mail_outbox').select('kind').where('to_address', '=', email).execute();
    expect(sent.filter((m) => m.kind === 'reset_link')).toHaveLength(TRIES); // the known one really sent every time
  }, 120_000);

  it('forgot login: a matching email and birth date, and a wrong birth date', async () => {
    await compare('/recover/login', { email, phone: '', birth_date: '15.03.2014' }, { email, phone: '', birth_date: '16.03.2014' });
  }, 120_000);
});
