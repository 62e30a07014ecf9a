// A dialog with something typed and not saved asks before it closes — Escape, «Отмена», the cross or a
// click beside it: Element Plus closed it without a word, and a typed reason or a new parent's details
// were gone. Closing after a save sets the model directly and is not asked about.
import type { Ref } from 'vue';
import { ElMessageBox } from 'element-plus';
import { t } from '@shared/i18n/index.ts';

export interface CloseGuardWords {
  title: string;
  text: string;
  close: string;
  stay: string;
}

/** Whether any of these fields has more than spaces in it. */
export const typedIn = (...values: string[]): boolean => values.some((v) => v.trim() !== '');

export function useCloseGuard(
  open: Ref<boolean>,
  changed: () => boolean,
  words: CloseGuardWords = t.desk.discard,
): { beforeClose(done: () => void): Promise<void>; close(): void } {
  async function beforeClose(done: () => void) {
    if (!changed()) return done();
    try {
      await ElMessageBox.confirm(words.text, words.title, {
        confirmButtonText: words.close,
        cancelButtonText: words.stay,
        type: 'warning',
      });
      done();
    } catch {
      // «Вернуться к форме» (or Escape again): the dialog stays with everything typed.
    }
  }
  return { beforeClose, close: () => void beforeClose(() => (open.value = false)) };
}
