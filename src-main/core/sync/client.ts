// The office's HTTP client of the portal's sync API: https only (plain http only to this machine),
// JSON checked with the protocol's schemas both ways, every failure an AppError with a reason — a
// refusal of the protocol (`sync.gap`, `sync.device_behind` …) as the portal sent it, anything else
// as "unreachable", "failed" or "bad answer". Each call gives up after a timeout: a lost answer is
// simply asked again (every call is safe to repeat).
import { parseSchoolAddress } from '../../../src-shared/sync/address.ts';
import { AppError } from '../../../src-shared/result.ts';
import { isReason } from '../../../src-shared/errors.ts';
import type { z } from '../../../src-shared/z.ts';
import { MAX_PUSH_ENTRIES, PUSH_LIMIT_HEADER, pushLimitOf, SYNC_PATH, SyncRefusal } from '../../../src-shared/sync/protocol.ts';

/** The school's sync API base (`https://1399.ejgur.ru/sync/v1`) from its registration address. */
export function syncBase(address: string): string {
  const location = parseSchoolAddress(address);
  if (location === 'not_https') throw new AppError('sync.https_required', { field: 'url' });
  if (typeof location === 'string') throw new AppError('sync.bad_address', { problem: location }, { field: 'url' });
  return `${new URL(address.trim()).protocol}//${location.host}${location.prefix}${SYNC_PATH}`;
}

/** Reasons the portal may refuse with, as the office's catalog knows them. */
const REFUSALS = new Set([
  'sync.gap',
  'sync.device_behind',
  'sync.device_forked',
  'sync.device_superseded',
  'sync.unpaired',
  'sync.no_school',
  'sync.already_paired',
  'sync.bad_key',
  'sync.version',
  'sync.bad_request',
  'sync.pair_wrong_address',
]);

export class PortalClient {
  private readonly base: string;
  private readonly secret: string | null;
  private readonly timeoutMs: number;
  /** Entries per push the portal takes, as its last answer said (a portal from before says nothing: 500). */
  pushLimit = MAX_PUSH_ENTRIES;
  /**
   * Whether the last answer (a refusal too) came from a portal that says its push limit: one that
   * knows every field an office of this version sends. False until an answer came.
   */
  portalIsCurrent = false;

  constructor(address: string, secret: string | null, timeoutMs: number) {
    this.base = syncBase(address);
    this.secret = secret;
    this.timeoutMs = timeoutMs;
  }

  async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, answer: S): Promise<z.infer<S>> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.secret ? { authorization: `Bearer ${this.secret}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      throw new AppError('sync.unreachable', { detail: networkProblem(e) });
    }
    this.portalIsCurrent = res.headers.has(PUSH_LIMIT_HEADER);
    let json: unknown;
    try {
      json = await res.json();
    } catch (e) {
      if (!res.ok) throw new AppError('sync.portal_failed', { status: res.status });
      if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError')
        throw new AppError('sync.unreachable', { detail: networkProblem(e) });
      throw new AppError('sync.bad_answer');
    }
    if (!res.ok) throw refusal(res.status, json);
    const parsed = answer.safeParse(json);
    if (!parsed.success) throw new AppError('sync.bad_answer');
    this.pushLimit = pushLimitOf(res.headers.get(PUSH_LIMIT_HEADER));
    return parsed.data;
  }
}

function refusal(status: number, json: unknown): AppError {
  const r = SyncRefusal.safeParse(json);
  if (!r.success || !REFUSALS.has(r.data.reason) || !isReason(r.data.reason)) return new AppError('sync.portal_failed', { status });
  if (r.data.reason === 'sync.gap') return new AppError('sync.gap', { expected: r.data.expected ?? 0 });
  if (r.data.reason === 'sync.pair_wrong_address') return new AppError('sync.pair_wrong_address', { address: r.data.address ?? '' });
  return new AppError(r.data.reason as 'sync.unpaired');
}

/** What went wrong on the way, in a word an IT person recognizes (ECONNREFUSED, timeout, a DNS name). */
function networkProblem(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}
