import { t } from '@shared/i18n/index.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** `22.11.2026 14:05:09` in the office's local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return t.units.bytes(n);
  const one = (x: number) => x.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (n < 1024 * 1024) return t.units.kilobytes(one(n / 1024));
  return t.units.megabytes(one(n / 1024 / 1024));
}
