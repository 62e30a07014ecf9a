import { sql, type Db } from '../db/database.ts';

export function readSettings(db: Db): Record<string, unknown> {
  const rows = sql(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function writeSettings(db: Db, values: Record<string, unknown>): void {
  const upsert = sql(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) upsert.run(key, JSON.stringify(value));
  }
}
