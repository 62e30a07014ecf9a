// What a backup holds and what its check found, line by line: the restore dialog and the CLI.
import { t } from '../i18n/index.ts';
import type { BackupCheck } from '../rpc/types.ts';
import { verifyText } from './verify.ts';

import { localDateTime } from '../dates.ts';

/** `22.11.2026 14:05` in this computer's time. */
const localTime = (iso: string): string => localDateTime(iso, { seconds: false });

export function backupCheckLines(c: BackupCheck): [label: string, value: string][] {
  const r = t.journal.restore;
  const made = c.createdAt ? localTime(c.createdAt) : '—';
  return [
    [r.file, `${c.fileName} (${t.journal.backups.kinds[c.kind] ?? c.kind})`],
    [r.made, made],
    [r.school, c.school ?? '—'],
    [r.version, c.schemaVersion < c.currentVersion ? r.upgraded(c.schemaVersion, c.currentVersion) : String(c.schemaVersion)],
    [r.people, r.peopleCount(c.students, c.guardians, c.operators)],
    [r.journal, `${verifyText(c.audit)} ${c.anchored ? r.anchored : r.unanchored}`],
  ];
}

export const backupCheckText = (c: BackupCheck): string =>
  backupCheckLines(c)
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
