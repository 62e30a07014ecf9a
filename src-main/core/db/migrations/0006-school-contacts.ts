import type { Migration } from './types.ts';

// The deputy director's contact and the support hours are school settings now, and the portal shows
// them (the sync protocol's `school` entry already carries them): a change of either is sent like a
// change of the school's name. 0005's triggers watched only the name and the curator's contact.
const RECORDING = `(SELECT device_id FROM sync_state WHERE id = 1) IS NOT NULL`;
const KEYS = `('schoolName', 'curatorContact', 'deputyContact', 'supportHours')`;
const ENQUEUE_SCHOOL = `
  DELETE FROM sync_outbox WHERE seq IS NULL AND snap = 0 AND entity = 'school' AND key = 'school';
  INSERT INTO sync_outbox (entity, key, gone) VALUES ('school', 'school', NULL);`;

export const migration: Migration = {
  version: 6,
  name: 'school-contacts',
  up(db) {
    db.exec(`
      DROP TRIGGER sync_settings_insert;
      DROP TRIGGER sync_settings_update;
      CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings
        WHEN NEW.key IN ${KEYS} AND ${RECORDING}
      BEGIN ${ENQUEUE_SCHOOL} END;
      CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings
        WHEN NEW.key IN ${KEYS} AND NEW.value IS NOT OLD.value AND ${RECORDING}
      BEGIN ${ENQUEUE_SCHOOL} END;
    `);
  },
};
