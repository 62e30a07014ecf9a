// A backup's manifest: what the copy is (when, which version, which school) and the head of its
// journal signed with the office key. It lives inside the copy, in a table of its own, so the copy
// stays one file wherever it is saved (a USB stick, a download); a restore reads it and drops it.
import { z } from '../../../src-shared/z.ts';
import type { Db } from '../db/database.ts';
import { APP_VERSION } from '../version.ts';
import { GENESIS_HASH, keyedHash, signHead } from './audit-chain.ts';
import { SignedHeadSchema } from './audit-anchor.ts';
import type { AuditRecord } from '../dal/audit.ts';

export const MANIFEST_TABLE = 'kurator_backup_manifest';

export const BACKUP_LABELS = ['manual', 'daily', 'before-restore', 'before-upgrade', 'other'] as const;
export type BackupLabel = (typeof BACKUP_LABELS)[number];

export const BackupManifest = z
  .object({
    format: z.literal('kurator-backup'),
    v: z.literal(1),
    createdAt: z.string(),
    label: z.enum(BACKUP_LABELS),
    appVersion: z.string(),
    schemaVersion: z.number().int(),
    school: z.string().nullable(),
    audit: SignedHeadSchema,
  })
  .strict();
export type BackupManifest = z.infer<typeof BackupManifest>;

const COLUMNS = `id, at, operator_id AS operatorId, operator_login AS operatorLogin, action, person_kind AS personKind,
  person_id AS personId, person_label AS personLabel, details, prev_hash AS prevHash, hash`;

/** The journal rows of a copy, oldest first (read before the copy is migrated: these columns are v1's). */
export const copyRows = (copy: Db): IterableIterator<AuditRecord> =>
  copy.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRecord>;

/** The head of a copy's journal, signed; `keyedFrom` 0 when its journal was never keyed (an older version's). */
export function headOfCopy(copy: Db, key: Buffer) {
  const last = copy.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id DESC LIMIT 1`).get() as AuditRecord | undefined;
  const keyed = last !== undefined && keyedHash(key, last) === last.hash;
  const marker = copy.prepare("SELECT id FROM audit_log WHERE action = 'audit.keyed' ORDER BY id LIMIT 1").pluck().get() as
    number | undefined;
  return signHead(key, {
    id: last?.id ?? 0,
    hash: last?.hash ?? GENESIS_HASH,
    at: last?.at ?? '',
    keyedFrom: keyed ? (marker ?? 1) : 0,
  });
}

/** Writes the manifest into a fresh copy (`backupDatabase`'s `finish`). */
export function writeManifest(copy: Db, key: Buffer, label: BackupLabel, createdAt: Date): BackupManifest {
  const school = copy.prepare("SELECT value FROM settings WHERE key = 'schoolName'").pluck().get() as string | undefined;
  const manifest: BackupManifest = {
    format: 'kurator-backup',
    v: 1,
    createdAt: createdAt.toISOString(),
    label,
    appVersion: APP_VERSION,
    schemaVersion: copy.pragma('user_version', { simple: true }) as number,
    school: school === undefined ? null : (JSON.parse(school) as string),
    audit: headOfCopy(copy, key),
  };
  copy.exec(`CREATE TABLE ${MANIFEST_TABLE} (manifest TEXT NOT NULL) STRICT`);
  copy.prepare(`INSERT INTO ${MANIFEST_TABLE} (manifest) VALUES (?)`).run(JSON.stringify(manifest));
  return manifest;
}

/** The manifest of a copy: null when it has none (made by an older version), 'invalid' when it does not read. */
export function readManifest(copy: Db): BackupManifest | null | 'invalid' {
  const table = copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(MANIFEST_TABLE);
  if (!table) return null;
  const text = copy.prepare(`SELECT manifest FROM ${MANIFEST_TABLE}`).pluck().get() as string | undefined;
  try {
    const parsed = BackupManifest.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : 'invalid';
  } catch {
    return 'invalid';
  }
}
