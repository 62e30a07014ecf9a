import { sql, type Db } from '../db/database.ts';
import type { AuditFilter } from '../../../src-shared/schemas/audit.ts';
import { READ_ACTIONS } from '../../../src-shared/audit/reads.ts';

export interface AuditRecord {
  id: number;
  at: string;
  operatorId: number | null;
  operatorLogin: string | null;
  action: string;
  personKind: string | null;
  personId: number | null;
  personLabel: string | null;
  /** JSON text exactly as stored (it is hashed as text). */
  details: string;
  prevHash: string;
  hash: string;
}

const COLUMNS = `id, at, operator_id AS operatorId, operator_login AS operatorLogin, action,
  person_kind AS personKind, person_id AS personId, person_label AS personLabel, details,
  prev_hash AS prevHash, hash`;

export function lastAuditRow(db: Db): { id: number; hash: string } | undefined {
  return sql(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
}

export function lastAuditRecord(db: Db): AuditRecord | undefined {
  return sql(db, `SELECT ${COLUMNS} FROM audit_log ORDER BY id DESC LIMIT 1`).get() as AuditRecord | undefined;
}

export function auditHashAt(db: Db, id: number): string | undefined {
  return (sql(db, 'SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string } | undefined)?.hash;
}

/** The first row of the keyed chain in a journal that was kept unkeyed before (none in a new one). */
export function firstKeyedMarker(db: Db): number | undefined {
  return (sql(db, "SELECT id FROM audit_log WHERE action = 'audit.keyed' ORDER BY id LIMIT 1").get() as { id: number } | undefined)?.id;
}

/** The newest row an operator wrote: when, and about whom. */
export function lastRowBy(db: Db, operatorId: number): { at: string; personId: number | null } | undefined {
  return sql(db, 'SELECT at, person_id AS personId FROM audit_log WHERE operator_id = ? ORDER BY id DESC LIMIT 1').get(operatorId) as
    { at: string; personId: number | null } | undefined;
}

export function insertAuditRow(db: Db, r: AuditRecord): void {
  sql(
    db,
    `INSERT INTO audit_log (id, at, operator_id, operator_login, action, person_kind, person_id, person_label,
       details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.at, r.operatorId, r.operatorLogin, r.action, r.personKind, r.personId, r.personLabel, r.details, r.prevHash, r.hash);
}

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.operatorId !== undefined) {
    parts.push('operator_id = ?');
    params.push(f.operatorId);
  }
  if (f.action) {
    parts.push('action = ?');
    params.push(f.action);
  }
  if (f.from) {
    parts.push('at >= ?');
    params.push(new Date(f.from).toISOString());
  }
  if (f.to) {
    parts.push('at < ?');
    params.push(new Date(f.to).toISOString());
  }
  if (f.hideReads) {
    parts.push(`action NOT IN (${READ_ACTIONS.map(() => '?').join(', ')})`);
    params.push(...READ_ACTIONS);
  }
  if (f.person) {
    const asId = /^\d+$/.test(f.person) ? Number(f.person) : null;
    parts.push(`(kurator_fold(person_label) LIKE '%' || kurator_fold(?) || '%' ESCAPE '\\'${asId ? ' OR person_id = ?' : ''})`);
    params.push(f.person.replace(/[\\%_]/g, (c) => `\\${c}`));
    if (asId) params.push(asId);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function countAudit(db: Db, f: AuditFilter): number {
  const w = where(f);
  return (sql(db, `SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
}

export function pageAudit(db: Db, f: AuditFilter, limit: number, offset: number): AuditRecord[] {
  const w = where(f);
  return sql(db, `SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
    ...w.params,
    limit,
    offset,
  ) as AuditRecord[];
}

/** Oldest first, streamed: for verification and export of large logs. */
export function iterateAudit(db: Db, f?: AuditFilter): IterableIterator<AuditRecord> {
  const w = f ? where(f) : { sql: '', params: [] };
  return sql(db, `SELECT ${COLUMNS} FROM audit_log ${w.sql} ORDER BY id`).iterate(...w.params) as IterableIterator<AuditRecord>;
}

export function auditActions(db: Db): string[] {
  return (sql(db, 'SELECT DISTINCT action FROM audit_log ORDER BY action').all() as { action: string }[]).map((r) => r.action);
}
