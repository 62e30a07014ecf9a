import { contract } from '../../../src-shared/rpc/contract.ts';
import { METHOD_NAMES, type MethodName } from '../../../src-shared/rpc/methods.ts';
import { AppError, fail, ok, type FieldIssue, type Result } from '../../../src-shared/result.ts';
import { roleMay } from '../../../src-shared/roles.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { z } from '../../../src-shared/z.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../services/auth.ts';
import type { Ctx, Handlers } from './types.ts';
import { createHandlers } from './handlers.ts';
import { asAppError } from '../errors.ts';

const KNOWN = new Set<string>(METHOD_NAMES);

export const isMethodName = (name: string): name is MethodName => KNOWN.has(name);

/** Methods that work before first-run setup. */
const BEFORE_SETUP = new Set<MethodName>(['getStatus', 'completeSetup']);
/** Calls that do not count as the operator's activity (the UI polls them). */
const NOT_ACTIVITY = new Set<MethodName>(['getStatus']);

export function describeIssues(error: z.ZodError): { message: string; field?: string; issues: FieldIssue[] } {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = error.issues[0];
  if (!first) return { message: t.errors.invalidInput, issues };
  const key = [...first.path].reverse().find((p) => typeof p === 'string');
  const label = key !== undefined ? (t.fields[key] ?? key) : undefined;
  const message = label ? t.errors.invalidField(label, first.message) : first.message;
  const field = issues[0]?.path;
  return field ? { message, field, issues } : { message, issues };
}

export type Dispatch = (method: string, args: unknown, clientKey: string) => Promise<Result<unknown>>;

/**
 * The single entry point of every transport: parses the argument with the method's zod schema,
 * checks the session and role, runs the handler, and turns every failure into `{ ok: false, error }`.
 */
export function createDispatcher(
  core: Core,
  handlers: Handlers = createHandlers(core),
  log: (e: unknown) => void = (e) => console.error(e),
): Dispatch {
  return async (method, args, clientKey) => {
    if (!isMethodName(method)) return fail({ code: 'not_found', message: `${t.errors.invalidInput} (${method})` });
    const def = contract[method];
    const parsed = def.input.safeParse(args ?? {});
    if (!parsed.success) return fail({ code: 'invalid_input', ...describeIssues(parsed.error) });
    try {
      if (!BEFORE_SETUP.has(method) && core.operators.count() === 0) {
        throw new AppError('setup_required', t.errors.setupRequired);
      }
      const session = core.auth.current(clientKey);
      if (def.access !== 'public') {
        if (!session) throw new AppError('unauthenticated', t.errors.unauthenticated);
        if (def.access !== 'session' && session.locked) throw new AppError('locked', t.errors.locked);
        if (!roleMay(session.operator.role, def.access)) throw new AppError('forbidden', t.errors.forbidden);
      }
      const ctx: Ctx = {
        clientKey,
        session,
        actor: () => {
          if (!session) throw new AppError('unauthenticated', t.errors.unauthenticated);
          return actorOf(session.operator) as ReturnType<Ctx['actor']>;
        },
      };
      const handler = handlers[method] as (ctx: Ctx, input: unknown) => unknown;
      const value = await handler(ctx, parsed.data);
      if (session && !NOT_ACTIVITY.has(method)) core.auth.touch(clientKey);
      return ok(value);
    } catch (e) {
      const known = asAppError(e);
      if (known) return fail(known.toRpcError());
      log(e);
      return fail({ code: 'internal', message: t.errors.internal });
    }
  };
}
