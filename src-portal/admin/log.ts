import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';

/** Admin commands are recorded on the portal: what, for which school, when, and how they were run. */
export class AdminLog {
  private readonly db: Db;
  private readonly clock: Clock;
  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  async record(entry: {
    command: string;
    schoolId?: number | null;
    details?: Record<string, unknown>;
    via: 'cli' | 'server';
  }): Promise<void> {
    await this.db
      .insertInto('admin_log')
      .values({
        at: this.clock.now(),
        school_id: entry.schoolId ?? null,
        command: entry.command,
        details: JSON.stringify(entry.details ?? {}),
        via: entry.via,
      })
      .execute();
  }

  async recent(
    limit = 50,
  ): Promise<{ at: string; schoolId: number | null; command: string; details: Record<string, unknown>; via: string }[]> {
    const rows = await this.db.selectFrom('admin_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ at: r.at.toISOString(), schoolId: r.school_id, command: r.command, details: r.details, via: r.via }));
  }
}
