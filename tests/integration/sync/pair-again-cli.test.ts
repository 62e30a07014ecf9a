// `portal pair` from the command line on an office that is already paired, as the settings screen's
// «Подключить с новым ключом» does: after the portal's admin issued a new key (the office is
// forgotten there), `portal pair --url SAME --key NEW` takes the key in place — no unpairing — and
// the office goes on with what it had. While the portal still knows the office, or for another
// address, it refuses and says why. The portal and every CLI command are real processes.
// The portal runs on PostgreSQL (its engine is not what this is about; a process on the embedded one
// spends ~5 s of CPU opening it), and the first pairing is done in-process (the command line's first
// `portal pair` is sync/processes.test.ts's): what the command line does here is pairing again.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { kuratorAsync as kurator } from '../../support/cli.ts';
import { CURATOR, makeCore } from '../../support/core.ts';
import { freshPgDatabase } from '../../support/portal.ts';
import { portalCli, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { tempDir } from '../../support/tmp.ts';
import { DESK, officeFor } from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';

const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password, KURATOR_SYNC_TIMEOUT_MS: '10000' };

describe('portal pair on an office already paired (command line, real portal process)', () => {
  const tmp = tempDir('kurator-pair-again-cli-');
  const portalDir = path.join(tmp.dir, 'portal');
  const office = path.join(tmp.dir, 'office');
  let portal: RunningPortal;
  let address: string;
  let school: number;
  let firstKey: string;
  let pg: Awaited<ReturnType<typeof freshPgDatabase>>;
  let env: Record<string, string>;

  const cli = (...args: string[]) => kurator([...args, '--data-dir', office], SIGNED_IN);
  const pullCursor = () => {
    const db = new Database(path.join(office, 'kurator.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT pull_cursor AS c FROM sync_state').get() as { c: number }).c;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    pg = await freshPgDatabase();
    env = { DATABASE_URL: pg.url };
    portal = await startPortal(portalDir, { env });
    address = `${portal.origin}/s/1399/hello`;
    const added = portalCli(['school', 'add', '--name', 'Школа №1399', '--address', address, '--data-dir', portalDir, '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    ({ school, pairingKey: firstKey } = JSON.parse(added.stdout) as { school: number; pairingKey: string });
    const t = await officeFor(address, office);
    await t.core.roster.importFile(DESK, wide('6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;;;;'), 'list.csv');
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await t.core.sync.pair(DESK, address, firstKey);
    await t.core.sync.round(); // what `portal pair` does after pairing: the first round sends it all
    t.core.close();
  });
  afterAll(async () => {
    await portal?.stop();
    await pg?.drop();
    tmp.remove();
  });

  it('while the portal still knows this office, says so and changes nothing', async () => {
    const again = await cli('portal', 'pair', '--url', address, '--key', firstKey);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('портал её признаёт');
    expect(again.stderr).not.toContain('другая база');
    const synced = await cli('sync', '--json');
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toEqual({ pushed: 0, pulled: 0, pending: 0 });
  });

  it('after a new key, `portal pair --url SAME --key NEW` takes it in place, as the settings screen does', async () => {
    const issued = portalCli(['school', 'key', '--school', String(school), '--data-dir', portalDir, '--json'], env);
    expect(issued.code, issued.stderr).toBe(0);
    const { pairingKey: newKey } = JSON.parse(issued.stdout) as { pairingKey: string };

    // A change made while the portal has forgotten the office.
    const t = await makeCore({ dir: office, setup: false });
    const ivanov = t.core.roster.find('Иванов Пётр').hits[0]!;
    t.core.roster.updatePerson(DESK, { id: ivanov.id, name: 'Петя' });
    t.core.close();

    const forgotten = await cli('sync', '--json');
    expect(forgotten.code).toBe(1);
    expect(forgotten.stderr).toContain('Портал не признаёт эту базу');
    expect(forgotten.stderr).toContain('portal pair'); // the command line's way, not only the settings screen's
    const cursor = pullCursor();

    const wrong = await cli('portal', 'pair', '--url', address, '--key', 'wrong-key-0000');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Ключ подключения не подошёл');

    const repaired = await cli('portal', 'pair', '--url', address, '--key', newKey);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stdout).toContain('подключена к порталу заново');
    expect(repaired.stdout).toMatch(/Отправлено: \d+, получено: 0, ожидают отправки: 0\./);
    expect(pullCursor()).toBe(cursor); // what came down before is not brought again

    const synced = await cli('sync', '--json');
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toEqual({ pushed: 0, pulled: 0, pending: 0 });
    const list = portalCli(['school', 'list', '--data-dir', portalDir, '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: school, paired: true })]);
  });

  it('another address while paired is refused: unpair first', async () => {
    const other = await cli('portal', 'pair', '--url', `${portal.origin}/s/1400/hello`, '--key', firstKey);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('сначала отключите');
    expect(other.stderr).toContain('portal unpair');
  });
});
