// Sync from the command line, as real processes: `portal pair`, `sync --json`, `accounts list --json`
// exactly as the issue names them; and an office sync process killed with SIGKILL in the middle of
// rounds (pushing thousands of entries, pulling thousands of changes) loses and duplicates nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/project.ts';
import { generateRoster } from '../../../bench/generate.ts';
import Database from 'better-sqlite3';
import { kuratorAsync as kurator } from '../../support/cli.ts';
import { CURATOR, makeCore } from '../../support/core.ts';
import { tempDir } from '../../support/tmp.ts';
import {
  addSchool,
  appliedOnce,
  DESK,
  officeFor,
  portalEvents,
  portalSide,
  reasonOf,
  settle,
  sidesAgree,
  type PortalSide,
} from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';
import { localDateTime } from '../../../src-shared/dates.ts';

const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password, KURATOR_SYNC_TIMEOUT_MS: '5000' };
const CLI = path.join(ROOT, 'src-main', 'core', 'cli', 'main.ts');

describe('sync from the command line', () => {
  /** How far sync has got: entries the portal applied, and the office's pull cursor. */
  const progress = (dir: string) => {
    const db = new Database(path.join(dir, 'kurator.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const cursor = (db.prepare('SELECT pull_cursor AS c FROM sync_state').get() as { c: number }).c;
      return [...side.applied.values()].reduce((n, seqs) => n + seqs.length, 0) + cursor;
    } finally {
      db.close();
    }
  };

  let side: PortalSide;
  const dirs: { remove(): void }[] = [];
  beforeAll(async () => {
    side = await portalSide('pglite');
  });
  afterAll(async () => {
    await side?.close();
    for (const d of dirs) d.remove();
  });

  async function office(): Promise<{ dir: string; school: number; address: string; key: string }> {
    const added = await addSchool(side.portal.portal, side.origin);
    const dir = tempDir();
    dirs.push(dir);
    const t = await officeFor(added.address, dir.dir);
    await t.core.roster.importFile(
      DESK,
      wide('6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;;;;', '7Б;Петрова;Ольга;;02.02.2013;Ж;;;;;;'),
      'list.csv',
    );
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    t.core.close();
    return { dir: dir.dir, ...added };
  }

  it('pairs, syncs (`--json`: pushed, pulled, pending) and lists accounts exactly as named', async () => {
    const o = await office();
    const notPaired = await kurator(['sync', '--json', '--data-dir', o.dir], SIGNED_IN);
    expect(notPaired.code).toBe(1);
    expect(notPaired.stderr).toContain('База не подключена к порталу');

    const paired = await kurator(['portal', 'pair', '--url', o.address, '--key', o.key, '--data-dir', o.dir], SIGNED_IN);
    expect(paired.code, paired.stderr).toBe(0);
    expect(paired.stdout).toContain('База подключена к порталу');
    const synced = await kurator(['sync', '--json', '--data-dir', o.dir], SIGNED_IN);
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toEqual({ pushed: 0, pulled: 0, pending: 0 }); // the pairing's round sent it all

    const t = await makeCore({ dir: o.dir, setup: false });
    const ivanov = t.core.roster.find('Иванов Пётр').hits[0]!;
    const uid = (t.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(ivanov.id) as { uid: string }).uid;
    t.core.roster.updatePerson(DESK, { id: ivanov.id, name: 'Петя' });
    t.close();
    const account = await portalEvents.account(side.portal, o.school, {
      personUid: uid,
      login: 'petya',
      kind: 'student',
      email: 'p@x.ru',
      emailConfirmed: true,
    });
    const second = JSON.parse((await kurator(['sync', '--json', '--data-dir', o.dir], SIGNED_IN)).stdout) as Record<string, number>;
    expect(Object.keys(second)).toEqual(['pushed', 'pulled', 'pending']);
    expect(second).toEqual({ pushed: 1, pulled: 1, pending: 0 });

    const listed = await kurator(['accounts', 'list', '--class', '6а', '--json', '--data-dir', o.dir], SIGNED_IN);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        personId: ivanov.id,
        login: 'petya',
        kind: 'student',
        registeredAt: account.registeredAt,
        emailConfirmed: true,
        phoneConfirmed: false,
      },
    ]);
    // The text form gives the time as the office reads it (--json keeps the instant).
    const text = await kurator(['accounts', 'list', '--class', '6а', '--data-dir', o.dir], SIGNED_IN);
    expect(text.stdout.trim()).toBe(
      `${ivanov.id}\tpetya\tученик\t${localDateTime(account.registeredAt, { seconds: false })}\tпочта подтверждена\tтелефон не подтверждён`,
    );
    expect(JSON.parse((await kurator(['accounts', 'list', '--class', '7Б', '--json', '--data-dir', o.dir], SIGNED_IN)).stdout)).toEqual([]);
    const journal = await makeCore({ dir: o.dir, setup: false });
    expect(journal.core.audit.page({ action: 'accounts.list' }, 10, 0).rows[0]!.details).toMatchObject({
      class: '7Б',
      rows: 0,
      via: 'cli',
    });
    journal.close();

    expect((await kurator(['portal', 'unpair', '--data-dir', o.dir], SIGNED_IN)).stdout).toContain('отключена');
    expect(await side.portal.portal.schools.isPaired(o.school)).toBe(false);
  });

  it('refuses an address whose page is not the school’s (it would be locked in), leaving both sides as they were', async () => {
    const o = await office();
    const wrong = o.address.replace(/\/hello$/, '/helo');
    // The typo is in the school's settings too: pairing checks the address against them first.
    const t = await makeCore({ dir: o.dir, setup: false });
    t.core.settings.update(DESK, { registrationUrl: wrong });
    expect(await reasonOf(t.core.sync.pair(DESK, wrong, o.key))).toBe('sync.pair_wrong_address');
    t.close();
    const refused = await kurator(['portal', 'pair', '--url', wrong, '--key', o.key, '--data-dir', o.dir], SIGNED_IN);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(o.address); // the page the portal serves for the school
    expect(refused.stdout).not.toContain('База подключена');
    expect(await side.portal.portal.schools.isPaired(o.school)).toBe(false);
    const devices = await side.portal.portal.db.selectFrom('sync_devices').select('device_id').where('school_id', '=', o.school).execute();
    expect(devices).toEqual([]);
    const after = await makeCore({ dir: o.dir, setup: false });
    expect(after.core.sync.isPaired()).toBe(false);
    expect(after.core.audit.page({ action: 'portal.pair' }, 10, 0).total).toBe(0);
    after.core.settings.update(DESK, { registrationUrl: o.address }); // the curator corrects the address
    after.close();
    const paired = await kurator(['portal', 'pair', '--url', o.address, '--key', o.key, '--data-dir', o.dir], SIGNED_IN);
    expect(paired.code, paired.stderr).toBe(0);
  });

  it('a sync process killed with SIGKILL mid-round loses and duplicates nothing', async () => {
    const added = await addSchool(side.portal.portal, side.origin);
    const dir = tempDir();
    dirs.push(dir);
    const setup = await officeFor(added.address, dir.dir);
    await setup.core.roster.importFile(DESK, generateRoster(600, 7).bytes, 'school.csv');
    setup.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await setup.core.sync.pair(DESK, added.address, added.key);
    const people = (setup.core.db.prepare("SELECT uid FROM people WHERE kind <> 'staff'").all() as { uid: string }[]).map((r) => r.uid);
    setup.close();
    // Thousands of accounts to pull as well.
    await portalEvents.accounts(
      side.portal,
      added.school,
      Array.from({ length: 2500 }, (_, i) => ({ personUid: people[i % people.length]!, login: `u${i}`, kind: 'parent' as const })),
    );

    // Rounds go on until four were killed mid-way (at most 12): on a quiet, fast machine a round
    // can end before the kill lands, and the test needs kills, not rounds.
    const killed: string[] = [];
    let rounds = 0;
    for (let i = 0; killed.length < 4 && i < 12; i++, rounds++) {
      const child = spawn(process.execPath, [CLI, 'sync', '--json', '--data-dir', dir.dir], {
        cwd: ROOT,
        env: { ...process.env, ...SIGNED_IN },
        stdio: 'ignore',
      });
      let done = false;
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => {
          done = true;
          resolve(signal);
        }),
      );
      // Killed once the round is under way (the portal applied a push, or a pulled page was stored),
      // a moment later: inside a push, a transaction, or between them.
      const start = progress(dir.dir);
      while (!done && progress(dir.dir) === start) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, Math.random() * 100));
      child.kill('SIGKILL');
      const signal = await exited;
      if (signal === 'SIGKILL') killed.push(`round ${i}`);
      // Between the killed rounds the desk goes on, and the portal does too.
      const t = await makeCore({ dir: dir.dir, setup: false });
      const someone = t.core.roster.find('а').hits[i]!;
      t.core.roster.updatePerson(DESK, { id: someone.id, name: `Изменён${i}` });
      t.close();
      await portalEvents.account(side.portal, added.school, { personUid: people[i]!, login: `late${i}`, kind: 'parent' });
    }
    expect(killed.length).toBeGreaterThanOrEqual(3);
    const late = rounds;
    const applied = [...side.applied.values()].reduce((n, s) => n + s.length, 0);
    expect(applied).toBeGreaterThan(0);

    const last = await kurator(['sync', '--json', '--data-dir', dir.dir], SIGNED_IN);
    expect(last.code, last.stderr).toBe(0);
    const t = await makeCore({ dir: dir.dir, setup: false });
    try {
      await settle(t.core);
      const sides = await sidesAgree(side.portal.portal, added.school, t.core);
      expect(sides.portal).toEqual(sides.office);
      expect(appliedOnce(side.applied)).toBe(true);
      expect(t.core.db.prepare('SELECT count(*) AS n FROM portal_accounts').get()).toEqual({ n: 2500 + late });
      const cursor = (t.core.db.prepare('SELECT pull_cursor AS c FROM sync_state').get() as { c: number }).c;
      expect(cursor).toBe(2500 + late);
    } finally {
      t.close();
    }
  });
});
