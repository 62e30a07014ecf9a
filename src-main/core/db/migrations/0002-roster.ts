import type { Migration } from './types.ts';

// The roster: classes, people (students, guardians, staff in one table so that a person id is unique
// across kinds), guardian–child links, and the imports that fed them. Archived people stay for the
// audit trail. `roster_meta.version` changes with every roster write (the search index follows it).
export const migration: Migration = {
  version: 2,
  name: 'roster',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('student', 'guardian', 'staff')),
        surname     TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 200),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        patronymic  TEXT CHECK (patronymic IS NULL OR length(patronymic) BETWEEN 1 AND 200),
        -- folded "surname name patronymic": case and ё/е do not matter when matching
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
      CREATE UNIQUE INDEX people_student_identity ON people (name_key, birth_date) WHERE kind = 'student';
      CREATE INDEX people_class ON people (class_id) WHERE class_id IS NOT NULL;

      CREATE TABLE classes (
        id         INTEGER PRIMARY KEY,
        grade      INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
        letter     TEXT NOT NULL CHECK (length(letter) = 1 AND letter = upper(letter)),
        teacher_id INTEGER REFERENCES people (id),
        created_at TEXT NOT NULL,
        UNIQUE (grade, letter)
      ) STRICT;

      CREATE TABLE guardianships (
        guardian_id INTEGER NOT NULL REFERENCES people (id),
        student_id  INTEGER NOT NULL REFERENCES people (id),
        relation    TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'other')),
        created_at  TEXT NOT NULL,
        PRIMARY KEY (guardian_id, student_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX guardianships_student ON guardianships (student_id);

      CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        operator_id INTEGER REFERENCES operators (id),
        file_name   TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        summary     TEXT NOT NULL CHECK (json_valid(summary))
      ) STRICT;

      CREATE TABLE roster_meta (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
      ) STRICT;
      INSERT INTO roster_meta (id, version) VALUES (1, 0);
    `);
  },
};
