// The office's secrets, in one file beside the database that only its user can read (0600):
// `kurator.key`. The desktop app, browser mode and the command line use the same file, so a secret set
// in one is there for the others. Nothing in it is ever written to the database or its backups.
import path from 'node:path';
import { z } from '../../../src-shared/z.ts';
import { newSecret, readKeyFile, updateKeyFile } from '../../../src-node/keyfile.ts';

export const keyFilePath = (dataDir: string): string => path.join(dataDir, 'kurator.key');

/** What pairing with the portal left here (see DEVELOPERS.md: sync). */
export const PortalPairing = z
  .object({
    /** The school's registration address as printed on slips (the portal answers under its prefix). */
    address: z.string(),
    schoolId: z.number().int(),
    /** Authenticates every sync request. */
    syncSecret: z.string(),
    /** HMAC key for invitation codes: the portal stores and compares codes only as keyed hashes. */
    codeKey: z.string(),
  })
  .strict();
export type PortalPairing = z.infer<typeof PortalPairing>;

const KeyFileContent = z
  .object({
    /** Keys the audit journal's hash chain (base64url, 32 bytes). */
    auditKey: z.string().optional(),
    /** When the journal's anchor file was first written: from then on a missing anchor is evidence. */
    auditAnchoredAt: z.string().optional(),
    portal: PortalPairing.nullable().optional(),
    /** The school's SMTP server password (invitations by email). */
    smtpPassword: z.string().nullable().optional(),
  })
  .loose();
export type KeyFileContent = z.infer<typeof KeyFileContent>;

export class OfficeSecrets {
  readonly file: string;
  constructor(dataDir: string) {
    this.file = keyFilePath(dataDir);
  }

  read(): KeyFileContent {
    return KeyFileContent.parse(readKeyFile(this.file) ?? {});
  }

  /** Changes the file under its lock; `change` gets what is there now. */
  update(change: (current: KeyFileContent) => KeyFileContent): KeyFileContent {
    return KeyFileContent.parse(updateKeyFile(this.file, (c) => change(KeyFileContent.parse(c))));
  }

  /** The journal's key, made on first use (every process agrees on one: the file is locked). */
  auditKey(): Buffer {
    const current = this.read().auditKey;
    const key = current ?? this.update((c) => (c.auditKey ? c : { ...c, auditKey: newSecret() })).auditKey!;
    return Buffer.from(key, 'base64url');
  }

  /** Whether the anchor file has been started (see `auditAnchoredAt`). */
  auditAnchored(): boolean {
    return this.read().auditAnchoredAt !== undefined;
  }

  markAuditAnchored(at: string): void {
    this.update((c) => (c.auditAnchoredAt ? c : { ...c, auditAnchoredAt: at }));
  }

  portal(): PortalPairing | null {
    return this.read().portal ?? null;
  }

  setPortal(pairing: PortalPairing | null): void {
    this.update((c) => ({ ...c, portal: pairing }));
  }

  smtpPassword(): string | null {
    return this.read().smtpPassword ?? null;
  }

  setSmtpPassword(password: string | null): void {
    this.update((c) => ({ ...c, smtpPassword: password }));
  }
}
