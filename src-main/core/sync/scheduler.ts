// The app syncs by itself: a round a few seconds after start and then every minute (tests shorten it
// with KURATOR_SYNC_INTERVAL_MS). A round that fails is only recorded (the state shows it): the desk
// never waits for the portal. Started wherever the core is hosted (browser mode, the Electron shell).
import type { Sync } from './service.ts';

export const SYNC_INTERVAL_MS = 60_000;

export function startSyncTimer(
  sync: Sync,
  intervalMs = Number(process.env.KURATOR_SYNC_INTERVAL_MS) || SYNC_INTERVAL_MS,
): { stop(): void } {
  // Another process's round (the CLI) is not waited for: the next tick comes soon enough.
  const tick = () => {
    if (sync.isPaired()) sync.round({ wait: false }).catch(() => undefined);
  };
  const first = setTimeout(tick, Math.min(3_000, intervalMs));
  const every = setInterval(tick, intervalMs);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
