import type { Core } from '../core.ts';
import type { HandlerGroup } from './types.ts';

export function syncHandlers(
  core: Core,
): HandlerGroup<
  | 'getSyncStatus'
  | 'syncNow'
  | 'pairPortal'
  | 'pairPortalAgain'
  | 'unpairPortal'
  | 'getPersonAccount'
  | 'getPersonRecoveryEvents'
  | 'getClassRegistration'
> {
  const { sync, accounts } = core;
  return {
    getSyncStatus: () => sync.status(),
    // Followed on the bar; no cancel (each exchange with the portal is acknowledged as it goes).
    syncNow: (ctx) => core.work.run(ctx.owner(), 'sync', false, (control) => sync.round({ progress: control.progress })),
    pairPortal: async (ctx, input) => {
      await sync.pair(ctx.actor(), input.url, input.key);
      void sync.round().catch(() => undefined); // the first round (the snapshot) runs on; the state shows it
      return sync.status();
    },
    pairPortalAgain: async (ctx, input) => {
      await sync.pairAgain(ctx.actor(), input.key);
      void sync.round().catch(() => undefined); // the snapshot goes up on its own; the state shows it
      return sync.status();
    },
    unpairPortal: async (ctx) => {
      await sync.unpair(ctx.actor());
      return sync.status();
    },
    getPersonAccount: (_ctx, { id }) => accounts.of(id),
    getPersonRecoveryEvents: (_ctx, { id }) => accounts.recoveryEvents(id),
    getClassRegistration: (_ctx, { id }) => accounts.ofClass(id),
  };
}
