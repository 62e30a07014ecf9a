/** Requests per client address in a fixed window (limits/request-limits.ts), shared by every portal process. */
export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: Date;
}

/** Failures (wrong password, unknown code …) per key, for growing delays that never lock anyone out. */
export interface ThrottlesTable {
  key: string;
  failures: number;
  last_failure_at: Date;
}

export interface LimitTables {
  rate_limits: RateLimitsTable;
  throttles: ThrottlesTable;
}
