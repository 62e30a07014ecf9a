// Growing delays after failures (a wrong password, an unknown code): counted per key — an account, a
// network, a code, an address — in the database, shared by every portal process. Only failures count,
// never attempts in flight or successes, so thirty parents on one school Wi-Fi all get through, and
// nobody is ever locked out for good: the wait is capped and old failures are forgotten.
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** Failures older than this are forgotten. */
  forgetMs: number;
}

export function delayAfter(failures: number, p: ThrottlePolicy): number {
  if (failures <= p.free) return 0;
  return Math.min(p.baseMs * 2 ** Math.min(failures - p.free - 1, 30), p.maxMs);
}

export class Throttle {
  private readonly db: Db;
  private readonly clock: Clock;
  readonly policy: ThrottlePolicy;

  constructor(db: Db, clock: Clock, policy: ThrottlePolicy) {
    this.db = db;
    this.clock = clock;
    this.policy = policy;
  }

  /** Milliseconds to wait before the next try on any of these keys (0: go ahead). */
  async waitMs(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.db.selectFrom('throttles').selectAll().where('key', 'in', keys).execute();
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const r of rows) {
      const last = r.last_failure_at.getTime();
      if (now - last > this.policy.forgetMs) continue;
      wait = Math.max(wait, last + delayAfter(r.failures, this.policy) - now);
    }
    return Math.max(0, wait);
  }

  async fail(db: Db, keys: readonly string[]): Promise<void> {
    const now = this.clock.now();
    const forgotten = new Date(now.getTime() - this.policy.forgetMs);
    for (const key of keys) {
      await sql`
        INSERT INTO throttles (key, failures, last_failure_at) VALUES (${key}, 1, ${now})
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN throttles.last_failure_at < ${forgotten} THEN 1 ELSE throttles.failures + 1 END,
          last_failure_at = ${now}`.execute(db);
    }
  }

  async clear(db: Db, keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await db.deleteFrom('throttles').where('key', 'in', keys).execute();
  }
}

/** The network a request comes from: the address for IPv4 (a school's NAT is one), the /64 for IPv6. */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return `ip:${v4[1]}`;
  return `ip6:${expandIpv6(ip).slice(0, 4).join(':')}`;
}

/** The eight groups of an IPv6 address, `::` expanded (`2001:db8::1` → 2001, db8, 0, 0, 0, 0, 0, 1). */
function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
