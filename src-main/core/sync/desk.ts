// The walk-in desk's requests to the portal (#9). The portal owns accounts: the desk writes a request
// (journaled with the operator, the person, the reason and «документ проверен»), the outbox trigger
// (migration 0006) queues it in the same transaction, the next sync round carries it up, and the
// outcome comes down (pull.ts → `applyOutcome`). A reset slip's secrets exist in clear only while the
// slip is made: the office keeps the token's SHA-256 and the short code's keyed hash.
import { tx, sql, type Db } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import type { Actor, AuditLog, PersonRef } from '../services/audit.ts';
import type { Settings } from '../services/settings.ts';
import type { OfficeSecrets } from '../secrets/key-file.ts';
import { AppError } from '../../../src-shared/result.ts';
import { readLogin } from '../../../src-shared/auth/login.ts';
import { isMobilePhone, normalizeEmail, normalizePhone } from '../../../src-shared/roster/normalize.ts';
import type { DeskAction, DeskChange, DeskEndedChange, DeskEntry, DeskRefusal } from '../../../src-shared/sync/protocol.ts';
import type { z } from '../../../src-shared/z.ts';
import { tokenDigest, typedToken, urlToken } from '../../../src-node/tokens.ts';
import { resetCodeDigest } from '../../../src-node/code-hash.ts';
import type { DeskRequestView } from '../../../src-shared/sync/views.ts';
import { slipInForce } from '../../../src-shared/sync/desk-words.ts';
import { RESET_CODE_SYMBOLS, printedResetCode, readResetCode } from '../../../src-shared/tokens/reset-code.ts';
import { errorMessage } from '../../../src-shared/i18n/index.ts';
import { t } from '../../../src-shared/i18n/index.ts';

const w = t.deskAccounts;

/** Who the journal says reported an outcome. */
const PORTAL: Actor = { operatorId: null, login: null, via: 'app' };
/** The short code on a slip: 10 symbols of Crockford base32 (50 bits; the portal throttles guesses). */

export interface DeskDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  settings: Settings;
  secrets: OfficeSecrets;
  personRef(id: number): PersonRef | undefined;
}

export interface DeskInput {
  reason: string;
  documentChecked: boolean;
}

export interface ResetSlip {
  request: string;
  login: string;
  /** The link in the QR: `PREFIX/reset?t=TOKEN`. */
  link: string;
  /** The page to type the short code on: `PREFIX/reset`. */
  page: string;
  code: string;
  notAfter: string;
}

interface AccountRef {
  uid: string;
  login: string;
  personUid: string;
}

function accountRef(db: Db, personId: number): AccountRef {
  const row = sql(
    db,
    `SELECT a.uid, a.login, a.person_uid AS personUid FROM portal_accounts a JOIN people p ON p.uid = a.person_uid
     WHERE p.id = ? ORDER BY a.disabled, a.registered_at DESC LIMIT 1`,
  ).get(personId) as AccountRef | undefined;
  if (!row) throw new AppError('desk.no_account');
  return row;
}

/** The person whose account has this login (any case), or null. */
export function personByLogin(db: Db, login: string): number | null {
  const row = sql(db, 'SELECT p.id FROM portal_accounts a JOIN people p ON p.uid = a.person_uid WHERE a.login = ?').get(
    readLogin(login),
  ) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * People whose logins begin with what was typed (a parent remembers `mamontova…`), at most `limit`.
 * A range of the login index: every login that begins with `typed` sorts from `typed` up to `typed`
 * followed by the highest character (logins are ASCII).
 */
export function peopleByLoginStart(db: Db, start: string, limit: number): { id: number; login: string }[] {
  const typed = readLogin(start);
  return sql(
    db,
    `SELECT p.id, a.login FROM portal_accounts a JOIN people p ON p.uid = a.person_uid
     WHERE a.login >= @typed AND a.login < @typed || char(1114111) ORDER BY a.disabled, a.login LIMIT @limit`,
  ).all({ typed, limit }) as { id: number; login: string }[];
}

/** `https://host/s/1399/hello` → `https://host/s/1399/reset`. */
export function resetPage(registrationUrl: string): string {
  const u = new URL(registrationUrl);
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/\/[^/]*$/, '/reset');
  return u.toString();
}

export class DeskRequests {
  private readonly deps: DeskDeps;
  constructor(deps: DeskDeps) {
    this.deps = deps;
  }

