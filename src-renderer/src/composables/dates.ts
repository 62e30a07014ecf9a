// Dates typed into forms: read by the importer's parser (`parseTypedDate`), so `10.8.2013` is the
// 10th of August everywhere, `31.02.2013` is refused, and the field can say what it understood.
import { ref, computed, type Ref } from 'vue';
import { t } from '@shared/i18n/index.ts';
import { parseTypedDate } from '@shared/roster/normalize.ts';
import { displayDate } from '@shared/roster/keys.ts';

export type DateReading = { state: 'empty' } | { state: 'ok'; iso: string; long: string } | { state: 'bad'; message: string };

/** What a typed date means, or why it is none; `field` names the field in the message. */
export function readTypedDate(text: string, field: string): DateReading {
  const typed = text.trim();
  if (typed === '') return { state: 'empty' };
  const r = parseTypedDate(typed);
  if (r.ok) return { state: 'ok', iso: r.value, long: t.data.dates.long(r.value) };
  return { state: 'bad', message: t.data.dates[r.reason](field, typed) };
}

/**
 * One date field of a form: the text as typed, its reading, and `take()` for the submit, which
 * gives the ISO date (`null` when empty and allowed) or puts the refusal on the field.
 */
export function useDateField(field: string, options: { required?: boolean } = {}) {
  const text = ref('');
  const error = ref('');
  const reading = computed(() => readTypedDate(text.value, field));
  return {
    text,
    error: error as Ref<string>,
    reading,
    /** Shows a stored `YYYY-MM-DD` as the field's text. */
    set(iso: string | null | undefined) {
      text.value = displayDate(iso);
      error.value = '';
    },
    take(): { ok: true; iso: string | null } | { ok: false } {
      const r = reading.value;
      if (r.state === 'ok') {
        error.value = '';
        return { ok: true, iso: r.iso };
      }
      if (r.state === 'empty' && !options.required) {
        error.value = '';
        return { ok: true, iso: null };
      }
      error.value = r.state === 'bad' ? r.message : t.data.dates.required(field);
      return { ok: false };
    },
  };
}

export type DateField = ReturnType<typeof useDateField>;
