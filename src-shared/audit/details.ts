// The details of an audit row as a line an office worker can read: Russian names for the keys the
// app writes, Russian words for their coded values, changes as «было → стало». Keys this table
// does not know (older or newer versions) are shown as they are, so nothing is ever hidden.
import { t } from '../i18n/index.ts';

type Plain = string | number | boolean | null | undefined;

const isCounts = (v: unknown): v is { added: number; updated: number; unchanged: number } =>
  typeof v === 'object' && v !== null && 'added' in v && 'updated' in v && 'unchanged' in v;

function value(key: string, v: unknown): string {
  const a = t.auditDetails;
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t.common.yes.toLowerCase() : t.common.no.toLowerCase();
  if (isCounts(v)) return a.counts(v.added, v.updated, v.unchanged);
  if (typeof v === 'object') return JSON.stringify(v);
  const text = String(v as Plain);
  const coded = a.values[key]?.[text];
  if (coded) return coded;
  if (key === 'codeEnd' || key === 'oldCodeEnd' || key === 'newCodeEnd') return `…${text}`;
  return text;
}

function changes(changed: unknown): string {
  if (typeof changed !== 'object' || changed === null) return value('changed', changed);
  return Object.entries(changed as Record<string, unknown>)
    .map(([field, c]) => {
      const label = t.auditDetails.fields[field] ?? field;
      if (typeof c === 'object' && c !== null && 'from' in c && 'to' in c) {
        const { from, to } = c as { from: unknown; to: unknown };
        return `${label}: ${value(field, from)} → ${value(field, to)}`;
      }
      return `${label}: ${value(field, c)}`;
    })
    .join(', ');
}

/** `Причина: потерял бланк; Код: …7tz` */
export function auditDetailsText(details: Readonly<Record<string, unknown>>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      k === 'changed' ? `${t.auditDetails.labels.changed}: ${changes(v)}` : `${t.auditDetails.labels[k] ?? k}: ${value(k, v)}`,
    )
    .join('; ');
}
