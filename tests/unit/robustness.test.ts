// The desk keeps working sensibly when another process holds or changes the database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, SCHOOL, CURATOR, TEST_COST, type TestCore } from '../support/core.ts';
import { openCore } from '../../src-main/core/core.ts';
import { completeSetup } from '../../src-main/core/services/setup.ts';

const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('another process at the same database', () => {
  let t: TestCore;
  afterEach(() => t.close());

  it('a database held by another writer gives a clear message, not an internal error', async () => {
    t = await makeCore();
    await t.dispatch('signIn', { login: 'curator', password: CURATOR.password }, 'c');
    const other = new Database(path.join(t.dir, 'kurator.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    t.core.db.pragma('busy_timeout = 100');
    const r = await t.dispatch('updateSettings', { schoolName: 'Школа № 2' }, 'c');
    expect(r).toMatchObject({ ok: false, error: { code: 'busy', reason: 'db.busy' } });
    other.exec('ROLLBACK');
    other.close();
    expect(await t.dispatch('updateSettings', { schoolName: 'Школа № 2' }, 'c')).toMatchObject({ ok: true });
  });

  it('sees a setup done from the command line while the app was open on its wizard', async () => {
    t = await makeCore({ setup: false });
    expect(await t.dispatch('getStatus', {}, 'c')).toMatchObject({ value: { setupDone: false } });
    const cli = await openCore({ dataDir: t.dir, mode: 'cli', passwordCost: TEST_COST });
    await completeSetup(cli, { ...SCHOOL, operator: { ...CURATOR } }, 'cli');
    cli.close();
    expect(await t.dispatch('getStatus', {}, 'c')).toMatchObject({ value: { setupDone: true, schoolName: SCHOOL.schoolName } });
  });
});

describe('archiving', () => {
  let t: TestCore;
  afterEach(() => t.close());

  it('a teacher who is archived is no longer anyone’s class teacher', async () => {
    t = await makeCore();
    const file = path.join(import.meta.dirname, '..', 'fixtures', 'roster', 'long-utf8.csv');
    await t.core.roster.importFile(actor, fs.readFileSync(file), 'long-utf8.csv');
    const withTeacher = t.core.roster.classes().find((c) => c.teacher !== null)!;
    const teacherId = t.core.roster.classDetail(withTeacher.id).teacher!.id;
    t.core.roster.setArchived(actor, [teacherId], true);
    expect(t.core.roster.classes().find((c) => c.id === withTeacher.id)!.teacher).toBeNull();
    expect(t.core.roster.classDetail(withTeacher.id).teacher).toBeNull();
  });
});
