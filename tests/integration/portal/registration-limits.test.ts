// Guessing codes is throttled per network and per code with growing delays — but only failures count:
// thirty parents registering at once from one school Wi-Fi all get through. And two people racing
// one code on a PostgreSQL server get one account and one clear refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, makePortal } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { newCode, seedFamily } from '../../support/portal-roster.ts';
import { formatCode } from '../../../src-shared/codes/index.ts';
import { FormRefusal } from '../../../src-portal/accounts/service.ts';
import { readAccountForm } from '../../../src-portal/registration/validate.ts';
import { openPortal } from '../../../src-portal/portal.ts';
import { TEST_COST } from '../../support/core.ts';

const PASSWORD = 'тёплый вечер у реки';
const MAIL = { schoolId: 0, schoolName: 'Школа', origin: 'https://portal.test/s/1399' };

describe.each(ENGINES)('code guessing limits on %s', (engine) => {
  let s: TestSchool;
  beforeAll(async () => {
    s = await makeSchool(engine);
  });
  afterAll(() => s.close());

  it('lets thirty parents on one school network register at once, a few mistakes among them', async () => {
    const families = await Promise.all(
      Array.from({ length: 30 }, (_, i) => seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { guardian: { name: `Родитель${i}` } })),
    );
    const wifi = '192.0.2.10';
    const results = await Promise.all(
      families.map(async (f, i) => {
        const c = s.client(wifi);
        if (i % 6 === 0) {
          // Typed a code that is not on file first (a slip of the finger the check symbol cannot catch).
          await c.get('/hello');
          expect((await c.post('/hello', { code: formatCode(newCode()) })).error('code')).toContain('Такого кода нет');
        }
        await c.get(`/hello?code=${f.parentCode.printed}`);
        const form = await c.follow();
        expect(form.body, `parent ${i}`).toContain('Родителям (6А)');
        const fields = {
          code: f.parentCode.printed,
          login: `meeting.${i}`,
          password: PASSWORD,
          password2: PASSWORD,
          email: `p${i}@mail.ru`,
          consent: 'yes',
        };
        return (await c.post('/register', fields)).status;
      }),
    );
    expect(results).toEqual(Array(30).fill(303));
    const accounts = await s.portal.db.selectFrom('accounts').select('id').where('login', 'like', 'meeting.%').execute();
    expect(accounts).toHaveLength(30);
  });

  it('makes a guesser wait longer and longer — on that network only — and never locks anyone out', async () => {
    const guesser = s.client('203.0.113.99');
    await guesser.get('/hello');
    for (let i = 0; i < 40; i++) expect((await guesser.post('/hello', { code: formatCode(newCode()) })).status).toBe(400);
    expect((await guesser.post('/hello', { code: formatCode(newCode()) })).error('code')).toContain('Такого кода нет');
    // Now a wait, even for a code that exists: nothing is looked up while it lasts.
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    const waiting = await guesser.post('/hello', { code: f.parentCode.printed });
    expect(waiting.status).toBe(429);
    expect(waiting.error('code')).toMatch(/Слишком много неверных кодов\. Попробуйте ещё раз через 2 секунды/);
    // Another network is not affected.
    const neighbour = s.client('198.51.100.200');
    await neighbour.get('/hello');
    expect((await neighbour.post('/hello', { code: f.parentCode.printed })).status).toBe(200);
    // After the wait, a guess again — and a longer wait after it.
    s.clock.advance(2_000);
    expect((await guesser.post('/hello', { code: formatCode(newCode()) })).status).toBe(400);
    expect((await guesser.post('/hello', { code: f.parentCode.printed })).error('code')).toContain('через 4 секунды');
    s.clock.advance(4_000);
    expect((await guesser.post('/hello', { code: f.parentCode.printed })).status).toBe(200);
  });

  it('slows down one code tried again and again, from any network', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    await s.portal.db.updateTable('invitation_codes').set({ state: 'revoked' }).where('uid', '=', f.parentCode.uid).execute();
    for (let i = 0; i < 6; i++) {
      const c = s.client(`198.18.0.${i + 1}`);
      await c.get('/hello');
      expect((await c.post('/hello', { code: f.parentCode.printed })).error('code')).toContain('больше не действует');
    }
    const c = s.client('198.18.0.77');
    await c.get('/hello');
    expect((await c.post('/hello', { code: f.parentCode.printed })).status).toBe(429);
  });
});

describe('two people racing one code (PostgreSQL, real concurrency)', () => {
  it('get one account and one clear refusal', async () => {
    const p = await makePortal('postgres');
    // A second portal on the same database, with its own connections: the race is between servers.
    const other = await openPortal({
      dataDir: p.dataDir,
      clock: p.clock,
      passwordCost: TEST_COST,
      target: { kind: 'postgres', url: p.databaseUrl! },
    });
    try {
      const { school } = await p.portal.schools.add({ name: 'Школа', address: 'https://race.test/hello' });
      for (let round = 0; round < 5; round++) {
        const f = await seedFamily(p.portal.db, p.portal.secrets, school);
        const racers = [p.portal, other, p.portal, other];
        // Everyone passes the code step first; then all submit the account form at the same moment.
        const applicants = await Promise.all(
          racers.map((portal, i) => portal.registration.applicant(school, f.studentCode.printed, `ip:10.0.${round}.${i}`)),
        );
        const outcomes = await Promise.allSettled(
          racers.map((portal, i) => {
            const form = readAccountForm({
              code: f.studentCode.printed,
              login: `racer.${round}.${i}`,
              password: PASSWORD,
              password2: PASSWORD,
              consent: 'yes',
            });
            return portal.registration.register(applicants[i]!, form, `ip:10.0.${round}.${i}`, undefined, MAIL);
          }),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as unknown);
        expect(won, `round ${round}`).toHaveLength(1);
        for (const e of lost) {
          // Each waited for the code's row lock, then found the code used: the refusal is said on the code.
          expect(e).toBeInstanceOf(FormRefusal);
          expect((e as FormRefusal).errors.code?.reason).toBe('register.code_used');
        }
        const accounts = await p.portal.db.selectFrom('accounts').select('id').where('person_uid', '=', f.studentUid).execute();
        expect(accounts).toHaveLength(1);
      }
    } finally {
      await other.close();
      await p.close();
    }
  });
});
