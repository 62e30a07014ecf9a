// Housekeeping every portal process does now and then; all of it is safe to run in several processes at once.
import type { Portal } from './portal.ts';
import { pruneRateLimits } from './limits/request-limits.ts';

export type MaintenanceTask = (portal: Portal) => Promise<void>;

/** Features add their own (expired sessions and tokens …). */
export const MAINTENANCE: MaintenanceTask[] = [
  (portal) => pruneRateLimits(portal.db, portal.clock),
  (portal) => portal.accounts.sessions.prune(),
  (portal) => portal.accounts.tokens.prune(),
  (portal) => portal.accounts.limits.prune(),
  (portal) => portal.recovery.prune(),
];

export function startMaintenance(portal: Portal, everyMs = 10 * 60_000): { stop(): void } {
  const run = () => {
    for (const task of MAINTENANCE) task(portal).catch(() => undefined);
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
