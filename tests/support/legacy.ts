// A database as an older version (schema 3, before the journal was keyed) left it: school settings, a
// curator, and a journal hashed without a key. No key file, no anchor, no manifest.
import { openDatabase } from '../../src-main/core/db/database.ts';
import { MIGRATIONS } from '../../src-main/core/db/migrations/index.ts';
import { GENESIS_HASH, legacyHash } from '../../src-main/core/services/audit-chain.ts';
import { hashPassword } from '../../src-node/passwords.ts';
import { CURATOR, SCHOOL, TEST_COST } from './core.ts';

export async function legacyDatabase(file: string, rows = 2): Promise<void> {
  const db = await openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
  const setting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries({ ...SCHOOL, idleLockMinutes: 10, codesValidUntil: null })) setting.run(k, JSON.stringify(v));
  db.prepare(
    `INSERT INTO operators (login, full_name, role, password_hash, created_at, updated_at, password_changed_at)
     VALUES (?, ?, 'curator', ?, 't', 't', 't')`,
  ).run(CURATOR.login, CURATOR.fullName, await hashPassword(CURATOR.password, TEST_COST));
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= rows; id++) {
    const row = {
      id,
      at: `2026-09-0${id}T10:00:00.000Z`,
      operatorId: 1,
      operatorLogin: CURATOR.login,
      action: id === 1 ? 'setup.complete' : 'person.view',
      personKind: id === 1 ? null : 'student',
      personId: id === 1 ? null : 100 + id,
      personLabel: id === 1 ? null : `Ученик ${id}`,
      details: '{}',
      prevHash,
    };
    const hash = legacyHash(row);
    db.prepare(
      `INSERT INTO audit_log (id, at, operator_id, operator_login, action, person_kind, person_id, person_label, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...Object.values(row), hash);
    prevHash = hash;
  }
  db.close();
}
