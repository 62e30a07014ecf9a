// @fastify/rate-limit counters in the database, so that every portal process behind a load balancer
// counts the same requests. One upsert per request: a fixed window per key.
import { sql } from 'kysely';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';

export function databaseRateLimitStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    constructor(_options?: unknown, prefix = 'global') {
      this.prefix = prefix;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock.now();
      const resetAt = new Date(now.getTime() + timeWindow);
      const k = `${this.prefix}:${key}`;
      sql<{ count: number; reset_at: Date }>`
        INSERT INTO rate_limits (key, count, reset_at) VALUES (${k}, 1, ${resetAt})
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.reset_at <= ${now} THEN 1 ELSE rate_limits.count + 1 END,
          reset_at = CASE WHEN rate_limits.reset_at <= ${now} THEN ${resetAt} ELSE rate_limits.reset_at END
        RETURNING count, reset_at`
        .execute(db)
        .then((r) => {
          const row = r.rows[0]!;
          callback(null, { current: row.count, ttl: Math.max(0, row.reset_at.getTime() - now.getTime()) });
        })
        .catch((e: Error) => callback(e));
    }

    child(routeOptions: { path: string; prefix: string }): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(undefined, `${this.prefix}:${routeOptions.path}`);
    }
  };
}

/** Drops windows that ended long ago (called now and then by the maintenance loop). */
export async function pruneRateLimits(db: Db, clock: Clock): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('reset_at', '<', new Date(clock.now().getTime() - 3_600_000))
    .execute();
}
