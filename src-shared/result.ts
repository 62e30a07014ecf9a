// Errors travel as data across the RPC boundary: never as thrown exceptions.

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
  code: ErrorCode;
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

/** An error a service throws on purpose; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly issues: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message: string, extra: { field?: string; retryAfterMs?: number; issues?: FieldIssue[] } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = extra.field;
    this.retryAfterMs = extra.retryAfterMs;
    this.issues = extra.issues;
  }
  toRpcError(): RpcError {
    const e: RpcError = { code: this.code, message: this.message };
    if (this.field !== undefined) e.field = this.field;
    if (this.retryAfterMs !== undefined) e.retryAfterMs = this.retryAfterMs;
    if (this.issues !== undefined) e.issues = this.issues;
    return e;
  }
}
