import { ru } from './ru.ts';
import type { ParamsOf, Reason } from '../errors.ts';

/** The active message set. A second language is a second object of type `Messages`. */
export const t = ru;
export type { Messages } from './ru.ts';

/** The user's text for a failure reason and its parameters (an `AppError` fits). */
export function errorMessage<R extends Reason>(e: { reason: R; params: ParamsOf<R> }): string {
  const text = t.reasons[e.reason] as string | ((params: ParamsOf<R>) => string);
  return typeof text === 'function' ? text(e.params) : text;
}
