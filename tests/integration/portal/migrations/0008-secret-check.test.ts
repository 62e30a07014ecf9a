import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';
import { FakeClock } from '../../../support/core.ts';
import { loadSecrets } from '../../../../src-portal/secrets.ts';
import { checkSecret, secretCheckOf } from '../../../../src-portal/db/secret-check.ts';
import { AppError } from '../../../../src-shared/result.ts';
import { errorMessage } from '../../../../src-shared/i18n/index.ts';

const secrets = () => loadSecrets('/nonexistent', { PORTAL_SECRET: randomBytes(32).toString('hex') });

describe.each(ENGINES)('portal migration 0008 (the secret a database belongs to) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('keeps the schools of version 7; the first secret is written, the same is kept, another refused unless adopted', async () => {
    v = await portalDbAt(engine, 7);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    await v.migrateTo(8);
    expect((await sql<{ name: string }>`SELECT name FROM schools`.execute(db)).rows).toEqual([{ name: 'Школа' }]);

    const clock = new FakeClock();
    const first = secrets();
    expect(await checkSecret(db, first, clock)).toBe('set');
    expect(await checkSecret(db, first, clock)).toBe('kept');
    const other = secrets();
    const refused = await checkSecret(db, other, clock).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).reason).toBe('portal.secret_mismatch');
    expect(errorMessage(refused as AppError)).toContain('тем же PORTAL_SECRET');
    // Stored untouched by the refusal; only a digest is kept, never the secret.
    const stored = (await sql<{ secret_check: string }>`SELECT secret_check FROM portal_identity`.execute(db)).rows;
    expect(stored).toEqual([{ secret_check: secretCheckOf(first) }]);
    expect(await checkSecret(db, other, clock, true)).toBe('adopted');
    expect(await checkSecret(db, other, clock)).toBe('kept');
    await expect(checkSecret(db, first, clock)).rejects.toThrow();
    // One row only.
    await expect(
      sql`INSERT INTO portal_identity (id, secret_check, set_at) VALUES (2, ${'a'.repeat(32)}, now())`.execute(db),
    ).rejects.toThrow();
  });
});
