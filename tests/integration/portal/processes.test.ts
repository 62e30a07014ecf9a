// Real portal processes on one PostgreSQL server (a district behind a load balancer): registering
// through both, a session made by one answered by the other, the confirmation mail through a real SMTP
// server and confirmed through the other process — and nothing secret in either process's logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openDb, type OpenedDb } from '../../../src-portal/db/connect.ts';
import { loadSecrets } from '../../../src-portal/secrets.ts';
import { freshPgDatabase } from '../../support/portal.ts';
import { portalCli, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';
import { httpTransport, PortalClient } from '../../support/portal-client.ts';
import { seedFamily, type SeededFamily } from '../../support/portal-roster.ts';
import { tempDir } from '../../support/tmp.ts';

const PASSWORD = 'тёплый вечер у реки';
const WRONG = 'совсем-не-тот-пароль-77';

describe('two portal processes on one PostgreSQL database', () => {
  let pg: Awaited<ReturnType<typeof freshPgDatabase>>;
  let smtp: TestSmtp;
  let db: OpenedDb;
  const dirs = [tempDir('kurator-portal-a-'), tempDir('kurator-portal-b-')];
  const portals: RunningPortal[] = [];
  const env: Record<string, string> = { PORTAL_SECRET: randomBytes(32).toString('hex') };
  let families: SeededFamily[];

  beforeAll(async () => {
    pg = await freshPgDatabase();
    smtp = await startSmtp();
    Object.assign(env, { DATABASE_URL: pg.url, SMTP_URL: smtp.url });
    const added = portalCli(['school', 'add', '--name', 'Школа № 1399', '--address', 'https://portal.test/s/1399/hello', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    const school = (JSON.parse(added.stdout) as { school: number }).school;
    db = await openDb({ kind: 'postgres', url: pg.url });
    const secrets = loadSecrets(dirs[0]!.dir, env);
    families = [await seedFamily(db.db, secrets, school), await seedFamily(db.db, secrets, school)];
    // The first as an IT admin starts it (readable lines), the second for a log collector (JSON).
    portals.push(...(await Promise.all(dirs.map((d, i) => startPortal(d.dir, { env, args: i === 1 ? ['--log-json'] : [] })))));
  });

  afterAll(async () => {
    for (const p of portals) await p.stop();
    await db?.close();
    await smtp?.close();
    await pg?.drop();
    for (const d of dirs) d.remove();
  });

  const browser = (i: number) => new PortalClient(httpTransport(portals[i]!.origin), { host: 'portal.test', base: '/s/1399' });

  it('registers through both, signs in on either, and confirms the mailed link on the other one', async () => {
    const tokens: string[] = [];
    for (const [i, f] of families.entries()) {
      const c = browser(i);
      expect((await c.get(`/hello?code=${f.parentCode.printed}`)).status).toBe(303);
      expect((await c.follow()).body).toContain('Родителям (6А)');
      const done = await c.post('/register', {
        code: f.parentCode.printed,
        login: `district.${i}`,
        password: PASSWORD,
        password2: PASSWORD,
        email: `district${i}@mail.ru`,
        consent: 'yes',
      });
      expect(done.status, done.body.slice(0, 400)).toBe(303);
      // The session made by this process is known to the other one.
      const other = c.through(httpTransport(portals[1 - i]!.origin));
      const account = await other.get('/account');
      expect(account.status).toBe(200);
      expect(account.body).toContain(`district.${i}`);
    }
    const mails = await smtp.waitFor(2, 20_000);
    for (const [i, mail] of mails.entries()) {
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
      const link = /http:\/\/portal\.test\/s\/1399(\/confirm\?t=([A-Za-z0-9_-]+))/.exec(mail.text ?? '')!;
      expect(link, `mail ${i} to ${to}`).toBeTruthy();
      tokens.push(link[2]!);
      const c = browser(1 - (to.includes('district0') ? 0 : 1)); // the process that did not register them
      await c.get(link[1]!);
      await c.follow();
      expect((await c.post('/confirm', {})).title).toBe('Почта подтверждена');
    }
    const confirmed = await db.db.selectFrom('accounts').select('email_confirmed_at').where('login', 'like', 'district.%').execute();
    expect(confirmed.map((r) => r.email_confirmed_at !== null)).toEqual([true, true]);

    // Wrong passwords, counted in the database: three on each process, then the wait. The first wait
    // (1 s after the sixth) is real time, too short to be sure the next request lands inside it on a
    // loaded machine: each wait is let pass and met with one more failure, on the other process, until
    // the wait (4 s) is one no request of this test takes as long as.
    const wrong = async (i: number) => {
      const c = browser(i % 2);
      await c.get('/login');
      expect((await c.post('/login', { login: 'district.0', password: WRONG })).status).toBe(401);
    };
    for (let i = 0; i < 6; i++) await wrong(i);
    for (const [i, waitMs] of [
      [6, 1_000],
      [7, 2_000],
    ] as const) {
      await new Promise((r) => setTimeout(r, waitMs + 100)); // a lower bound: the wait has passed
      await wrong(i);
    }
    const c = browser(1);
    await c.get('/login');
    expect((await c.post('/login', { login: 'district.0', password: PASSWORD })).status).toBe(429);

    // Nothing secret reaches either process's log: no code, no token, no password.
    const logs = portals.map((p) => p.stderr()).join('\n');
    expect(logs).toContain('/s/1399/confirm'); // requests are logged (by path)
    const secrets = [
      ...families.flatMap((f) => [f.parentCode.code, f.parentCode.printed, f.studentCode.code]),
      ...tokens,
      PASSWORD,
      WRONG,
      encodeURIComponent(PASSWORD),
    ];
    for (const secret of secrets) expect(logs, 'a secret in the log').not.toContain(secret);
  });

  it('logs readable lines by default, one per request, and JSON with --log-json', () => {
    const readable = portals[0]!.stderr().trim().split('\n');
    expect(
      readable.filter((l) => l.startsWith('{')),
      'no JSON in the readable log',
    ).toEqual([]);
    // «02.12.2026 10:31:02 POST portal.test/s/1399/register 303 12 мс»
    expect(readable).toContainEqual(
      expect.stringMatching(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d POST portal\.test\/s\/1399\/register 303 \d+ мс$/),
    );
    expect(readable.filter((l) => l.includes(' POST portal.test/s/1399/register '))).toHaveLength(1); // one line, not two
    const json = portals[1]!
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json).toContainEqual(
      expect.objectContaining({ req: { method: 'POST', path: '/s/1399/confirm', host: 'portal.test' }, res: { statusCode: 200 } }),
    );
  });
});
