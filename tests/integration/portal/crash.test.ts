// The embedded database and a portal process that dies without closing it (kill -9, the OOM killer, a
// crashed Node): what the portal answered before is kept, and the next start opens the same files. The
// embedded engine writes every commit through to the operating system before answering (it never
// calls fsync: a power cut is another matter, said in the README), and recovers from its WAL on start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDb } from '../../../src-portal/db/connect.ts';
import { loadSecrets } from '../../../src-portal/secrets.ts';
import { portalCli, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { pgliteCopy } from '../../support/portal.ts';
import { httpTransport, PortalClient } from '../../support/portal-client.ts';
import { seedFamily, type SeededFamily } from '../../support/portal-roster.ts';
import { tempDir } from '../../support/tmp.ts';

const PASSWORD = 'тёплый вечер у реки';

describe('a portal process killed outright (embedded database)', () => {
  const data = tempDir('kurator-portal-crash-');
  const env = { PORTAL_SECRET: randomBytes(32).toString('hex') };
  let family: SeededFamily;
  let running: RunningPortal | null = null;

  beforeAll(async () => {
    await pgliteCopy(path.join(data.dir, 'pgdata'));
    const added = portalCli(
      ['school', 'add', '--name', 'Школа № 7', '--address', 'https://portal.test/s/7/hello', '--json', '--data-dir', data.dir],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    const school = (JSON.parse(added.stdout) as { school: number }).school;
    const db = await openDb({ kind: 'pglite', dir: path.join(data.dir, 'pgdata') });
    try {
      family = await seedFamily(db.db, loadSecrets(data.dir, env), school);
    } finally {
      await db.close();
    }
  });

  afterAll(async () => {
    await running?.kill();
    data.remove();
  });

  const client = (p: RunningPortal) => new PortalClient(httpTransport(p.origin), { host: 'portal.test', base: '/s/7' });

  it('keeps the account it had answered for, and starts again on the same files', async () => {
    running = await startPortal(data.dir, { env });
    const parent = client(running);
    await parent.get(`/hello?code=${family.parentCode.printed}`);
    expect((await parent.follow()).body).toContain('Родителям (6А)');
    const done = await parent.post('/register', {
      code: family.parentCode.printed,
      login: 'crash.mother',
      password: PASSWORD,
      password2: PASSWORD,
      email: 'crash.mother@mail.ru',
      consent: 'yes',
    });
    expect(done.status, done.body.slice(0, 400)).toBe(303);
    // The moment the answer is in: no close, no checkpoint, the data folder's lock left behind.
    await running.kill();
    expect(running.signal()).toBe('SIGKILL');

    running = await startPortal(data.dir, { env });
    const again = client(running);
    await again.get('/login');
    const signIn = await again.post('/login', { login: 'crash.mother', password: PASSWORD });
    expect(signIn.status, signIn.body.slice(0, 400)).toBe(303);
    const account = await again.get('/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain('crash.mother');
    // The code was used once and stays used.
    const other = client(running);
    await other.get('/hello');
    const reused = await other.post('/hello', { code: family.parentCode.printed });
    expect(reused.status).toBe(400);
    expect(reused.body).toContain('По этому коду уже зарегистрировались');
  });
});
