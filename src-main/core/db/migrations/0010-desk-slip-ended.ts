import type { Migration } from './types.ts';

// A delivered reset slip the portal ended before it was used: the account's password was changed
// another way (`desk_ended` in the sync protocol). The desk then says why it no longer works instead
// of «действует до …».
export const migration: Migration = {
  version: 10,
  name: 'desk-slip-ended',
  up(db) {
    db.exec(`ALTER TABLE desk_requests ADD COLUMN ended_at TEXT;`);
  },
};
