// Errors travel as data across the RPC boundary: never as thrown exceptions.
import { REASONS, type ParamsOf, type Reason } from './errors.ts';
import { errorMessage } from './i18n/index.ts';

export type ErrorCode =
  | 'invalid_input' // arguments did not parse; `issues` names the fields
  | 'unauthenticated' // no signed-in operator in this session
  | 'locked' // session is locked: only unlock or sign out
  | 'forbidden' // role may not do this
  | 'throttled' // too many wrong passwords: wait `retryAfterMs`
  | 'setup_required' // first-run setup has not been done
  | 'already_set_up'
  | 'not_found'
  | 'conflict'
  | 'unavailable' // the feature is not available in this mode
  | 'busy' // the database is held by another operation: try again shortly
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `login` or `rows.3.phone`. */
  path: string;
  message: string;
}

export interface RpcError {
  /** The coarse category (transports, session handling). */
  code: ErrorCode;
  /** What exactly failed (`code.redeemed`, `import.too_large`, …): what clients branch on. */
  reason: Reason;
  /** A message for the user, in Russian. */
  message: string;
  /** The first field at fault, for forms that highlight it. */
  field?: string;
  issues?: FieldIssue[];
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: RpcError): { ok: false; error: RpcError } => ({ ok: false, error });

export interface ErrorExtra {
  field?: string;
  retryAfterMs?: number;
  issues?: FieldIssue[];
}

/** `new AppError(reason, extra?)` for a reason without parameters, `new AppError(reason, params, extra?)` otherwise. */
export type ReasonArgs<R extends Reason> = ParamsOf<R> extends undefined ? [extra?: ErrorExtra] : [params: ParamsOf<R>, extra?: ErrorExtra];

/**
 * A failure a service throws on purpose: a reason from the catalog (`src-shared/errors.ts`) and its
 * parameters, no text. The edge (dispatcher, CLI, Electron shell) turns it into the user's language.
 * `message` is the reason itself, for logs.
 */
export class AppError<R extends Reason = Reason> extends Error {
  readonly reason: R;
  readonly params: ParamsOf<R>;
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly issues: FieldIssue[] | undefined;
  constructor(reason: R, ...args: ReasonArgs<R>) {
    super(reason);
    this.name = 'AppError';
    const entry = REASONS[reason];
    const extra = ((entry.takesParams ? args[1] : args[0]) ?? {}) as ErrorExtra;
    this.reason = reason;
    this.params = (entry.takesParams ? args[0] : undefined) as ParamsOf<R>;
    this.code = entry.code;
    this.field = extra.field;
    this.retryAfterMs = extra.retryAfterMs;
    this.issues = extra.issues;
  }

  /** The error as the transports send it, with its message in the user's language. */
  toRpcError(): RpcError {
    const e: RpcError = { code: this.code, reason: this.reason, message: errorMessage(this) };
    if (this.field !== undefined) e.field = this.field;
    if (this.retryAfterMs !== undefined) e.retryAfterMs = this.retryAfterMs;
    if (this.issues !== undefined) e.issues = this.issues;
    return e;
  }
}

/** `{ ok: false, error }` for a reason: for transports that answer without throwing. */
export const failWith = <R extends Reason>(reason: R, ...args: ReasonArgs<R>): { ok: false; error: RpcError } =>
  fail(new AppError(reason, ...args).toRpcError());
