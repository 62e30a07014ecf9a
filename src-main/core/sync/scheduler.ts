// The app syncs by itself: a round a few seconds after start, then every minute (tests shorten it
// with KURATOR_SYNC_INTERVAL_MS), and within seconds of any change queued for the portal — a revoked
// or reissued code must stop working there at once, not a minute later. A round that fails is only
// recorded (the state shows it): the desk never waits for the portal. Started wherever the core is
// hosted (browser mode, the Electron shell).
import type { Sync } from './service.ts';

export const SYNC_INTERVAL_MS = 60_000;
/** How often the queue is looked at for new changes (one indexed read). */
export const CHANGE_CHECK_MS = 2_000;

export function startSyncTimer(
  sync: Sync,
  intervalMs = Number(process.env.KURATOR_SYNC_INTERVAL_MS) || SYNC_INTERVAL_MS,
): { stop(): void } {
  // Another process's round (the CLI) is not waited for: the next tick comes soon enough.
  const tick = () => {
    if (sync.isPaired()) sync.round({ wait: false }).catch(() => undefined);
  };
  // A change queued since the last look (by the desk, the import's worker or the CLI beside the
  // app): a round that starts after it, so one running now that may have missed it does not count.
  // A portal that does not answer is tried again only for the next change or the next minute.
  let seen = sync.lastQueued();
  const watch = () => {
    let now: number;
    try {
      now = sync.lastQueued();
    } catch {
      return; // the database is being replaced (a restore): the next look reads the new one
    }
    if (now === seen) return;
    seen = now;
    if (sync.isPaired()) sync.freshRound({ wait: false }).catch(() => undefined);
  };
  const first = setTimeout(tick, Math.min(3_000, intervalMs));
  const every = setInterval(tick, intervalMs);
  const changes = setInterval(watch, Math.min(CHANGE_CHECK_MS, intervalMs));
  first.unref();
  every.unref();
  changes.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
      clearInterval(changes);
    },
  };
}
