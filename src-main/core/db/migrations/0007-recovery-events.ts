import type { Migration } from './types.ts';

// Self-service recovery events on portal accounts (#8), pulled by sync (change type `recovery`), so
// the desk sees «восстанавливал пароль по SMS 12.09 10:41» on the person's card. The portal's uid of
// the event is the key: a page pulled twice adds nothing. No foreign key to `portal_accounts`: an
// event and its account arrive in separate changes, and the desk only reads them joined.
export const migration: Migration = {
  version: 7,
  name: 'recovery-events',
  up(db) {
    db.exec(`
      CREATE TABLE portal_recovery_events (
        uid         TEXT PRIMARY KEY,
        account_uid TEXT NOT NULL,
        login       TEXT NOT NULL,
        at          TEXT NOT NULL,
        action      TEXT NOT NULL,
        channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
        outcome     TEXT NOT NULL,
        -- The requester's network as the portal saw it: 'ip:203.0.113.7' or an IPv6 /64 ('ip6:2001:db8:0:1').
        network     TEXT NOT NULL,
        -- The portal's change that brought it.
        cursor      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX portal_recovery_events_account ON portal_recovery_events (account_uid, at);
    `);
  },
};
