import { onBeforeUnmount, onMounted } from 'vue';
import { useSession } from '../stores/session.ts';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
const KEEPALIVE_EVERY_MS = 30_000;

/**
 * Locks the desk after the idle minutes set for the school, and tells the core about activity
 * (the core enforces the same limit on its side).
 */
export function useIdleLock() {
  const session = useSession();
  let lastActivity = Date.now();
  let lastPing = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const onActivity = () => {
    lastActivity = Date.now();
    if (session.signedIn && !session.locked && lastActivity - lastPing > KEEPALIVE_EVERY_MS) {
      lastPing = lastActivity;
      void session.keepAlive();
    }
  };

  const tick = () => {
    if (!session.signedIn || session.locked) return;
    if (Date.now() - lastActivity >= session.idleLockMinutes * 60_000) void session.lock();
  };

  onMounted(() => {
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    timer = setInterval(tick, 5_000);
  });
  onBeforeUnmount(() => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    clearInterval(timer);
  });
}
