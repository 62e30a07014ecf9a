// Where the journal's head is remembered outside the database. The anchor file `kurator.anchor` sits
// beside the key file (0600) and moves forward after every committed append; backups carry the head
// in their manifest; the sync round sends it to the portal itself (sync/anchor.ts).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from '../../../src-shared/z.ts';
import { withLock } from '../../../src-node/keyfile.ts';
import { signHead, type AnchorState, type SignedHead } from './audit-chain.ts';

export const anchorFilePath = (dataDir: string): string => path.join(dataDir, 'kurator.anchor');

const Hex = z.string().regex(/^[0-9a-f]+$/);
export const SignedHeadSchema = z
  .object({
    v: z.literal(1),
    id: z.number().int().min(0),
    hash: Hex.length(64),
    at: z.string().max(40),
    keyedFrom: z.number().int().min(0),
    keyId: Hex.length(16),
    mac: Hex.length(64),
  })
  .strict();

/** Why the journal's chain now ends where it does after a restore (handed to sinks). */
export interface RestoredHead {
  head: SignedHead;
  /** The backup's file name, and the head its journal had. */
  from: string;
  backupHead: number;
  /** The head of the journal that the restore replaced (kept in the pre-restore backup). */
  replacedHead: number;
}

/**
 * Something told of the journal's head as it moves (and of restores). The portal's anchor does not
 * use it: the sync round reads the committed head from the database (rows another process wrote go
 * up too) and hooks into restores through `Backups.onRestoring`/`onRestored`.
 */
export interface AuditAnchorSink {
  /** A newer head was committed (and signed). Called often: must be cheap and must not throw. */
  headChanged(head: SignedHead): void;
  /**
   * The database was restored from a backup: the chain now ends at `restored.head`, which may be
   * behind heads given before. The portal must start a new device from here (the office sends its
   * whole state again), never read this as a cut-off journal.
   */
  restored(restored: RestoredHead): void;
}

/** The anchor file. Written atomically (temporary file + rename) under a lock file, without fsync: see DEVELOPERS.md. */
export class FileAnchor {
  readonly file: string;
  private readonly key: Buffer;

  constructor(dataDir: string, key: Buffer) {
    this.file = anchorFilePath(dataDir);
    this.key = key;
  }

  read(): AnchorState {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw e;
    }
    try {
      const parsed = SignedHeadSchema.safeParse(JSON.parse(text));
      return parsed.success ? { kind: 'head', head: parsed.data } : { kind: 'invalid' };
    } catch {
      return { kind: 'invalid' };
    }
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /**
   * Moves the anchor to `head` when the anchor there now still stands on this journal (`holds`);
   * otherwise leaves it alone — it is the evidence `audit verify` reports. Never moves it back.
   * The first keyed row is carried over from the anchor (`firstKeyed` when it has none yet).
   */
  advance(
    head: { id: number; hash: string; at: string },
    holds: (anchored: SignedHead) => boolean,
    firstKeyed: () => number,
  ): SignedHead | null {
    return withLock(`${this.file}.lock`, () => {
      const now = this.read();
      if (now.kind !== 'head' || now.head.id >= head.id || !holds(now.head)) return null;
      return this.write({ ...head, keyedFrom: now.head.keyedFrom > 0 ? now.head.keyedFrom : firstKeyed() });
    });
  }

  /** Sets the anchor whatever it says now: the first start with a key, a restore. */
  reset(head: { id: number; hash: string; at: string; keyedFrom: number }): SignedHead {
    return withLock(`${this.file}.lock`, () => this.write(head));
  }

  private write(head: { id: number; hash: string; at: string; keyedFrom: number }): SignedHead {
    const signed = signHead(this.key, head);
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(signed)}\n`, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, this.file);
    return signed;
  }
}
