import type { MethodName } from '../../../src-shared/rpc/methods.ts';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/rpc/contract.ts';
import type { Actor } from '../services/audit.ts';
import type { Session } from '../services/auth.ts';

export interface Ctx {
  /** The transport's client: an Electron window or a browser tab. */
  clientKey: string;
  /** Present for every method whose access is not `public` (the dispatcher checks). */
  session: Session | undefined;
  /** The signed-in operator as an audit actor; throws for public calls. */
  actor(): Actor & { operatorId: number };
  /** The session's id: the owner of what it uploads and prepares (a later sign-in on the same tab is another owner). */
  owner(): string;
}

export type Handler<M extends MethodName> = (ctx: Ctx, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
export type HandlerGroup<K extends MethodName> = { [M in K]: Handler<M> };
