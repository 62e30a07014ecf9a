import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

describe('0006 school contacts', () => {
  it('a paired school at version 5 sends a change of the deputy contact or the support hours, as of its name', () => {
    const db = dbAtVersion(5);
    db.prepare("INSERT INTO settings (key, value) VALUES ('schoolName', '\"Школа\"'), ('idleLockMinutes', '10')").run();
    db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001'").run();
    const outbox = () => db.prepare('SELECT entity, key FROM sync_outbox ORDER BY id').all();
    // Before: 0005 watched the name and the curator's contact only.
    db.prepare("INSERT INTO settings (key, value) VALUES ('deputyContact', '\"каб. 101\"')").run();
    expect(outbox()).toEqual([]);

    migrateTo(db, 6);
    assertHealthy(db);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'schoolName'").pluck().get()).toBe('"Школа"');
    db.prepare("UPDATE settings SET value = '\"каб. 102\"' WHERE key = 'deputyContact'").run();
    expect(outbox()).toEqual([{ entity: 'school', key: 'school' }]);
    db.prepare("INSERT INTO settings (key, value) VALUES ('supportHours', '\"вт 15–18\"')").run();
    db.prepare("UPDATE settings SET value = '\"Школа № 2\"' WHERE key = 'schoolName'").run();
    expect(outbox()).toEqual([{ entity: 'school', key: 'school' }]); // coalesced while not numbered
    db.prepare('DELETE FROM sync_outbox').run();
    // The same value again, or a setting the portal does not see: nothing to send.
    db.prepare("UPDATE settings SET value = '\"вт 15–18\"' WHERE key = 'supportHours'").run();
    db.prepare("UPDATE settings SET value = '15' WHERE key = 'idleLockMinutes'").run();
    expect(outbox()).toEqual([]);
    // Not paired: nothing is recorded.
    db.prepare('UPDATE sync_state SET device_id = NULL').run();
    db.prepare("UPDATE settings SET value = '\"вт 16–19\"' WHERE key = 'supportHours'").run();
    expect(outbox()).toEqual([]);
  });
});
