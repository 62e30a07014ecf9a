import { onBeforeUnmount, onMounted, ref } from 'vue';
import { t } from '@shared/i18n/index.ts';

/**
 * The message of a failed sign-in or unlock, with the wait the core imposed counting down
 * («Повторите через 3 секунды» → 2 → 1), then the message itself.
 */
export function useRetryMessage() {
  const error = ref('');
  const waitUntil = ref(0);
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), 500);
  });
  onBeforeUnmount(() => clearInterval(timer));

  const seconds = () => Math.max(0, Math.ceil((waitUntil.value - now.value) / 1000));
  return {
    error,
    /** What to show: the countdown while it runs, else the message. */
    message: () => (error.value && seconds() > 0 ? t.reasons['auth.throttled']({ seconds: seconds() }) : error.value),
    fail(message: string, retryAfterMs?: number) {
      error.value = message;
      now.value = Date.now();
      waitUntil.value = retryAfterMs ? now.value + retryAfterMs : 0;
    },
    clear() {
      error.value = '';
      waitUntil.value = 0;
    },
  };
}
