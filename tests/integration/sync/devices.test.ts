// A database restored from a backup, and a copy that runs beside the original: the portal tells each
// it is behind or forked, and it goes on as a new device with a snapshot (numbers never go back). The
// device it replaced stops syncing and says why.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../src-main/core/db/backup.ts';
import { AppError } from '../../../src-shared/result.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { tempDir } from '../../support/tmp.ts';
import { addSchool, appliedOnce, DESK, officeFor, portalSide, settle, sidesAgree, type PortalSide } from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';

const ROSTER = wide(
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
  '7Б;Петрова;Ольга;Ивановна;02.02.2013;Ж;Петрова Нина Павловна;89045556677;;;;',
);

const deviceOf = (t: TestCore) => (t.core.db.prepare('SELECT device_id AS d FROM sync_state').get() as { d: string }).d;
const rename = (t: TestCore, who: string, surname: string) =>
  t.core.roster.updatePerson(DESK, { id: t.core.roster.find(who).hits[0]!.id, surname });

/** Opens the data folder again (another process would), the database file replaced by `file` first. */
async function reopen(dir: string, file?: string): Promise<TestCore> {
  if (file) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, `kurator.sqlite${suffix}`), { force: true });
    fs.copyFileSync(file, path.join(dir, 'kurator.sqlite'));
  }
  const t = await makeCore({ dir, setup: false });
  t.core.sync.timeoutMs = 5_000;
  return t;
}

describe('restored and copied databases', () => {
  let side: PortalSide;
  let school: number;
  let address: string;
  const dirs: { remove(): void }[] = [];

  beforeAll(async () => {
    side = await portalSide('pglite');
  });
  afterAll(async () => {
    await side?.close();
    for (const d of dirs) d.remove();
  });

  /** A school of its own on the portal, and its office paired and synced. */
  async function pairedOffice(): Promise<{ office: TestCore; dir: string }> {
    const added = await addSchool(side.portal.portal, side.origin);
    ({ school, address } = added);
    const dir = tempDir();
    dirs.push(dir);
    const office = await officeFor(address, dir.dir);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, address, added.key);
    await settle(office.core);
    return { office, dir: dir.dir };
  }

  it('a database restored from a backup is told it is behind and is sent again as a new device', async () => {
    const { office, dir } = await pairedOffice();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(office.core.db, backup);
    const before = deviceOf(office);
    // After the backup the office goes on, and the portal learns it.
    rename(office, 'Сидоров', 'Сидоренко');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: false });
    await settle(office.core);
    office.core.close();

    const restored = await reopen(dir, backup);
    try {
      expect(deviceOf(restored)).toBe(before);
      await settle(restored.core);
      expect(deviceOf(restored)).not.toBe(before);
      // What the restored database holds is what the portal holds: the lost changes are undone there too.
      const sides = await sidesAgree(side.portal.portal, school, restored.core);
      expect(sides.portal).toEqual(sides.office);
      expect(side.applied.get(deviceOf(restored))![0]).toBe(1);
      expect(appliedOnce(side.applied)).toBe(true);
      expect(restored.core.sync.status()).toMatchObject({ lastError: null, superseded: false });
    } finally {
      restored.close();
    }
  });

  it('a copy running beside the original takes over as a new device; the original stops and says why', async () => {
    const { office: original, dir } = await pairedOffice();
    const copyDir = tempDir();
    dirs.push(copyDir);
    await backupDatabase(original.core.db, path.join(copyDir.dir, 'kurator.sqlite'));
    fs.copyFileSync(path.join(dir, 'kurator.key'), path.join(copyDir.dir, 'kurator.key'));
    const copy = await reopen(copyDir.dir);
    try {
      rename(original, 'Иванов', 'Оригиналов');
      await settle(original.core);
      rename(copy, 'Иванов', 'Копиев');
      rename(copy, 'Петрова', 'Копиева');
      await settle(copy.core); // forked (or behind): a new device
      let sides = await sidesAgree(side.portal.portal, school, copy.core);
      expect(sides.portal).toEqual(sides.office);

      rename(original, 'Сидоров', 'Снова');
      const refused = await original.core.sync.round().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).reason).toBe('sync.device_superseded');
      const status = original.core.sync.status();
      expect(status.superseded).toBe(true);
      expect(status.lastError!.message).toContain('другая копия');
      // The portal kept the copy's roster.
      sides = await sidesAgree(side.portal.portal, school, copy.core);
      expect(sides.portal).toEqual(sides.office);
    } finally {
      original.close();
      copy.close();
    }
  });
});
