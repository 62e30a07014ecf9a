// Append-only: add a new numbered file and list it here. Never edit or reorder a released one
// (tests/unit/db/migrations-manifest.test.ts holds their checksums).
import type { Migration } from './types.ts';
import { migration as m0001 } from './0001-foundation.ts';
import { migration as m0002 } from './0002-roster.ts';
import { migration as m0003 } from './0003-invitation-codes.ts';
import { migration as m0004 } from './0004-audit-append-only.ts';
import { migration as m0005 } from './0005-sync.ts';
import { migration as m0006 } from './0006-school-contacts.ts';
import { migration as m0007 } from './0007-recovery-events.ts';
import { migration as m0008 } from './0008-desk.ts';
import { migration as m0009 } from './0009-import-receipt.ts';
import { migration as m0010 } from './0010-desk-slip-ended.ts';
import { migration as m0011 } from './0011-outbox-numbered-index.ts';
import { migration as m0012 } from './0012-portal-accounts-login.ts';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012];

export const LATEST_VERSION = MIGRATIONS.length;
export type { Migration };
