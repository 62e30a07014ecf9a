import { sql, type Db } from '../db/database.ts';

export interface ThrottleState {
  failures: number;
  lastFailureAt: string;
}

export function readThrottle(db: Db, login: string): ThrottleState | undefined {
  return sql(db, 'SELECT failures, last_failure_at AS lastFailureAt FROM login_throttle WHERE login = ?').get(login) as
    ThrottleState | undefined;
}

export function recordFailure(db: Db, login: string, at: string): number {
  const row = sql(
    db,
    `INSERT INTO login_throttle (login, failures, last_failure_at) VALUES (?, 1, ?)
       ON CONFLICT (login) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at
       RETURNING failures`,
  ).get(login, at) as { failures: number };
  return row.failures;
}

export function clearFailures(db: Db, login: string): void {
  sql(db, 'DELETE FROM login_throttle WHERE login = ?').run(login);
}