  /** A reset slip's request: a fresh token and code, valid at most `resetSlipHours` from now. */
  reset(actor: Actor, personId: number, input: DeskInput): ResetSlip {
    const { clock, secrets, settings } = this.deps;
    const pairing = secrets.portal();
    if (!pairing) throw new AppError('sync.not_paired');
    const token = urlToken(16);
    const code = typedToken(RESET_CODE_SYMBOLS);
    const codeKey = Buffer.from(pairing.codeKey, 'base64url');
    const notAfter = new Date(clock.now().getTime() + settings.get().resetSlipHours * 3_600_000).toISOString();
    const page = resetPage(settings.registrationAddress());
    const { request, account } = this.write(actor, personId, 'reset', input, {
      token_hash: tokenDigest(token),
      code_hash: resetCodeDigest(codeKey, code),
      not_after: notAfter,
    });
    return { request, login: account.login, link: `${page}?t=${token}`, page, code: printedResetCode(code), notAfter };
  }

  /** New email and/or phone for the account: to be confirmed by their owner before recovery uses them. */
  contacts(actor: Actor, personId: number, input: DeskInput & { email?: string; phone?: string }): string {
    const email = input.email?.trim() ? normalizeEmail(input.email) : null;
    // A recovery phone must take an SMS: a landline, or a mobile with a digit missing (read as a 10-digit
    // number in another code), was saved and shown to the parent as theirs.
    const typedPhone = input.phone?.trim() ? normalizePhone(input.phone) : null;
    const phone = typedPhone && isMobilePhone(typedPhone) ? typedPhone : null;
    const badEmail = !!input.email?.trim() && !email;
    const badPhone = !!input.phone?.trim() && !phone;
    // Both mistyped: both said at once, each on its field, not one per try.
    if (badEmail && badPhone) {
      const issues = (['email', 'phone'] as const).map((f) => ({
        path: f,
        message: errorMessage({ reason: `desk.bad_${f}`, params: undefined }),
      }));
      throw new AppError('desk.bad_email', { field: 'email', issues });
    }
    if (badEmail) throw new AppError('desk.bad_email', { field: 'email' });
    if (badPhone) throw new AppError('desk.bad_phone', { field: 'phone' });
    if (!email && !phone) throw new AppError('desk.no_change', { field: 'email' });
    return this.write(actor, personId, 'contacts', input, { email, phone }).request;
  }

  /** Lock, unlock, or end every session of the account. */
  simple(actor: Actor, personId: number, action: 'lock' | 'unlock' | 'sign_out_all', input: DeskInput): string {
    return this.write(actor, personId, action, input, {}).request;
  }

  private write(
    actor: Actor,
    personId: number,
    action: DeskAction,
    input: DeskInput,
    extra: { token_hash?: string; code_hash?: string; not_after?: string; email?: string | null; phone?: string | null },
  ): { request: string; account: AccountRef } {
    const { db, clock, audit } = this.deps;
    const reason = input.reason.trim();
    if (reason.length < 3 || reason.length > 500) throw new AppError('desk.reason_required', { field: 'reason' });
    return tx(db, () => {
      const account = accountRef(db, personId);
      const row = sql(
        db,
        `INSERT INTO desk_requests (action, person_id, account_uid, operator_id, reason, document_checked, email, phone,
           token_hash, code_hash, not_after, created_at)
         VALUES (@action, @person, @account, @operator, @reason, @doc, @email, @phone, @token, @code, @notAfter, @at) RETURNING uid`,
      ).get({
        action,
        person: personId,
        account: account.uid,
        operator: actor.operatorId,
        reason,
        doc: input.documentChecked ? 1 : 0,
        email: extra.email ?? null,
        phone: extra.phone ?? null,
        token: extra.token_hash ?? null,
        code: extra.code_hash ?? null,
        notAfter: extra.not_after ?? null,
        at: isoNow(clock),
      }) as { uid: string };
      audit.append(actor, {
        action: `desk.${action}`,
        person: this.deps.personRef(personId),
        details: {
          login: account.login,
          reason,
          documentChecked: input.documentChecked,
          request: row.uid,
          ...(extra.email ? { email: extra.email } : {}),
          ...(extra.phone ? { phone: extra.phone } : {}),
          ...(extra.not_after ? { notAfter: extra.not_after } : {}),
        },
      });
      return { request: row.uid, account };
    });
  }

  /** The person's requests, newest first, with what the portal said. */
  of(personId: number): DeskRequestView[] {
    return viewsWhere(this.deps, 'r.person_id = ?', personId);
  }

  byUid(uid: string): DeskRequestView | null {
    return viewsWhere(this.deps, 'r.uid = ?', uid)[0] ?? null;
  }

