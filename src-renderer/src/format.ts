import { t } from '@shared/i18n/index.ts';
import { localDateTime } from '@shared/dates.ts';

/** `22.11.2026 14:05:09` in the office's local time. */
export const formatDateTime = (iso: string): string => localDateTime(iso);

export function formatBytes(n: number): string {
  if (n < 1024) return t.units.bytes(n);
  const one = (x: number) => x.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (n < 1024 * 1024) return t.units.kilobytes(one(n / 1024));
  return t.units.megabytes(one(n / 1024 / 1024));
}
