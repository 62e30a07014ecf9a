// Requests per client address, over every page, counted in the database so that every portal process
// behind a load balancer counts the same requests: a fixed window per key. The count is one upsert,
// which the server sends along with the request's school look-up (one statement for both); what it
// says is answered as @fastify/rate-limit did (its x-ratelimit-* headers, retry-after and a 429).
import { sql, type RawBuilder } from 'kysely';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';

export const REQUEST_WINDOW_MS = 60_000;

/** The counter a request counts under: every address apart, an IPv6 client by its /64. */
export const requestKey = (req: FastifyRequest): string => `global:${normalizeIP(req.ip)}`;

export interface RequestCount {
  count: number;
  reset_at: Date;
}

/** Counts one more request under `key` (the window starts again once it has ended); returns the count and when it ends. */
export function countRequest(key: string, now: Date): RawBuilder<RequestCount> {
  const resetAt = new Date(now.getTime() + REQUEST_WINDOW_MS);
  return sql<RequestCount>`
    INSERT INTO rate_limits (key, count, reset_at) VALUES (${key}, 1, ${resetAt})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.reset_at <= ${now} THEN 1 ELSE rate_limits.count + 1 END,
      reset_at = CASE WHEN rate_limits.reset_at <= ${now} THEN ${resetAt} ELSE rate_limits.reset_at END
    RETURNING count, reset_at`;
}

/**
 * Tells the client its count (limit, what remains, seconds to the window's end); past `max`, also
 * when to come back, and throws `tooMany(seconds)` as a 429.
 */
export function answerCount(
  reply: FastifyReply,
  counted: RequestCount,
  now: Date,
  max: number,
  tooMany: (seconds: number) => string,
): void {
  const seconds = Math.ceil(Math.max(0, counted.reset_at.getTime() - now.getTime()) / 1000);
  reply.header('x-ratelimit-limit', max);
  reply.header('x-ratelimit-remaining', Math.max(0, max - counted.count));
  reply.header('x-ratelimit-reset', seconds);
  if (counted.count <= max) return;
  reply.header('retry-after', seconds);
  const err = new Error(tooMany(seconds)) as FastifyError;
  err.statusCode = 429;
  throw err;
}

/** Drops windows that ended long ago (called now and then by the maintenance loop). */
export async function pruneRateLimits(db: Db, clock: Clock): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('reset_at', '<', new Date(clock.now().getTime() - 3_600_000))
    .execute();
}
