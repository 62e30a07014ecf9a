// The details of an audit row as a line an office worker can read, on the journal screen and in its
// CSV alike: Russian names for the keys the app writes, Russian words for their coded values,
// changes as «было → стало», dates as ДД.ММ.ГГГГ, the journal's own filter in words. Keys this table
// does not know (older or newer versions) are shown as they are, so nothing is ever hidden.
import { t } from '../i18n/index.ts';
import { displayDate } from '../roster/keys.ts';
import { localDateTime } from '../dates.ts';

type Plain = string | number | boolean | null | undefined;

/** What the formatter may look up beyond the row itself. */
export interface DetailsContext {
  /** An operator's name by id (the journal's filter names operators by id). */
  operatorName?: (id: number) => string | undefined;
}

const isCounts = (v: unknown): v is { added: number; updated: number; unchanged: number } =>
  typeof v === 'object' && v !== null && 'added' in v && 'updated' in v && 'unchanged' in v;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

const localDay = (d: Date) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;

/**
 * The journal's filter in words: «действие: Вход; с 01.11.2026; по 30.11.2026». The bounds are
 * instants of local midnights, the upper one exclusive (the next day's).
 */
export function auditFilterText(filter: Readonly<Record<string, unknown>>, ctx: DetailsContext = {}): string {
  const f = t.desk.auditFilter;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (k === 'operatorId' && typeof v === 'number') parts.push(`${f.operator}: ${ctx.operatorName?.(v) ?? `№ ${v}`}`);
    else if (k === 'operator') parts.push(`${f.operator}: ${String(v as Plain)}`);
    else if (k === 'action') parts.push(`${f.action}: ${t.auditActions[String(v as Plain)] ?? String(v as Plain)}`);
    else if (k === 'from' && typeof v === 'string') parts.push(`${f.from} ${localDay(new Date(v))}`);
    else if (k === 'to' && typeof v === 'string') parts.push(`${f.to} ${localDay(new Date(Date.parse(v) - 1))}`);
    else if (k === 'person') parts.push(`${f.person}: «${String(v as Plain)}»`);
    else if (k === 'hideReads') parts.push(f.hideReads);
    else parts.push(`${k}: ${value(k, v, ctx)}`);
  }
  return parts.length ? parts.join(', ') : f.all;
}

function value(key: string, v: unknown, ctx: DetailsContext): string {
  const a = t.auditDetails;
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t.common.yes.toLowerCase() : t.common.no.toLowerCase();
  if (isCounts(v)) return a.counts(v.added, v.updated, v.unchanged);
  if (key === 'filter' && typeof v === 'object' && !Array.isArray(v)) return auditFilterText(v as Record<string, unknown>, ctx);
  if (Array.isArray(v)) return v.map((x) => value(key, x, ctx)).join(', ');
  // Anything else nested: its keys named too, never raw JSON.
  if (typeof v === 'object') return `(${auditDetailsText(v as Record<string, unknown>, ctx).replaceAll('; ', ', ')})`;
  const text = String(v as Plain);
  const coded = a.values[key]?.[text];
  if (coded) return coded;
  if (key === 'codeEnd' || key === 'oldCodeEnd' || key === 'newCodeEnd') return `…${text}`;
  if (ISO_DAY.test(text)) return displayDate(text);
  if (ISO_INSTANT.test(text)) return localDateTime(text);
  return text;
}

function changes(changed: unknown, ctx: DetailsContext): string {
  if (typeof changed !== 'object' || changed === null) return value('changed', changed, ctx);
  return Object.entries(changed as Record<string, unknown>)
    .map(([field, c]) => {
      const label = t.auditDetails.fields[field] ?? field;
      if (typeof c === 'object' && c !== null && 'from' in c && 'to' in c) {
        const { from, to } = c as { from: unknown; to: unknown };
        return `${label}: ${value(field, from, ctx)} → ${value(field, to, ctx)}`;
      }
      return `${label}: ${value(field, c, ctx)}`;
    })
    .join(', ');
}

/** `Причина: потерял бланк; Код: …7tz` */
export function auditDetailsText(details: Readonly<Record<string, unknown>>, ctx: DetailsContext = {}): string {
  return Object.entries(details)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      k === 'changed' ? `${t.auditDetails.labels.changed}: ${changes(v, ctx)}` : `${t.auditDetails.labels[k] ?? k}: ${value(k, v, ctx)}`,
    )
    .join('; ');
}
