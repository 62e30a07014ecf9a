import { sql, type Db } from '../db/database.ts';
import type { Role } from '../../../src-shared/roles.ts';

export interface OperatorRecord {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, login, full_name AS fullName, role, password_hash AS passwordHash, active,
                 created_at AS createdAt, updated_at AS updatedAt`;

type Raw = Omit<OperatorRecord, 'active'> & { active: number };
const fromRaw = (r: Raw | undefined): OperatorRecord | undefined => (r ? { ...r, active: r.active === 1 } : undefined);

export function countOperators(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM operators').get() as { n: number }).n;
}

export function countActiveCurators(db: Db): number {
  return (sql(db, "SELECT count(*) AS n FROM operators WHERE role = 'curator' AND active = 1").get() as { n: number }).n;
}

export function findOperatorByLogin(db: Db, login: string): OperatorRecord | undefined {
  return fromRaw(sql(db, `SELECT ${COLUMNS} FROM operators WHERE login = ?`).get(login) as Raw | undefined);
}

export function findOperatorById(db: Db, id: number): OperatorRecord | undefined {
  return fromRaw(sql(db, `SELECT ${COLUMNS} FROM operators WHERE id = ?`).get(id) as Raw | undefined);
}

export function listOperators(db: Db): OperatorRecord[] {
  return (sql(db, `SELECT ${COLUMNS} FROM operators ORDER BY active DESC, full_name`).all() as Raw[]).map((r) => fromRaw(r)!);
}

export function insertOperator(db: Db, op: { login: string; fullName: string; role: Role; passwordHash: string; at: string }): number {
  const info = sql(
    db,
    `INSERT INTO operators (login, full_name, role, password_hash, active, created_at, updated_at, password_changed_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
  ).run(op.login, op.fullName, op.role, op.passwordHash, op.at, op.at, op.at);
  return Number(info.lastInsertRowid);
}

export function updateOperator(
  db: Db,
  id: number,
  patch: { fullName?: string | undefined; role?: Role | undefined; active?: boolean | undefined },
  at: string,
): void {
  sql(
    db,
    `UPDATE operators SET full_name = coalesce(?, full_name), role = coalesce(?, role),
       active = coalesce(?, active), updated_at = ? WHERE id = ?`,
  ).run(patch.fullName ?? null, patch.role ?? null, patch.active === undefined ? null : Number(patch.active), at, id);
}

/** The same password under a stronger hash: not a password change. */
export function rehashOperatorPassword(db: Db, id: number, passwordHash: string, at: string): void {
  sql(db, 'UPDATE operators SET password_hash = ?, updated_at = ? WHERE id = ?').run(passwordHash, at, id);
}

export function setOperatorPassword(db: Db, id: number, passwordHash: string, at: string): void {
  sql(db, 'UPDATE operators SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?').run(passwordHash, at, at, id);
}
