import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import * as dal from '../dal/audit.ts';
import type { AuditFilter } from '../../../src-shared/schemas/audit.ts';
import type { AuditRow, AuditVerifyResult } from '../../../src-shared/rpc/types.ts';
import { toCsv } from '../../../src-node/csv.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { auditDetailsText, localDateTime, type DetailsContext } from '../../../src-shared/audit/details.ts';

/** `Europe/Moscow, UTC+3`: the zone of the computer's local time (the school's), with its offset now. */
export function timeZoneLabel(at: Date): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const offset = `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return zone ? `${zone}, ${offset}` : offset;
}

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

export const GENESIS_HASH = '0'.repeat(64);

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

export function rowHash(r: Omit<dal.AuditRecord, 'hash'>): string {
  const canonical = JSON.stringify([
    r.id,
    r.at,
    r.operatorId,
    r.operatorLogin,
    r.action,
    r.personKind,
    r.personId,
    r.personLabel,
    r.details,
    r.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
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

export class AuditLog {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Appends one row, chained to the last; joins the caller's transaction when there is one. */
  append(actor: Actor, entry: AuditEntry): number {
    const details = { ...entry.details, ...(actor.via === 'cli' ? { via: 'cli' } : {}) };
    assertNoSecrets(details);
    return tx(this.db, () => {
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
      dal.insertAuditRow(this.db, { ...base, hash: rowHash(base) });
      return base.id;
    });
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

  /** Recomputes the whole chain; reports the first row that does not hold. */
  verify(): AuditVerifyResult {
    let prev = GENESIS_HASH;
    let expectedId = 1;
    let checked = 0;
    for (const r of dal.iterateAudit(this.db)) {
      if (r.id !== expectedId) return { ok: false, checked, badId: expectedId, reason: 'gap' };
      const { hash, ...rest } = r;
      if (rowHash(rest) !== hash) return { ok: false, checked, badId: r.id, reason: 'hash' };
      if (r.prevHash !== prev) return { ok: false, checked, badId: r.id, reason: 'link' };
      prev = hash;
      expectedId += 1;
      checked += 1;
    }
    return { ok: true, checked };
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
