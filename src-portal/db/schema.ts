// The portal's tables as kysely sees them: each feature declares its own (`<feature>/tables.ts`) and
// they meet only here.
import type { SchoolTables } from '../schools/tables.ts';
import type { AdminTables } from '../admin/tables.ts';
import type { MailTables } from '../mail/tables.ts';
import type { LimitTables } from '../limits/tables.ts';
import type { RosterTables } from '../roster/tables.ts';
import type { ChangeTables } from '../changes/tables.ts';
import type { SyncTables } from '../sync/tables.ts';
import type { AccountTables } from '../accounts/tables.ts';
import type { DeskTables } from '../desk/tables.ts';
import type { RecoveryTables } from '../recovery/tables.ts';

export interface PortalDatabase
  extends
    SchoolTables,
    AdminTables,
    MailTables,
    LimitTables,
    RosterTables,
    ChangeTables,
    AccountTables,
    SyncTables,
    RecoveryTables,
    DeskTables {
  portal_migrations: { version: number; name: string; applied_at: Date };
  portal_identity: { id: number; secret_check: string; set_at: Date };
}
