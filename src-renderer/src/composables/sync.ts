// The sync state the sidebar and the settings screen show: polled (it changes by itself, the app syncs
// every minute), and refreshed at once after anything the desk does to it.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { SyncStatus } from '@shared/sync/views.ts';
import { api } from '../api/client.ts';

const status = ref<SyncStatus | null>(null);
const listeners = new Set<() => void>();

/**
 * Reads the state; a round finished since the last read (the app's own, every minute, or one asked
 * for) tells the listeners, so an open card shows what the round brought without a reload.
 * Returns whether it told them.
 */
export async function refreshSync(): Promise<boolean> {
  const before = status.value?.lastSuccessAt;
  const r = await api.getSyncStatus({});
  if (!r.ok) return false;
  status.value = r.value;
  if (before === undefined || r.value.lastSuccessAt === before) return false;
  for (const l of listeners) l();
  return true;
}

/** Asks for a round now; resolves with the round's error message, or null. */
export async function syncNow(): Promise<{ pushed: number; pulled: number } | string> {
  const r = await api.syncNow({});
  if (!(await refreshSync())) for (const l of listeners) l();
  return r.ok ? r.value : r.error.message;
}

/** The shared state, polled while a component using it is mounted. */
export function useSyncStatus(everyMs = 10_000, onSynced?: () => void) {
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    void refreshSync();
    timer = setInterval(() => void refreshSync(), everyMs);
    if (onSynced) listeners.add(onSynced);
  });
  onBeforeUnmount(() => {
    clearInterval(timer);
    if (onSynced) listeners.delete(onSynced);
  });
  return status;
}
