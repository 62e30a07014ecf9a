import { contract } from '../../../src-shared/rpc/contract.ts';
import { METHOD_NAMES, type MethodName } from '../../../src-shared/rpc/methods.ts';
import { AppError, fail, failWith, ok, type Result } from '../../../src-shared/result.ts';
import { roleMay } from '../../../src-shared/roles.ts';
import type { Core } from '../core.ts';
import { actorOf } from '../services/auth.ts';
import type { Ctx, Handlers } from './types.ts';
import { createHandlers } from './handlers.ts';
import { asAppError, invalidInput } from '../errors.ts';

const KNOWN = new Set<string>(METHOD_NAMES);

export const isMethodName = (name: string): name is MethodName => KNOWN.has(name);

/** Methods that work before first-run setup. */
const BEFORE_SETUP = new Set<MethodName>(['getStatus', 'completeSetup']);
/** Calls that do not count as the operator's activity (the UI polls them). */
const NOT_ACTIVITY = new Set<MethodName>(['getStatus', 'getSyncStatus']);

// Kept here too: the CLI imports it from the dispatcher.
export { invalidInput } from '../errors.ts';

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
    if (!isMethodName(method)) return failWith('app.unknown_method', { method });
    const def = contract[method];
    const parsed = def.input.safeParse(args ?? {});
    if (!parsed.success) return fail(invalidInput(parsed.error).toRpcError());
    try {
      if (!BEFORE_SETUP.has(method) && core.operators.count() === 0) {
        throw new AppError('setup.required');
      }
      const session = core.auth.current(clientKey);
      if (def.access !== 'public') {
        if (!session) throw new AppError('auth.required');
        if (def.access !== 'session' && session.locked) throw new AppError('auth.locked');
        if (!roleMay(session.operator.role, def.access)) throw new AppError('auth.forbidden');
      }
      const ctx: Ctx = {
        clientKey,
        session,
        actor: () => {
          if (!session) throw new AppError('auth.required');
          return actorOf(session.operator) as ReturnType<Ctx['actor']>;
        },
        owner: () => {
          if (!session) throw new AppError('auth.required');
          return session.id;
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
      return failWith('app.internal');
    }
  };
}
