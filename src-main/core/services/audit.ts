import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import * as dal from '../dal/audit.ts';
import type { AuditFilter } from '../../../src-shared/schemas/audit.ts';
import type { AuditRow, AuditVerifyResult, PortalAnchorCheck } from '../../../src-shared/rpc/types.ts';
import type { AuditHead, PortalAnchor } from '../../../src-shared/sync/protocol.ts';
import { toCsv } from '../../../src-node/csv.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { auditDetailsText, type DetailsContext } from '../../../src-shared/audit/details.ts';
import { localDateTime } from '../../../src-shared/dates.ts';

/** `Europe/Moscow, UTC+3`: the zone of the computer's local time (the school's), with its offset now. */
export function timeZoneLabel(at: Date): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const offset = `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return zone ? `${zone}, ${offset}` : offset;
}
import {
  GENESIS_HASH,
  keyIdOf,
  keyedDigest,
  keyedHash,
  legacyHash,
  signHead,
  verifyChain,
  headSignedBy,
  type AnchorState,
  type SignedHead,
} from './audit-chain.ts';
import type { AuditAnchorSink, FileAnchor, RestoredHead } from './audit-anchor.ts';

export { GENESIS_HASH };

/** Who did it. `via` tells the desk app from the command line. */
export interface Actor {
  operatorId: number | null;
  login: string | null;
  via: 'app' | 'cli';
}

export interface PersonRef {
  kind: 'student' | 'guardian' | 'staff' | 'operator';
  id: number;
  label: string;
}

export interface AuditEntry {
  action: string;
  person?: PersonRef;
  details?: Record<string, unknown>;
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'secret', 'token', 'pin', 'hash']);
const words = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Details must never carry secrets: a programming error, caught loudly in tests. */
export function assertNoSecrets(details: Record<string, unknown>, path = 'details'): void {
  for (const [k, v] of Object.entries(details)) {
    if (words(k).some((w) => SECRET_WORDS.has(w))) throw new Error(`Audit ${path}.${k} looks like a secret and must not be logged`);
    if (v && typeof v === 'object' && !Array.isArray(v)) assertNoSecrets(v as Record<string, unknown>, `${path}.${k}`);
  }
}

const toRow = (r: dal.AuditRecord): AuditRow => ({
  id: r.id,
  at: r.at,
  operatorId: r.operatorId,
  operatorLogin: r.operatorLogin,
  action: r.action,
  personKind: r.personKind,
  personId: r.personId,
  personLabel: r.personLabel,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

export interface AuditKeying {
  /** The journal key (kurator.key): keys every row's hash. */
  key: Buffer;
  /** The anchor file; without one (tests of the chain alone) nothing outside the database is checked. */
  anchor?: FileAnchor;
}

export class AuditLog {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly key: Buffer;
  private readonly anchor: FileAnchor | undefined;
  private readonly sinks: AuditAnchorSink[] = [];
  /** The head last handed to the anchor, so that an unchanged head costs nothing. */
  private flushedId = -1;
  private flushQueued = false;

  constructor(db: Db, clock: Clock, keying: AuditKeying) {
    this.db = db;
    this.clock = clock;
    this.key = keying.key;
    this.anchor = keying.anchor;
  }

  /** Appends one row, chained to the last; joins the caller's transaction when there is one. */
  append(actor: Actor, entry: AuditEntry): number {
    const details = { ...entry.details, ...(actor.via === 'cli' ? { via: 'cli' } : {}) };
    assertNoSecrets(details);
    const id = tx(this.db, () => {
      const last = dal.lastAuditRow(this.db);
      const base = {
        id: (last?.id ?? 0) + 1,
        at: isoNow(this.clock),
        operatorId: actor.operatorId,
        operatorLogin: actor.login,
        action: entry.action,
        personKind: entry.person?.kind ?? null,
        personId: entry.person?.id ?? null,
        personLabel: entry.person?.label ?? null,
        details: JSON.stringify(details),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      dal.insertAuditRow(this.db, { ...base, hash: keyedHash(this.key, base) });
      return base.id;
    });
    this.afterCommit();
    return id;
  }

  /** The anchor moves once the row is committed: at once, or when the caller's transaction ends. */
  private afterCommit(): void {
    if (!this.db.inTransaction) return this.flush();
    if (this.flushQueued) return;
    this.flushQueued = true;
    // better-sqlite3 transactions are synchronous: by the next microtask the outer one has
    // committed or rolled back, and the flush reads whatever head is committed then.
    queueMicrotask(() => {
      this.flushQueued = false;
      if (this.db.inTransaction) setImmediate(() => this.flush());
      else this.flush();
    });
  }

  /**
   * Hands the committed head to the anchor file and the sinks. Never throws: a journal row that
   * is committed stays committed; an anchor left behind is allowed (and caught up next time).
   */
  flush(): void {
    if (!this.anchor || !this.db.open || this.db.inTransaction) return;
    try {
      const last = dal.lastAuditRecord(this.db);
      if (!last || last.id === this.flushedId) return;
      this.flushedId = last.id;
      const signed = this.anchor.advance(
        { id: last.id, hash: last.hash, at: last.at },
        (anchored) => this.stillHolds(anchored),
        () => this.keyedFrom(),
      );
      if (signed) for (const sink of this.sinks) sink.headChanged(signed);
    } catch (e) {
      console.error('Kurator: the journal anchor was not updated:', e);
    }
  }

  /** An anchored head that this journal still has: signed with our key, its row unchanged. */
  private stillHolds(anchored: SignedHead): boolean {
    if (!headSignedBy(this.key, anchored)) return false;
    return anchored.id === 0 || dal.auditHashAt(this.db, anchored.id) === anchored.hash;
  }

  /**
   * The first row that must carry a keyed hash, as the database says: the marker of a journal keyed
   * later, else row 1. Read only when the anchor starts (first start, restore); afterwards the anchor
   * carries it, so a marker slipped in later changes nothing.
   */
  private keyedFrom(): number {
    return dal.firstKeyedMarker(this.db) ?? 1;
  }

  /**
   * A journal kept before rows were keyed (an older version) goes on keyed from here: one row says so.
   * The old rows keep their unkeyed hashes and are checked as they were written.
   */
  ensureKeyed(via: Actor['via']): void {
    tx(this.db, () => {
      const last = dal.lastAuditRecord(this.db);
      if (!last || keyedHash(this.key, last) === last.hash || legacyHash(last) !== last.hash) return;
      this.append(
        { operatorId: null, login: null, via },
        { action: 'audit.keyed', details: { legacyRows: last.id, keyId: keyIdOf(this.key) } },
      );
    });
  }

  /** The head as it stands now, signed: for a backup's manifest, a restore, the sync engine. */
  currentHead(): SignedHead {
    const last = dal.lastAuditRecord(this.db);
    return signHead(this.key, {
      id: last?.id ?? 0,
      hash: last?.hash ?? GENESIS_HASH,
      at: last?.at ?? '',
      keyedFrom: last ? this.keyedFrom() : 0,
    });
  }

  /** Points the anchor at the head as it stands now, whatever it said (first start, restore). */
  resetAnchor(): SignedHead | null {
    if (!this.anchor) return null;
    const head = this.currentHead();
    this.flushedId = head.id;
    return this.anchor.reset(head);
  }

  /** Tells the sinks the chain now ends at a restored head (after `resetAnchor`). */
  announceRestore(restored: RestoredHead): void {
    for (const sink of this.sinks) {
      try {
        sink.restored(restored);
      } catch (e) {
        console.error('Kurator: an audit anchor sink failed on restore:', e);
      }
    }
  }

  addSink(sink: AuditAnchorSink): void {
    this.sinks.push(sink);
  }

  /** Names the journal key without revealing it. */
  keyId(): string {
    return keyIdOf(this.key);
  }

  /** A digest only this office can make (the journal key), e.g. of a login no operator has. */
  digest(purpose: string, text: string): string {
    return keyedDigest(this.key, purpose, text).slice(0, 16);
  }

  /**
   * Whether the newest row this operator wrote concerns this person and is less than `withinMs`
   * old: what they are looking at is already at the top of the log.
   */
  lastConcerns(actor: Actor, personId: number, withinMs: number): boolean {
    if (actor.operatorId === null) return false;
    const last = dal.lastRowBy(this.db, actor.operatorId);
    return !!last && last.personId === personId && this.clock.now().getTime() - Date.parse(last.at) < withinMs;
  }

  page(filter: AuditFilter, limit: number, offset: number): { rows: AuditRow[]; total: number } {
    return {
      rows: dal.pageAudit(this.db, filter, limit, offset).map(toRow),
      total: dal.countAudit(this.db, filter),
    };
  }

  actions(): string[] {
    return dal.auditActions(this.db);
  }

  /** Recomputes the whole chain and checks it against the anchor file (see `verifyChain`). */
  verify(): AuditVerifyResult {
    const anchor: AnchorState = this.anchor ? this.anchor.read() : { kind: 'none' };
    return verifyChain(() => dal.iterateAudit(this.db), this.key, anchor);
  }

  /** Checks another copy of a journal (a backup's rows) with this office's key. */
  verifyRows(rows: () => Iterable<dal.AuditRecord>, anchor: AnchorState): AuditVerifyResult {
    return verifyChain(rows, this.key, anchor);
  }

  /** Checks this journal against a head remembered elsewhere (a manifest's). */
  checkHead(head: SignedHead): AuditVerifyResult {
    return verifyChain(() => dal.iterateAudit(this.db), this.key, { kind: 'head', head });
  }

  /**
   * The head as the portal is given it with each round (#11): the newest row's number and hash, never
   * its contents, and a MAC that shows later that a head the portal returns is one this office sent.
   */
  portalHead(): AuditHead | null {
    const last = dal.lastAuditRecord(this.db);
    return last ? { id: last.id, hash: last.hash, mac: this.portalMac(last.id, last.hash) } : null;
  }

  /** The row at `id` as the portal is shown it (number and hash), if this journal has one. */
  rowAt(id: number): { id: number; hash: string } | null {
    const hash = dal.auditHashAt(this.db, id);
    return hash === undefined ? null : { id, hash };
  }

  private portalMac(id: number, hash: string): string {
    return keyedDigest(this.key, 'portal-head', JSON.stringify([id, hash]));
  }

  /**
   * Checks this journal against the heads the portal holds (the newest, then earlier ones of the same
   * device): each row must be here with the same hash. A head anchored by another device (the
   * database a restore replaced) is not this journal's: checked after the next round.
   */
  checkPortal(anchor: PortalAnchor, deviceId: string | null): PortalAnchorCheck {
    if (!anchor.head) return { state: 'none' };
    if (anchor.head.deviceId !== deviceId) return { state: 'other_device', anchorId: anchor.head.id };
    const last = dal.lastAuditRecord(this.db)?.id ?? 0;
    for (const h of [anchor.head, ...anchor.earlier]) {
      if (h.deviceId !== deviceId || h.mac !== this.portalMac(h.id, h.hash)) return { state: 'invalid', anchorId: h.id };
      if (h.id > last) return { state: 'truncated', anchorId: h.id, badId: last + 1 };
      if (dal.auditHashAt(this.db, h.id) !== h.hash) return { state: 'rewritten', anchorId: h.id, badId: h.id };
    }
    return { state: 'ok', anchorId: anchor.head.id };
  }

  /**
   * The journal as CSV for a spreadsheet: details in words as on screen, times in the school's local
   * time with the zone named in the header. The hash stays, so a row can be matched to the database.
   */
  exportCsv(filter: AuditFilter, ctx: DetailsContext = {}): { content: string; rows: number } {
    let rows = 0;
    const body = function* (records: Iterable<dal.AuditRecord>) {
      for (const r of records) {
        rows += 1;
        const details = auditDetailsText(JSON.parse(r.details) as Record<string, unknown>, ctx);
        yield [
          r.id,
          localDateTime(r.at),
          r.operatorLogin,
          r.action,
          t.auditActions[r.action] ?? r.action,
          r.personLabel,
          r.personId,
          details,
          r.hash,
        ];
      }
    };
    const header = t.audit.csvHeader.map((h, i) => (i === 1 ? t.desk.audit.csvTime(timeZoneLabel(this.clock.now())) : h));
    const content = toCsv(header, body(dal.iterateAudit(this.db, filter)));
    return { content, rows };
  }
}
