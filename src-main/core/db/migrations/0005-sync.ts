import type { Migration } from './types.ts';

// Sync with the registration portal (DEVELOPERS.md: «Sync»).
// - `uid` (a random UUID, made by SQLite itself as the column's default) on classes, people and
//   invitation codes: what the portal knows them by, never a row number. Existing rows get theirs here.
//   SQLite cannot add a column with a non-constant default, so the three tables are rebuilt.
// - `sync_outbox` is filled by triggers on every synced table, in the same transaction as the change:
//   no write path (the importer, the desk, the CLI, a future feature, a hand-made UPDATE) can forget
//   it. A row names what changed (entity and key), not its content: a push reads the current state.
//   Rows not yet numbered for sending are coalesced (one per key); numbered ones are never touched.
// - `sync_state`: this database as a device of its school (id, sequence numbers, the acknowledged
//   chain, the pull cursor, the last outcome).
// - `portal_accounts`: the portal's accounts as the desk sees them; codes learn who used them.
const UUID = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

const UID_COLUMN = `uid TEXT NOT NULL UNIQUE DEFAULT ${UUID} CHECK (length(uid) = 36)`;

/** Recording starts when the database becomes a device of a paired school (its snapshot covers the rest). */
const RECORDING = `(SELECT device_id FROM sync_state WHERE id = 1) IS NOT NULL`;

/** Appends (entity, key), replacing a not yet numbered row of the same key (snapshot rows excepted). */
const enqueue = (entity: string, key: string, gone = 'NULL') => `
  DELETE FROM sync_outbox WHERE seq IS NULL AND snap = 0 AND entity = '${entity}' AND key = ${key};
  INSERT INTO sync_outbox (entity, key, gone) VALUES ('${entity}', ${key}, ${gone});`;

/** A deleted row: every outbox row of its key learns what it was (a push cannot read it any more). */
const forget = (entity: string, key: string, gone: string) => `
  UPDATE sync_outbox SET gone = ${gone} WHERE entity = '${entity}' AND key = ${key};${enqueue(entity, key, gone)}`;

const LINK_KEY = (row: 'NEW' | 'OLD') =>
  `(SELECT uid FROM people WHERE id = ${row}.guardian_id) || '/' || (SELECT uid FROM people WHERE id = ${row}.student_id)`;
const CODE_STATE = (row: 'NEW' | 'OLD') => `CASE ${row}.state WHEN 'revoked' THEN 'revoked' ELSE 'issued' END`;
const PERSON_GONE = `json_object('kind', OLD.kind, 'surname', OLD.surname, 'name', OLD.name, 'patronymic', OLD.patronymic,
  'birthDate', OLD.birth_date, 'classUid', (SELECT uid FROM classes WHERE id = OLD.class_id))`;
const CODE_GONE = `json_object('code', OLD.code, 'kind', OLD.kind, 'validUntil', OLD.valid_until,
  'studentUid', (SELECT uid FROM people WHERE id = OLD.student_id), 'guardianUid', (SELECT uid FROM people WHERE id = OLD.guardian_id))`;

