import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppStatus, SessionInfo } from '@shared/rpc/types.ts';
import type { Result } from '@shared/result.ts';
import { api } from '../api/client.ts';

/** Who is at the desk: setup state, the signed-in operator, the lock. Mirrors the core's session. */
export const useSession = defineStore('session', () => {
  const status = ref<AppStatus | null>(null);
  const loadError = ref<string | null>(null);

  const session = computed(() => status.value?.session ?? null);
  const operator = computed(() => session.value?.operator ?? null);
  const signedIn = computed(() => session.value !== null);
  const locked = computed(() => session.value?.locked === true);
  const isCurator = computed(() => operator.value?.role === 'curator');
  const idleLockMinutes = computed(() => session.value?.idleLockMinutes ?? 10);

  async function refresh(): Promise<void> {
    const r = await api.getStatus({});
    if (r.ok) {
      status.value = r.value;
      loadError.value = null;
    } else {
      loadError.value = r.error.message;
    }
  }

  function setSession(info: SessionInfo | null): void {
    if (status.value) status.value = { ...status.value, session: info };
  }

  function apply(r: Result<SessionInfo>): Result<SessionInfo> {
    if (r.ok) setSession(r.value);
    return r;
  }

  const signIn = async (login: string, password: string) => apply(await api.signIn({ login, password }));
  const unlock = async (password: string) => apply(await api.unlock({ password }));
  const lock = async () => apply(await api.lock({}));
  const keepAlive = async () => apply(await api.keepAlive({}));

  async function signOut(): Promise<void> {
    await api.signOut({});
    setSession(null);
  }

  function markLocked(): void {
    if (session.value && !session.value.locked) setSession({ ...session.value, locked: true });
  }

  return {
    status,
    loadError,
    session,
    operator,
    signedIn,
    locked,
    isCurator,
    idleLockMinutes,
    refresh,
    setSession,
    signIn,
    unlock,
    lock,
    keepAlive,
    signOut,
    markLocked,
  };
});