  /**
   * A reset slip's printed code typed at the desk (a parent brings the slip back): whose slip and its
   * request, or null when it is none of this office's slips. Only a code with its check symbol is
   * looked up (ten symbols are an invitation code's length). Journaled by its last symbols only.
   */
  slipByCode(actor: Actor, typed: string): { personId: number; request: DeskRequestView; code: string } | null {
    const read = readResetCode(typed);
    const pairing = this.deps.secrets.portal();
    if (!read.ok || read.legacy || !pairing) return null;
    const digest = resetCodeDigest(Buffer.from(pairing.codeKey, 'base64url'), read.secret);
    const row = sql(this.deps.db, "SELECT uid, person_id AS personId FROM desk_requests WHERE action = 'reset' AND code_hash = ?").get(
      digest,
    ) as { uid: string; personId: number } | undefined;
    if (!row) return null;
    const request = this.byUid(row.uid)!;
    this.deps.audit.append(actor, {
      action: 'desk.slip_lookup',
      person: this.deps.personRef(row.personId),
      details: { request: row.uid, codeEnd: read.secret.slice(-3) },
    });
    return { personId: row.personId, request, code: printedResetCode(read.secret) };
  }
}

function viewsWhere({ db, clock }: { db: Db; clock: Clock }, where: string, arg: unknown): DeskRequestView[] {
  const now = clock.now();
  return sql(
    db,
    `SELECT r.uid, r.action, r.reason, r.document_checked AS documentChecked, r.created_at AS createdAt, o.login AS operator,
       r.state, r.refusal, r.outcome_at AS outcomeAt, r.not_after AS notAfter, r.expires_at AS expiresAt, r.used_at AS usedAt,
       r.ended_at AS endedAt,
       r.email, r.phone,
       CASE WHEN r.action = 'reset' THEN (SELECT min(n.created_at) FROM desk_requests n
         WHERE n.person_id = r.person_id AND n.action = 'reset' AND n.id > r.id AND n.state != 'refused') END AS replacedAt
     FROM desk_requests r LEFT JOIN operators o ON o.id = r.operator_id WHERE ${where} ORDER BY r.id DESC LIMIT 50`,
  )
    .all(arg)
    .map((row) => {
      const r = { ...(row as DeskRequestView), documentChecked: (row as { documentChecked: number }).documentChecked === 1 };
      return { ...r, inForce: slipInForce(r, now) };
    });
}

/** A desk request as it goes up (the row as it was written; requests never change). */
export function deskBody(db: Db, uid: string): z.infer<typeof DeskEntry> | null {
  const r = sql(
    db,
    `SELECT r.uid, r.action, r.account_uid AS accountUid, p.uid AS personUid, r.token_hash AS tokenHash, r.code_hash AS codeHash,
       r.not_after AS notAfter, r.email, r.phone, r.created_at AS at
     FROM desk_requests r JOIN people p ON p.id = r.person_id WHERE r.uid = ?`,
  ).get(uid) as z.infer<typeof DeskEntry> | undefined;
  return r ? { ...r, entity: 'desk' } : null;
}

/** The portal ended a delivered slip before its use (the password was changed another way); journaled. */
export function applyEnded(
  deps: { db: Db; audit: AuditLog; personRef(id: number): PersonRef | undefined },
  c: z.infer<typeof DeskEndedChange>,
) {
  const row = sql(deps.db, 'SELECT person_id AS personId FROM desk_requests WHERE uid = ? AND ended_at IS NULL').get(c.uid) as
    { personId: number } | undefined;
  if (!row) return;
  sql(deps.db, 'UPDATE desk_requests SET ended_at = ? WHERE uid = ?').run(c.at, c.uid);
  deps.audit.append(PORTAL, {
    action: 'desk.outcome',
    person: deps.personRef(row.personId),
    details: { request: c.uid, action: w.actionNames.reset, outcome: w.outcomeEnded },
  });
}

/** What the portal said about a request; journaled, so the audit shows each step. */
export function applyOutcome(
  deps: { db: Db; audit: AuditLog; personRef(id: number): PersonRef | undefined },
  c: z.infer<typeof DeskChange>,
) {
  const { db } = deps;
  const row = sql(db, 'SELECT person_id AS personId, action FROM desk_requests WHERE uid = ?').get(c.uid) as
    { personId: number; action: DeskAction } | undefined;
  if (!row) return;
  if (c.outcome === 'used') {
    sql(db, 'UPDATE desk_requests SET used_at = ? WHERE uid = ?').run(c.at, c.uid);
  } else {
    sql(db, 'UPDATE desk_requests SET state = ?, refusal = ?, outcome_at = ?, expires_at = ? WHERE uid = ?').run(
      c.outcome,
      c.refusal satisfies DeskRefusal | null,
      c.at,
      c.expiresAt,
      c.uid,
    );
  }
  deps.audit.append(PORTAL, {
    action: 'desk.outcome',
    person: deps.personRef(row.personId),
    // In words, as the journal shows them.
    details: {
      request: c.uid,
      action: w.actionNames[row.action],
      outcome: c.outcome === 'used' ? w.outcomeUsed : w.states[c.outcome],
      ...(c.refusal ? { refusal: w.refusals[c.refusal] } : {}),
    },
  });
}
