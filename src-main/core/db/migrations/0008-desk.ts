import type { Migration } from './types.ts';

// The walk-in desk's requests to the portal (#9): reset slips, contacts, lock/unlock, sign out
// everywhere. The portal owns accounts, so the desk never changes one itself: it writes a request,
// sync carries it up (outbox entity 'desk', added to the outbox's CHECK here by rebuilding the
// table), the portal applies it in order, and the outcome comes down (done / refused and why; a
// reset slip's delivery and use).
// - `desk_requests`: one row per request, never deleted (the card lists them; the journal refers to them).
// - The slip's secrets are kept only as hashes: the token's SHA-256, the short code's keyed hash.
// - `invitation_codes.mailed_at`: a code sent by email (a mark beside printed; the state keeps its values).
const UUID = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

const RECORDING = `(SELECT device_id FROM sync_state WHERE id = 1) IS NOT NULL`;

export const migration: Migration = {
  version: 8,
  name: 'desk',
  rebuildsTables: true,
  up(db) {
    // The triggers of 0005 name sync_outbox in their bodies: with the legacy rename they are left as
    // written (and find the rebuilt table), instead of being checked against a table mid-rebuild.
    db.pragma('legacy_alter_table = ON');
    try {
      db.exec(`
        CREATE TABLE sync_outbox_new (
          id     INTEGER PRIMARY KEY AUTOINCREMENT,
          entity TEXT NOT NULL CHECK (entity IN ('school', 'class', 'person', 'link', 'code', 'snapshot', 'desk')),
          key    TEXT NOT NULL,
          snap   INTEGER NOT NULL DEFAULT 0 CHECK (snap IN (0, 1)),
          gone   TEXT CHECK (gone IS NULL OR json_valid(gone)),
          seq    INTEGER UNIQUE CHECK (seq IS NULL OR seq >= 1)
        ) STRICT;
        INSERT INTO sync_outbox_new (id, entity, key, snap, gone, seq) SELECT id, entity, key, snap, gone, seq FROM sync_outbox;
        DROP TABLE sync_outbox;
        ALTER TABLE sync_outbox_new RENAME TO sync_outbox;
        CREATE INDEX sync_outbox_unnumbered ON sync_outbox (entity, key) WHERE seq IS NULL;
      `);
    } finally {
      db.pragma('legacy_alter_table = OFF');
    }
    db.exec(`
      CREATE TABLE desk_requests (
        id               INTEGER PRIMARY KEY,
        uid              TEXT NOT NULL UNIQUE DEFAULT ${UUID} CHECK (length(uid) = 36),
        action           TEXT NOT NULL CHECK (action IN ('reset', 'contacts', 'lock', 'unlock', 'sign_out_all')),
        person_id        INTEGER NOT NULL REFERENCES people (id),
        account_uid      TEXT NOT NULL,
        operator_id      INTEGER REFERENCES operators (id),
        reason           TEXT NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
        document_checked INTEGER NOT NULL CHECK (document_checked IN (0, 1)),
        -- contacts: the new ones (null: unchanged).
        email            TEXT,
        phone            TEXT,
        -- reset: SHA-256 of the slip's token, keyed hash of its short code, the latest moment it may work.
        token_hash       TEXT,
        code_hash        TEXT,
        not_after        TEXT,
        created_at       TEXT NOT NULL,
        state            TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'done', 'refused')),
        refusal          TEXT,
        -- From the portal: when it applied the request; a reset slip's expiry and use.
        outcome_at       TEXT,
        expires_at       TEXT,
        used_at          TEXT,
        CHECK (action <> 'reset' OR (token_hash IS NOT NULL AND code_hash IS NOT NULL AND not_after IS NOT NULL)),
        CHECK (action <> 'contacts' OR email IS NOT NULL OR phone IS NOT NULL)
      ) STRICT;
      CREATE INDEX desk_requests_person ON desk_requests (person_id, id);

      CREATE TRIGGER sync_desk_insert AFTER INSERT ON desk_requests WHEN ${RECORDING}
      BEGIN INSERT INTO sync_outbox (entity, key) VALUES ('desk', NEW.uid); END;

      ALTER TABLE invitation_codes ADD COLUMN mailed_at TEXT;
    `);
  },
};
