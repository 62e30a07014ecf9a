// Sync with the registration portal as the desk, the CLI and the app's timer use it: pairing (the
// secrets go to the key file, 0600), unpairing, one round at a time (across processes too), and the
// state the curator sees. The office works the same whether the portal answers or not: a round that
// fails leaves everything queued and says why.
import { randomUUID } from 'node:crypto';
import { tx, type Db } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import type { Actor, AuditLog, PersonRef } from '../services/audit.ts';
import type { Settings } from '../services/settings.ts';
import type { OfficeSecrets, PortalPairing } from '../secrets/key-file.ts';
import { asAppError } from '../errors.ts';
import { AppError } from '../../../src-shared/result.ts';
import { errorMessage } from '../../../src-shared/i18n/index.ts';
import { isReason } from '../../../src-shared/errors.ts';
import { sameAddress } from '../../../src-shared/sync/address.ts';
import { DeviceState, PairResponse, PROTOCOL_VERSION } from '../../../src-shared/sync/protocol.ts';
import { z } from '../../../src-shared/z.ts';
import type {
  AccountListRow,
  AccountListsRow,
  ClassProgress,
  ClassRegistration,
  PortalAccountView,
  RecoveryEventView,
  RegistrationProgress,
  SyncStatus,
} from '../../../src-shared/sync/views.ts';
import type { AuditVerifyResult } from '../../../src-shared/rpc/types.ts';
import * as accounts from './accounts.ts';
import { accountLists, progress, registrationProgress } from './progress.ts';
import { PortalClient, syncBase } from './client.ts';
import { renewDevice, runRound, type RoundProgress, type RoundResult } from './engine.ts';
import { checkPortalAnchor, withPortal } from './anchor.ts';
import { becomeDevice } from './pull.ts';
import * as store from './store.ts';

/** How long one call to the portal may take before it is given up (and asked again next time). */
const DEFAULT_TIMEOUT_MS = 20_000;
/** A round's claim lapses after this, should its process hang (a killed one is noticed at once). */
const ROUND_LEASE_MS = 10 * 60_000;

export interface SyncDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  settings: Settings;
  secrets: OfficeSecrets;
  personRef(id: number): PersonRef | undefined;
}

