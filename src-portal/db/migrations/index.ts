// Append-only: add a new numbered file and list it here. Never edit or reorder a released one
// (tests/integration/portal/migrations.manifest.json holds their checksums).
import type { PortalMigration } from './types.ts';
import { migration as m0001 } from './0001-foundation.ts';
import { migration as m0002 } from './0002-roster.ts';
import { migration as m0003 } from './0003-accounts.ts';
import { migration as m0004 } from './0004-sync.ts';
import { migration as m0005 } from './0005-recovery.ts';
import { migration as m0006 } from './0006-audit-anchor.ts';
import { migration as m0007 } from './0007-desk.ts';
import { migration as m0008 } from './0008-secret-check.ts';

export const MIGRATIONS: readonly PortalMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008];

export type { PortalMigration };
