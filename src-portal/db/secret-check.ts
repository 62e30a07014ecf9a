// One database, one secret: the first process to open a database writes a digest derived from its
// secret; a process with another secret is refused before it answers anyone, because with it every
// code, pairing key and mailed link would read as unknown (parents told that their valid codes do not
// exist) — what happened when two servers shared a PostgreSQL database and only one had PORTAL_SECRET.
import { AppError } from '../../src-shared/result.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import type { Db } from './connect.ts';

/** 16 bytes of a key derived for this purpose alone: tells secrets apart, gives none away. */
export const secretCheckOf = (secrets: PortalSecrets): string => secrets.derive('database-secret-check').subarray(0, 16).toString('hex');

/**
 * Refuses a database set up with another secret (`portal.secret_mismatch`); writes the check on first
 * use. `adopt` makes this secret the database's own (the old one is lost for good).
 */
export async function checkSecret(db: Db, secrets: PortalSecrets, clock: Clock, adopt = false): Promise<'kept' | 'set' | 'adopted'> {
  const mine = secretCheckOf(secrets);
  const at = clock.now();
  const written = await db
    .insertInto('portal_identity')
    .values({ id: 1, secret_check: mine, set_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (written) return 'set';
  const stored = await db.selectFrom('portal_identity').select('secret_check').where('id', '=', 1).executeTakeFirstOrThrow();
  if (stored.secret_check === mine) return 'kept';
  if (!adopt) throw new AppError('portal.secret_mismatch');
  await db.updateTable('portal_identity').set({ secret_check: mine, set_at: at }).where('id', '=', 1).execute();
  return 'adopted';
}