/** Whether the process named in a round claim ('pid:token') still runs on this machine. */
function alive(holder: string): boolean {
  const pid = Number(holder.split(':')[0]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pairing made: `again` when a paired office took a new key in place. */
export interface Paired {
  address: string;
  schoolName: string;
  again: boolean;
}

export class Sync {
  /** Tests shorten it; a real portal gets 20 s per call. */
  timeoutMs = Number(process.env.KURATOR_SYNC_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  private readonly deps: SyncDeps;
  private running: Promise<RoundResult> | null = null;
  /** Those following the running round on their bar. */
  private readonly watchers = new Set<RoundProgress>();
  /** The device the portal knew before a restore in progress replaced the database (see `restoring`). */
  private replacedDevice: string | null = null;

  constructor(deps: SyncDeps) {
    this.deps = deps;
  }

  isPaired(): boolean {
    return this.deps.secrets.portal() !== null;
  }

  /**
   * Pairs this database with the school on the portal: the address as printed on the slips, the
   * one-time key from the portal's admin. Everything the office holds goes up with the next round.
   * An office already paired with that address takes the key in place (`again`), as `pairAgain`
   * does: `portal pair` with a new key is how the command line pairs again.
   */
  async pair(actor: Actor, url: string, key: string): Promise<Paired> {
    return this.exclusive(() => this.pairNow(actor, url, key));
  }

  private async pairNow(actor: Actor, url: string, key: string): Promise<Paired> {
    const { secrets } = this.deps;
    const address = url.trim();
    syncBase(address);
    const pairing = secrets.portal();
    if (pairing) {
      if (!sameAddress(address, pairing.address)) throw new AppError('sync.office_paired');
      return { ...(await this.pairAgainNow(actor, pairing, key)), again: true };
    }
    const printed = this.deps.settings.get().registrationUrl;
    if (!sameAddress(address, printed)) throw new AppError('sync.address_mismatch', { printed }, { field: 'url' });
    return { ...(await this.pairWithPortal(actor, address, key)), again: false };
  }

  /**
   * Pairs again with a new key in place — the portal forgot this office (its admin issued a new key):
   * the office becomes a new device, like any pairing (its queue is replaced by a snapshot of every
   * row, so a change made meanwhile goes up, once), and keeps its pull cursor: the school's changes
   * it already brought down are not brought again.
   */
  async pairAgain(actor: Actor, key: string): Promise<{ address: string; schoolName: string }> {
    return this.exclusive(async () => {
      const pairing = this.deps.secrets.portal();
      if (!pairing) throw new AppError('sync.not_paired');
      return this.pairAgainNow(actor, pairing, key);
    });
  }

  private async pairAgainNow(actor: Actor, pairing: PortalPairing, key: string): Promise<{ address: string; schoolName: string }> {
    try {
      return await this.pairWithPortal(actor, pairing.address, key);
    } catch (e) {
      // «Another database is paired» when that database is this one: the portal has not forgotten it.
      if (e instanceof AppError && e.reason === 'sync.already_paired' && (await this.portalKnowsThisDevice(pairing))) {
        throw new AppError('sync.still_paired');
      }
      throw e;
    }
  }

  /** Whether the portal still takes this office's secret and holds this database as its device. */
  private async portalKnowsThisDevice(pairing: PortalPairing): Promise<boolean> {
    try {
      const there = await new PortalClient(pairing.address, pairing.syncSecret, this.timeoutMs).call(
        'GET',
        'device',
        undefined,
        DeviceState,
      );
      return there.deviceId === store.readState(this.deps.db).deviceId;
    } catch {
      return false; // the refusal stands as the portal gave it
    }
  }

  private async pairWithPortal(actor: Actor, address: string, key: string): Promise<{ address: string; schoolName: string }> {
    const { db, secrets } = this.deps;
    // Kept until the pairing is done: asking again after a lost answer is the same device.
    const deviceId = tx(db, () => store.pairingDevice(db, randomUUID()));
    const client = new PortalClient(address, null, this.timeoutMs);
    const body = { protocol: PROTOCOL_VERSION, pairingKey: key.trim(), deviceId, address };
    const answer = await client
      .call('POST', 'pair', body, PairResponse)
      .catch((e: unknown) => {
        // A portal from before the address check refuses the field it does not know (its request
        // schema is strict) and could not check it anyway: asked again without it. A current portal
        // says so in every answer, refusals included, and is never asked twice.
        if (e instanceof AppError && e.reason === 'sync.bad_request' && !client.portalIsCurrent) {
          const { address: _checkedByCurrentPortalsOnly, ...older } = body;
          return client.call('POST', 'pair', older, PairResponse);
        }
        throw e;
      })
      .catch((e: unknown) => {
        throw pairingRefusal(e);
      });
    secrets.setPortal({ address, schoolId: answer.schoolId, syncSecret: answer.syncSecret, codeKey: answer.codeKey });
    tx(db, () => {
      const device = { schoolId: answer.schoolId, deviceId, registered: true, previousDeviceId: null, generation: randomUUID() };
      becomeDevice(this.deps, device, actor);
      store.clearError(db);
      this.deps.audit.append(actor, { action: 'portal.pair', details: { address, schoolName: answer.schoolName } });
    });
    return { address, schoolName: answer.schoolName };
  }

  /** Unpairs: the portal forgets this office (another database may pair), and so does the key file. */
  async unpair(actor: Actor): Promise<void> {
    return this.exclusive(() => this.unpairNow(actor));
  }

  private async unpairNow(actor: Actor): Promise<void> {
    const { db, secrets } = this.deps;
    const pairing = secrets.portal();
    if (!pairing) throw new AppError('sync.not_paired');
    try {
      await new PortalClient(pairing.address, pairing.syncSecret, this.timeoutMs).call('POST', 'unpair', {}, z.object({}).loose());
    } catch (e) {
      // Already forgotten there (a new key was issued, or the school removed): nothing left to undo on the portal.
      if (!(e instanceof AppError && (e.reason === 'sync.unpaired' || e.reason === 'sync.no_school'))) throw e;
    }
    secrets.setPortal(null);
    tx(db, () => {
      store.resetDevice(db);
      this.deps.audit.append(actor, { action: 'portal.unpair', details: { address: pairing.address } });
    });
  }

  /**
   * One full round. In this process a second call joins the round in progress; another process's
   * round (the CLI beside the app) is waited for, then this one runs.
   */
  round(options: { wait?: boolean; progress?: RoundProgress } = {}): Promise<RoundResult> {
    if (!this.running) {
      const wait = options.wait ?? true;
      this.running = this.exclusive(() => this.recordedRound(), wait ? undefined : () => this.summary()).finally(
        () => (this.running = null),
      );
    }
    const running = this.running;
    const watcher = options.progress;
    if (watcher) {
      // Whoever asked follows the round, also one it joined.
      this.watchers.add(watcher);
      const unwatch = () => void this.watchers.delete(watcher);
      running.then(unwatch, unwatch);
    }
    return running;
  }

  /**
   * A round that starts after this call, for a change just written that must go up now (a reset
   * slip): a round in progress may have pushed already, so it is waited out (whatever its outcome)
   * rather than joined.
   */
  async freshRound(options: { wait?: boolean } = {}): Promise<RoundResult> {
    if (this.running) await this.running.catch(() => undefined);
    return this.round(options);
  }

  /** Moves whenever a change is queued for the portal (the scheduler sends such changes at once). */
  lastQueued(): number {
    return store.lastQueued(this.deps.db);
  }

  /** Of `ids`, the codes whose latest change the portal has not been sent yet (a reissue, a revoke, a new code). */
  pendingCodeIds(ids: readonly number[]): Set<number> {
    return store.pendingCodeIds(this.deps.db, ids);
  }

  /**
   * Runs `fn` holding the sync claim (rounds, pairing and unpairing never overlap, in this process or
   * across processes); waits for another holder, or gives `busy()` instead when given.
   */
  private async exclusive<T>(fn: () => Promise<T>, busy?: () => T): Promise<T> {
    const { db, clock } = this.deps;
    const holder = `${process.pid}:${randomUUID()}`;
    const deadline = Date.now() + 2 * this.timeoutMs + 60_000;
    for (;;) {
      const now = clock.now();
      const until = new Date(now.getTime() + ROUND_LEASE_MS).toISOString();
      if (tx(db, () => store.takeRound(db, holder, now.toISOString(), until, alive))) break;
      if (busy) return busy();
      if (Date.now() > deadline) return fn(); // a hung holder: its claim is not worth waiting for longer
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      return await fn();
    } finally {
      tx(db, () => store.releaseRound(db, holder));
    }
  }

  private async recordedRound(): Promise<RoundResult> {
    const { db, clock } = this.deps;
    try {
      const pairing = this.deps.secrets.portal();
      if (!pairing) throw new AppError('sync.not_paired');
      const client = new PortalClient(pairing.address, pairing.syncSecret, this.timeoutMs);
      const progress: RoundProgress = (phase, done, total) => this.watchers.forEach((w) => w(phase, done, total));
      const result = await runRound({ ...this.deps, pairing, client, progress });
      store.recordOutcome(db, isoNow(clock), null);
      return result;
    } catch (e) {
      const known = asAppError(e);
      store.recordOutcome(
        db,
        isoNow(clock),
        known ? { reason: known.reason, params: known.params ?? null } : { reason: 'app.internal', params: null },
      );
      throw e;
    }
  }

  /**
   * A restore is about to replace the database (Backups.onRestoring): remember the device the portal
   * knows now, which the restored one replaces — the copy's own may be older (a copy restored twice).
   */
  restoring(): void {
    const s = store.readState(this.deps.db);
    this.replacedDevice = s.deviceRegistered ? s.deviceId : s.previousDeviceId;
  }

  /**
   * The database was restored (Backups.onRestored): a paired office is a new device at once — a fresh
   * id and a snapshot queued, announced in the next round, whose head then starts anew on the portal.
   * The round's own check (the portal says the database is behind or forked) stays the second line.
   */
  restored(): void {
    const pairing = this.deps.secrets.portal();
    const replaces = this.replacedDevice;
    this.replacedDevice = null;
    if (pairing) renewDevice(this.deps, pairing.schoolId, replaces);
  }

  /**
   * `audit verify`: the journal's chain and its anchor file, and when paired the heads the portal
   * holds; a portal that does not answer leaves its part unchecked (said so), never failed.
   */
  async verifyJournal(): Promise<AuditVerifyResult> {
    const local = this.deps.audit.verify();
    const pairing = this.deps.secrets.portal();
    if (!pairing) return local;
    const client = new PortalClient(pairing.address, pairing.syncSecret, this.timeoutMs);
    return withPortal(local, await checkPortalAnchor({ ...this.deps, client }));
  }

  private summary(): RoundResult {
    return { pushed: 0, pulled: 0, pending: store.pendingCount(this.deps.db) };
  }

  /** What the curator sees: paired where, last success, what waits to go up, the last problem in words. */
  status(): SyncStatus {
    const pairing = this.deps.secrets.portal();
    const s = store.readState(this.deps.db);
    let lastError: SyncStatus['lastError'] = null;
    if (s.lastError) {
      const e = JSON.parse(s.lastError) as { reason: string; params: unknown };
      const reason = isReason(e.reason) ? e.reason : 'app.internal';
      lastError = { reason, message: errorMessage({ reason, params: e.params as never }), at: s.lastErrorAt };
    }
    return {
      paired: pairing !== null,
      address: pairing?.address ?? null,
      lastSuccessAt: s.lastSuccessAt,
      lastAttemptAt: s.lastAttemptAt,
      pending: store.pendingCount(this.deps.db),
      lastError,
      superseded: s.superseded === 1,
      running: this.running !== null,
    };
  }
}

/** How many recovery events a card shows: enough to see a pattern, short enough to read. */
const RECENT_RECOVERY_EVENTS = 10;

/** What the desk shows of portal accounts (pulled by the rounds). */
export class PortalAccounts {
  private readonly deps: Pick<SyncDeps, 'db' | 'audit'>;
  constructor(deps: Pick<SyncDeps, 'db' | 'audit'>) {
    this.deps = deps;
  }

  of(personId: number): PortalAccountView | null {
    return accounts.accountOf(this.deps.db, personId);
  }

  /** The newest recovery events (#8) on the person's portal account, for the card. */
  recoveryEvents(personId: number): RecoveryEventView[] {
    return accounts.recoveryEventsOf(this.deps.db, personId, RECENT_RECOVERY_EVENTS);
  }

  ofClass(classId: number): ClassRegistration {
    return accounts.classRegistration(this.deps.db, classId);
  }

  /** Every account (or a class's), journaled as one bulk read. */
  list(actor: Actor, scope: { classId: number; className: string } | null): AccountListRow[] {
    const rows = accounts.listAccounts(this.deps.db, scope?.classId ?? null);
    this.deps.audit.append(actor, { action: 'accounts.list', details: { class: scope?.className ?? 'all', rows: rows.length } });
    return rows;
  }

  /** Registration progress per class (counts only: no journal row). */
  progress(classId: number | null = null): ClassProgress[] {
    return progress(this.deps.db, classId);
  }

  /** The «Регистрация на портале» page: per class, and the school's total row (each person once). */
  registration(classId: number | null = null): RegistrationProgress {
    return registrationProgress(this.deps.db, classId);
  }

  /** The lists for a class (or the school), with names and parents' phones: journaled as one bulk read. */
  lists(actor: Actor, scope: { classId: number; className: string } | null): AccountListsRow[] {
    const rows = accountLists(this.deps.db, scope?.classId ?? null);
    const count = (list: AccountListsRow['list']) => rows.filter((r) => r.list === list).length;
    this.deps.audit.append(actor, {
      action: 'accounts.lists',
      details: { class: scope?.className ?? 'all', notRegistered: count('not_registered'), cannotRecover: count('cannot_recover') },
    });
    return rows;
  }
}

/**
 * A failed pairing in the words of pairing: the key field named; a portal out of reach (or failing)
 * means nothing is paired — not the round's «changes will be sent when it answers».
 */
function pairingRefusal(e: unknown): unknown {
  if (!(e instanceof AppError)) return e;
  if (e.reason === 'sync.bad_key') return new AppError('sync.bad_key', { field: 'key' });
  if (e.reason === 'sync.pair_wrong_address')
    return new AppError('sync.pair_wrong_address', e.params as { address: string }, { field: 'url' });
  if (e.reason === 'sync.no_school') return new AppError('sync.pair_no_school', { field: 'url' });
  if (e.reason === 'sync.unreachable') return new AppError('sync.pair_unreachable', { detail: (e.params as { detail: string }).detail });
  if (e.reason === 'sync.portal_failed')
    return new AppError('sync.pair_unreachable', { detail: `HTTP ${(e.params as { status: number }).status}` });
  return e;
}