export const migration: Migration = {
  version: 5,
  name: 'sync',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE classes_new (
        id         INTEGER PRIMARY KEY,
        ${UID_COLUMN},
        grade      INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
        letter     TEXT NOT NULL CHECK (length(letter) = 1 AND letter = upper(letter)),
        teacher_id INTEGER REFERENCES people (id),
        created_at TEXT NOT NULL,
        UNIQUE (grade, letter)
      ) STRICT;
      INSERT INTO classes_new (id, grade, letter, teacher_id, created_at) SELECT id, grade, letter, teacher_id, created_at FROM classes;
      DROP TABLE classes;
      ALTER TABLE classes_new RENAME TO classes;

      CREATE TABLE people_new (
        id          INTEGER PRIMARY KEY,
        ${UID_COLUMN},
        kind        TEXT NOT NULL CHECK (kind IN ('student', 'guardian', 'staff')),
        surname     TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 200),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        patronymic  TEXT CHECK (patronymic IS NULL OR length(patronymic) BETWEEN 1 AND 200),
        name_key    TEXT NOT NULL,
        birth_date  TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        sex         TEXT CHECK (sex IS NULL OR sex IN ('M', 'F')),
        class_id    INTEGER REFERENCES classes (id),
        external_id TEXT,
        phone       TEXT CHECK (phone IS NULL OR (phone GLOB '+7[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' AND length(phone) = 12)),
        email       TEXT CHECK (email IS NULL OR (email = lower(email) AND email LIKE '_%@_%')),
        archived_at TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        CHECK (kind <> 'student' OR (birth_date IS NOT NULL AND class_id IS NOT NULL)),
        CHECK (kind = 'student' OR class_id IS NULL)
      ) STRICT;
      INSERT INTO people_new (id, kind, surname, name, patronymic, name_key, birth_date, sex, class_id, external_id, phone, email,
          archived_at, created_at, updated_at)
        SELECT id, kind, surname, name, patronymic, name_key, birth_date, sex, class_id, external_id, phone, email,
          archived_at, created_at, updated_at FROM people;
      DROP TABLE people;
      ALTER TABLE people_new RENAME TO people;
      CREATE UNIQUE INDEX people_student_identity ON people (name_key, birth_date) WHERE kind = 'student';
      CREATE INDEX people_class ON people (class_id) WHERE class_id IS NOT NULL;

      CREATE TABLE invitation_codes_new (
        id               INTEGER PRIMARY KEY,
        ${UID_COLUMN},
        code             TEXT NOT NULL UNIQUE CHECK (length(code) = 10 AND code = lower(code)),
        kind             TEXT NOT NULL CHECK (kind IN ('student', 'parent')),
        student_id       INTEGER NOT NULL REFERENCES people (id),
        guardian_id      INTEGER REFERENCES people (id),
        state            TEXT NOT NULL CHECK (state IN ('active', 'printed', 'redeemed', 'revoked')),
        valid_until      TEXT NOT NULL CHECK (valid_until GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        issued_at        TEXT NOT NULL,
        issued_by        INTEGER REFERENCES operators (id),
        print_count      INTEGER NOT NULL DEFAULT 0 CHECK (print_count >= 0),
        printed_at       TEXT,
        redeemed_at      TEXT,
        -- Who used it on the portal (learned by sync): the account's login and id there.
        redeemed_login   TEXT,
        redeemed_account TEXT,
        revoked_at       TEXT,
        revoke_reason    TEXT,
        replaced_by      INTEGER REFERENCES invitation_codes (id),
        CHECK (kind = 'parent' OR guardian_id IS NULL),
        CHECK ((state = 'revoked') = (revoked_at IS NOT NULL)),
        CHECK (state <> 'redeemed' OR redeemed_at IS NOT NULL)
      ) STRICT;
      INSERT INTO invitation_codes_new (id, code, kind, student_id, guardian_id, state, valid_until, issued_at, issued_by, print_count,
          printed_at, redeemed_at, revoked_at, revoke_reason, replaced_by)
        SELECT id, code, kind, student_id, guardian_id, state, valid_until, issued_at, issued_by, print_count,
          printed_at, coalesce(redeemed_at, CASE state WHEN 'redeemed' THEN issued_at END), revoked_at, revoke_reason, replaced_by
        FROM invitation_codes;
      DROP TABLE invitation_codes;
      ALTER TABLE invitation_codes_new RENAME TO invitation_codes;
      CREATE UNIQUE INDEX invitation_codes_one_live
        ON invitation_codes (kind, student_id, coalesce(guardian_id, 0)) WHERE state IN ('active', 'printed');
      CREATE INDEX invitation_codes_student ON invitation_codes (student_id);
      CREATE INDEX invitation_codes_guardian ON invitation_codes (guardian_id) WHERE guardian_id IS NOT NULL;

      CREATE TABLE sync_state (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        -- The school this database is paired with (the secrets are in the key file, never here).
        school_id          INTEGER,
        -- This database as a device of its school; null until paired. A restored or copied database
        -- becomes a new device (a new id, numbers from 1, a snapshot first).
        device_id          TEXT,
        device_registered  INTEGER NOT NULL DEFAULT 0 CHECK (device_registered IN (0, 1)),
        previous_device_id TEXT,
        -- The device id a pairing in progress uses (kept, so that a retry after a crash is the same device).
        pairing_device_id  TEXT,
        -- Another copy of the database took over: this one no longer syncs.
        superseded         INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
        next_seq           INTEGER NOT NULL DEFAULT 1 CHECK (next_seq >= 1),
        acked_seq          INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0 AND acked_seq < next_seq),
        acked_chain        TEXT NOT NULL DEFAULT '${'0'.repeat(64)}',
        pull_cursor        INTEGER NOT NULL DEFAULT 0 CHECK (pull_cursor >= 0),
        last_attempt_at    TEXT,
        last_success_at    TEXT,
        -- {"reason": …, "params": …} of the last failed round; null after a successful one.
        last_error         TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        last_error_at      TEXT,
        -- Who runs a round now ('pid:token'), until when: one round at a time across the app and the CLI.
        round_holder       TEXT,
        round_until        TEXT
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

      CREATE TABLE sync_outbox (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL CHECK (entity IN ('school', 'class', 'person', 'link', 'code', 'snapshot')),
        -- The entity's uid; a link's 'guardianUid/studentUid'; 'school'; a snapshot's 'phase:generation'.
        key    TEXT NOT NULL,
        -- Part of a snapshot: never coalesced away (the portal archives what a snapshot leaves out).
        snap   INTEGER NOT NULL DEFAULT 0 CHECK (snap IN (0, 1)),
        -- What a deleted row was (JSON), since a push can no longer read it.
        gone   TEXT CHECK (gone IS NULL OR json_valid(gone)),
        -- The device's sequence number, given when the row is first put into a push; fixed from then on.
        seq    INTEGER UNIQUE CHECK (seq IS NULL OR seq >= 1)
      ) STRICT;
      CREATE INDEX sync_outbox_unnumbered ON sync_outbox (entity, key) WHERE seq IS NULL;

      CREATE TABLE portal_accounts (
        uid             TEXT PRIMARY KEY,
        person_uid      TEXT NOT NULL,
        login           TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('student', 'parent')),
        child_uids      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(child_uids)),
        email           TEXT,
        email_confirmed INTEGER NOT NULL CHECK (email_confirmed IN (0, 1)),
        phone           TEXT,
        phone_confirmed INTEGER NOT NULL CHECK (phone_confirmed IN (0, 1)),
        registered_at   TEXT NOT NULL,
        last_sign_in_at TEXT,
        disabled        INTEGER NOT NULL CHECK (disabled IN (0, 1)),
        -- The portal's change that last set this row.
        cursor          INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX portal_accounts_person ON portal_accounts (person_uid);

      CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings
        WHEN NEW.key IN ('schoolName', 'curatorContact') AND ${RECORDING}
      BEGIN ${enqueue('school', "'school'")} END;
      CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings
        WHEN NEW.key IN ('schoolName', 'curatorContact') AND NEW.value IS NOT OLD.value AND ${RECORDING}
      BEGIN ${enqueue('school', "'school'")} END;

      CREATE TRIGGER sync_classes_insert AFTER INSERT ON classes WHEN ${RECORDING}
      BEGIN ${enqueue('class', 'NEW.uid')} END;
      CREATE TRIGGER sync_classes_update AFTER UPDATE OF grade, letter ON classes
        WHEN (NEW.grade IS NOT OLD.grade OR NEW.letter IS NOT OLD.letter) AND ${RECORDING}
      BEGIN ${enqueue('class', 'NEW.uid')} END;
      CREATE TRIGGER sync_classes_delete AFTER DELETE ON classes WHEN ${RECORDING}
      BEGIN ${forget('class', 'OLD.uid', "json_object('grade', OLD.grade, 'letter', OLD.letter)")} END;

      CREATE TRIGGER sync_people_insert AFTER INSERT ON people WHEN NEW.kind <> 'staff' AND ${RECORDING}
      BEGIN ${enqueue('person', 'NEW.uid')} END;
      CREATE TRIGGER sync_people_update AFTER UPDATE OF kind, surname, name, patronymic, birth_date, class_id, archived_at ON people
        WHEN (NEW.kind <> 'staff' OR OLD.kind <> 'staff')
          AND (NEW.kind IS NOT OLD.kind OR NEW.surname IS NOT OLD.surname OR NEW.name IS NOT OLD.name
            OR NEW.patronymic IS NOT OLD.patronymic OR NEW.birth_date IS NOT OLD.birth_date OR NEW.class_id IS NOT OLD.class_id
            OR (NEW.archived_at IS NULL) <> (OLD.archived_at IS NULL))
          AND ${RECORDING}
      BEGIN ${enqueue('person', 'NEW.uid')} END;
      CREATE TRIGGER sync_people_delete AFTER DELETE ON people WHEN OLD.kind <> 'staff' AND ${RECORDING}
      BEGIN ${forget('person', 'OLD.uid', PERSON_GONE)} END;

      CREATE TRIGGER sync_links_insert AFTER INSERT ON guardianships WHEN ${RECORDING}
      BEGIN ${enqueue('link', LINK_KEY('NEW'))} END;
      CREATE TRIGGER sync_links_update AFTER UPDATE OF relation ON guardianships
        WHEN NEW.relation IS NOT OLD.relation AND ${RECORDING}
      BEGIN ${enqueue('link', LINK_KEY('NEW'))} END;
      CREATE TRIGGER sync_links_delete AFTER DELETE ON guardianships WHEN ${RECORDING}
      BEGIN ${forget('link', LINK_KEY('OLD'), "json_object('relation', OLD.relation)")} END;

      CREATE TRIGGER sync_codes_insert AFTER INSERT ON invitation_codes WHEN ${RECORDING}
      BEGIN ${enqueue('code', 'NEW.uid')} END;
      CREATE TRIGGER sync_codes_update AFTER UPDATE ON invitation_codes
        WHEN (${CODE_STATE('NEW')} <> ${CODE_STATE('OLD')} OR NEW.valid_until IS NOT OLD.valid_until
          OR NEW.revoke_reason IS NOT OLD.revoke_reason OR NEW.replaced_by IS NOT OLD.replaced_by) AND ${RECORDING}
      BEGIN ${enqueue('code', 'NEW.uid')} END;
      CREATE TRIGGER sync_codes_delete AFTER DELETE ON invitation_codes WHEN ${RECORDING}
      BEGIN ${forget('code', 'OLD.uid', CODE_GONE)} END;
    `);
  },
};
